import { repeatInBatches, type PersonalDataSection, type RetentionRule } from '@app/shared';

/** Electors are not accounts: an account's only referendum data is where it serves as an officer. */
export const REFERENDUM_SECTION: PersonalDataSection = {
  name: 'referendums',
  async export(manager, accountId) {
    const officer = await manager.query<unknown[]>(
      `SELECT r.id AS "referendumId", r.title, o.polling_station AS "pollingStation", o.created_at AS "assignedAt"
         FROM referendum_officers o JOIN referendums r ON r.id = o.referendum_id WHERE o.account_id = $1 ORDER BY o.created_at`,
      [accountId],
    );
    return { officer };
  },
};

/**
 * Rolls' names and birth dates and the voting codes' hashes, a period after the results are
 * published. The entries' ids, districts and stations stay with the vote marks, so turnout and
 * every ballot box's bulletin board remain as published and recount the same.
 */
export const ROLL_RETENTION: RetentionRule = {
  name: 'rolls',
  describe: (r) => `Electoral rolls' names, birth dates and voting codes, ${r.rollDays} days after the referendum's results are published`,
  async purge(manager, { now, retention, dryRun }) {
    const due = `SELECT e.id FROM roll_entries e JOIN referendums r ON r.id = e.referendum_id
                  WHERE r.status = 'published' AND r.published_at < $1::timestamptz - make_interval(days => $2::int) AND e.purged_at IS NULL`;
    const [{ rows }] = await manager.query<Array<{ rows: number }>>(`SELECT count(*)::int AS rows FROM (${due}) AS due`, [now, retention.rollDays]);
    if (!dryRun && rows > 0) {
      await manager.query(`DELETE FROM revoked_voting_codes c WHERE c.roll_entry_id IN (${due})`, [now, retention.rollDays]);
      await repeatInBatches(
        manager,
        `UPDATE roll_entries SET family_name = NULL, given_names = NULL, birth_date = NULL, code_hash = NULL, failed_attempts = 0, locked_at = NULL, purged_at = $1 WHERE id IN (${due} LIMIT $3)`,
        [now, retention.rollDays],
      );
    }
    return rows;
  },
};
