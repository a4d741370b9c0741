import type { EntityManager } from 'typeorm';
import { actorOf, repeatInBatches, type PersonalDataSection, type RetentionRule } from '@app/shared';
import { AssemblyException } from './assembly.exception.js';

/** The reason a membership ended by an account deletion shows. */
const DELETION_REASON = 'Account deleted';

/** The end of an assembly's term plus the pool retention period has passed (in Paris, by day). */
const TERM_OVER = `(a.term_end + make_interval(months => $1::int)) < ($2::timestamptz AT TIME ZONE 'Europe/Paris')::date`;

/**
 * Seats and duties in assemblies, and the volunteer row a drawn member came from (their pool
 * details). Deleting an account ends its seats and duties (as leaving would, with the reason) and
 * erases the volunteer details; features and the pseudonymous id stay, so the draw still re-runs.
 */
export const ASSEMBLY_SECTION: PersonalDataSection = {
  name: 'assemblies',
  async export(manager, accountId) {
    return manager.query<unknown[]>(
      `SELECT a.id AS "assemblyId", a.name AS "assembly", m.role, m.started_at AS "startedAt", m.ended_at AS "endedAt", m.end_kind AS "endKind", m.end_reason AS "endReason",
              m.name_shown AS "nameShown", m.attendance_code AS "attendanceCode", v.person_id AS "poolPersonId", v.features AS "poolFeatures", v.personal AS "poolDetails",
              (SELECT coalesce(json_agg(json_build_object('sessionId', r.session_id, 'arrivedAt', r.arrived_at, 'leftAt', r.left_at, 'mode', r.mode) ORDER BY r.arrived_at), '[]'::json)
                 FROM attendance_records r WHERE r.membership_id = m.id) AS attendance
         FROM memberships m JOIN assemblies a ON a.id = m.assembly_id
         LEFT JOIN pool_volunteers v ON v.pool_id = m.pool_id AND v.person_id = m.person_id
        WHERE m.account_id = $1 ORDER BY m.started_at`,
      [accountId],
    );
  },
  async erase(manager, accountId, { now, audit }) {
    // As when leaving: an assembly keeps at least one organiser (its rows locked, so two deletions cannot both pass).
    const alone = await manager.query<unknown[]>(
      `SELECT m.assembly_id FROM memberships m WHERE m.account_id = $1 AND m.role = 'organiser' AND m.ended_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.assembly_id = m.assembly_id AND o.role = 'organiser' AND o.ended_at IS NULL AND o.id <> m.id)
        FOR UPDATE`,
      [accountId],
    );
    if (alone.length > 0) throw AssemblyException.lastOrganiser();
    const ended = await manager.query<Array<{ id: string; assembly_id: string; role: string; person_id: string | null }>>(
      `UPDATE memberships SET ended_at = $2, end_kind = 'left', end_reason = $3, ended_by = $1 WHERE account_id = $1 AND ended_at IS NULL RETURNING id, assembly_id, role, person_id`,
      [accountId, now, DELETION_REASON],
    );
    for (const membership of ended) {
      await audit.record(
        {
          actor: actorOf(accountId),
          action: 'membership.left',
          subjectType: 'assembly',
          subjectId: membership.assembly_id,
          data: { membershipId: membership.id, role: membership.role, personId: membership.person_id, reason: DELETION_REASON },
        },
        manager,
      );
    }
    await manager.query(
      `UPDATE pool_volunteers v SET personal = '{}'::jsonb FROM memberships m WHERE m.account_id = $1 AND v.pool_id = m.pool_id AND v.person_id = m.person_id AND v.personal <> '{}'::jsonb`,
      [accountId],
    );
  },
};

/** Counts the rows due, then (unless dry) erases them with `erase`, which runs in batches (`repeatInBatches`). */
async function countThen(manager: EntityManager, count: string, params: unknown[], dryRun: boolean, erase: () => Promise<unknown>): Promise<number> {
  const [{ rows }] = await manager.query<Array<{ rows: number }>>(count, params);
  if (!dryRun && rows > 0) await erase();
  return rows;
}

export const ASSEMBLY_RETENTION: RetentionRule[] = [
  {
    name: 'pool-details',
    describe: (r) => `Volunteers' personal columns (names, contacts) in pools, ${r.poolMonths} months after the assembly's term; ids and features stay, so draws re-run`,
    purge: (manager, { now, retention, dryRun }) => {
      const params = [retention.poolMonths, now];
      const due = `SELECT v.pool_id, v.person_id FROM pool_volunteers v JOIN pools p ON p.id = v.pool_id JOIN assemblies a ON a.id = p.assembly_id WHERE ${TERM_OVER} AND v.personal <> '{}'::jsonb`;
      return countThen(manager, `SELECT count(*)::int AS rows FROM (${due}) AS due`, params, dryRun, async () => {
        await repeatInBatches(manager, `UPDATE pool_volunteers SET personal = '{}'::jsonb WHERE (pool_id, person_id) IN (${due} LIMIT $3)`, params);
        await manager.query(`UPDATE pools p SET personal_purged_at = $2 FROM assemblies a WHERE a.id = p.assembly_id AND ${TERM_OVER} AND p.personal_purged_at IS NULL`, params);
      });
    },
  },
  {
    name: 'source-lists',
    describe: (r) => `City lists uploaded for invitation draws (electoral roll extracts), ${r.poolMonths} months after the assembly's term; their SHA-256 and counts stay`,
    purge: (manager, { now, retention, dryRun }) => {
      const params = [retention.poolMonths, now];
      const due = `SELECT l.id FROM source_lists l JOIN assemblies a ON a.id = l.assembly_id WHERE ${TERM_OVER} AND l.purged_at IS NULL`;
      return countThen(manager, `SELECT count(*)::int AS rows FROM (${due}) AS due`, params, dryRun, async () => {
        // Chunks are about 1 MiB each: a Paris roll is a few hundred of them.
        await repeatInBatches(manager, `DELETE FROM source_list_chunks WHERE (list_id, seq) IN (SELECT list_id, seq FROM source_list_chunks WHERE list_id IN (${due}) LIMIT $3)`, params);
        await manager.query(`UPDATE source_lists SET purged_at = $2 WHERE id IN (${due})`, params);
      });
    },
  },
  {
    name: 'invitations',
    describe: (r) => `Invited people's names, birth dates, addresses and letter codes, ${r.poolMonths} months after the assembly's term; the published draw stays`,
    purge: (manager, { now, retention, dryRun }) => {
      const params = [retention.poolMonths, now];
      const due = `SELECT i.id FROM invitations i JOIN assemblies a ON a.id = i.assembly_id WHERE ${TERM_OVER} AND i.purged_at IS NULL`;
      return countThen(manager, `SELECT count(*)::int AS rows FROM (${due}) AS due`, params, dryRun, () =>
        repeatInBatches(manager, `UPDATE invitations SET family_name = NULL, given_names = NULL, birth_date = NULL, address = NULL, code_hash = NULL, purged_at = $2 WHERE id IN (${due} LIMIT $3)`, params),
      );
    },
  },
  {
    name: 'respondents',
    describe: (r) => `Respondents' contacts and availability, ${r.poolMonths} months after the assembly's term; consent and features stay`,
    purge: (manager, { now, retention, dryRun }) => {
      const params = [retention.poolMonths, now];
      const due = `SELECT s.id FROM respondents s JOIN assemblies a ON a.id = s.assembly_id WHERE ${TERM_OVER} AND s.purged_at IS NULL`;
      return countThen(manager, `SELECT count(*)::int AS rows FROM (${due}) AS due`, params, dryRun, () =>
        repeatInBatches(manager, `UPDATE respondents SET contact = '{}'::jsonb, availability = '', purged_at = $2 WHERE id IN (${due} LIMIT $3)`, params),
      );
    },
  },
];
