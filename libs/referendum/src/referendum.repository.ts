import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '@app/persistence';
import { OfficerEntity } from './entities/officer.entity.js';
import { ReferendumPollEntity } from './entities/referendum-poll.entity.js';
import { ReferendumQuestionEntity } from './entities/referendum-question.entity.js';
import { ReferendumEntity } from './entities/referendum.entity.js';
import type { StationCounts } from './entities/station-tally.entity.js';
import type { RollRow } from './roll-csv.js';

/** An online vote as the casting statement takes it (the code and receipt as SHA-256 hashes). */
export interface OnlineCast {
  referendumId: string;
  /** The elector: by the letter's code and their birth date, or by their roll entry (found from a provider identity). */
  codeHash?: string;
  birthDate?: string;
  entryId?: string;
  latestBirthDate: string;
  receiptHash: string;
  /** Per question, in order: the grades stored in the ballot box. */
  ballots: Array<Array<number | null>>;
  now: Date;
}

export interface CastDiagnosis {
  referendumOpen: boolean;
  entry: { id: string; birthDate: string; lockedAt: Date | null; failedAttempts: number; voted: boolean } | null;
  revoked: boolean;
}

/** Every query of referendums: roll, codes, votes across channels, polling stations. */
@Injectable()
export class ReferendumRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(id: string, manager?: EntityManager): Promise<ReferendumEntity | null> {
    return this.manager(manager).getRepository(ReferendumEntity).findOneBy({ id });
  }

  list(status: ReferendumEntity['status'] | undefined, limit: number): Promise<ReferendumEntity[]> {
    return this.dataSource.getRepository(ReferendumEntity).find({ where: status === undefined ? {} : { status }, order: { opensAt: 'DESC' }, take: limit });
  }

  lock(id: string, manager: EntityManager): Promise<ReferendumEntity | null> {
    return manager.getRepository(ReferendumEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  questions(referendumId: string, manager?: EntityManager): Promise<ReferendumQuestionEntity[]> {
    return this.manager(manager).getRepository(ReferendumQuestionEntity).find({ where: { referendumId }, order: { position: 'ASC' } });
  }

  polls(referendumId: string, manager?: EntityManager): Promise<ReferendumPollEntity[]> {
    return this.manager(manager)
      .getRepository(ReferendumPollEntity)
      .createQueryBuilder('rp')
      .innerJoin(ReferendumQuestionEntity, 'q', 'q.id = rp.question_id')
      .where('q.referendum_id = :referendumId', { referendumId })
      .orderBy('q.position')
      .addOrderBy('rp.district')
      .getMany();
  }

  // Roll -------------------------------------------------------------------------------------

  async rollRows(referendumId: string, manager?: EntityManager): Promise<RollRow[]> {
    const rows: Array<{ external_id: string; family_name: string; given_names: string; birth_date: string; district: string; polling_station: string }> = await this.manager(manager).query(
      `SELECT external_id, family_name, given_names, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, district, polling_station FROM roll_entries WHERE referendum_id = $1`,
      [referendumId],
    );
    return rows.map((row) => ({ externalId: row.external_id, familyName: row.family_name, givenNames: row.given_names, birthDate: row.birth_date, district: row.district, pollingStation: row.polling_station }));
  }

  /**
   * Replaces a draft referendum's roll, keeping the entries (and their codes) of identifiers still
   * on it: changed fields are updated, vanished identifiers removed, new ones added.
   */
  async replaceRoll(referendumId: string, rows: readonly RollRow[], manager: EntityManager): Promise<void> {
    const ids = rows.map((row) => row.externalId);
    await manager.query(`DELETE FROM roll_entries WHERE referendum_id = $1 AND NOT (external_id = ANY($2::text[]))`, [referendumId, ids]);
    for (let start = 0; start < rows.length; start += 5000) {
      const chunk = rows.slice(start, start + 5000);
      await manager.query(
        `INSERT INTO roll_entries (referendum_id, external_id, family_name, given_names, birth_date, district, polling_station)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[])
         ON CONFLICT (referendum_id, external_id) DO UPDATE SET family_name = EXCLUDED.family_name, given_names = EXCLUDED.given_names,
           birth_date = EXCLUDED.birth_date, district = EXCLUDED.district, polling_station = EXCLUDED.polling_station`,
        [
          referendumId,
          chunk.map((r) => r.externalId),
          chunk.map((r) => r.familyName),
          chunk.map((r) => r.givenNames),
          chunk.map((r) => r.birthDate),
          chunk.map((r) => r.district),
          chunk.map((r) => r.pollingStation),
        ],
      );
    }
  }

  async districts(referendumId: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ district: string }> = await this.manager(manager).query(`SELECT DISTINCT district FROM roll_entries WHERE referendum_id = $1 ORDER BY district`, [referendumId]);
    return rows.map((row) => row.district);
  }

  /** Entries without a code yet, with what a mailing needs. */
  async entriesWithoutCode(referendumId: string, manager: EntityManager): Promise<Array<{ id: string } & RollRow>> {
    const rows: Array<{ id: string; external_id: string; family_name: string; given_names: string; birth_date: string; district: string; polling_station: string }> = await manager.query(
      `SELECT id, external_id, family_name, given_names, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, district, polling_station
         FROM roll_entries WHERE referendum_id = $1 AND code_hash IS NULL ORDER BY district, polling_station, family_name, given_names, external_id FOR UPDATE`,
      [referendumId],
    );
    return rows.map((row) => ({ id: row.id, externalId: row.external_id, familyName: row.family_name, givenNames: row.given_names, birthDate: row.birth_date, district: row.district, pollingStation: row.polling_station }));
  }

  async setCodeHashes(ids: readonly string[], hashes: readonly string[], at: Date, manager: EntityManager): Promise<void> {
    for (let start = 0; start < ids.length; start += 5000) {
      await manager.query(
        `UPDATE roll_entries e SET code_hash = c.hash, code_issued_at = $3 FROM unnest($1::uuid[], $2::text[]) AS c(id, hash) WHERE e.id = c.id`,
        [ids.slice(start, start + 5000), hashes.slice(start, start + 5000), at],
      );
    }
  }

  async entryByExternalId(
    referendumId: string,
    externalId: string,
    manager?: EntityManager,
  ): Promise<{ id: string; codeHash: string | null; birthDate: string; district: string; pollingStation: string } | null> {
    const rows: Array<{ id: string; code_hash: string | null; birth_date: string; district: string; polling_station: string }> = await this.manager(manager).query(
      `SELECT id, code_hash, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, district, polling_station FROM roll_entries WHERE referendum_id = $1 AND external_id = $2`,
      [referendumId, externalId],
    );
    const row = rows[0];
    return row === undefined ? null : { id: row.id, codeHash: row.code_hash, birthDate: row.birth_date, district: row.district, pollingStation: row.polling_station };
  }

  /** Whether the vote is open at `now`, and its age rule; FOR SHARE, so closing waits for this transaction. */
  async votingRules(referendumId: string, now: Date, manager: EntityManager): Promise<{ open: boolean; votingDay: string; minAge: number } | null> {
    const rows: Array<{ open: boolean; voting_day: string; min_age: number }> = await manager.query(
      `SELECT (status = 'open' AND opens_at <= $2 AND closes_at > $2) AS open, to_char(voting_day, 'YYYY-MM-DD') AS voting_day, min_age FROM referendums WHERE id = $1 FOR SHARE`,
      [referendumId, now],
    );
    const row = rows[0];
    return row === undefined ? null : { open: row.open, votingDay: row.voting_day, minAge: row.min_age };
  }

  /** Open referendums whose window has ended. */
  async dueForClosing(now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM referendums WHERE status = 'open' AND closes_at <= $1`, [now]);
    return rows.map((row) => row.id);
  }

  /** Stations where paper votes were marked but no count is accepted yet. */
  async pendingStations(referendumId: string): Promise<string[]> {
    const rows: Array<{ polling_station: string }> = await this.dataSource.query(
      `SELECT DISTINCT e.polling_station FROM roll_votes v JOIN roll_entries e ON e.id = v.roll_entry_id
        WHERE v.referendum_id = $1 AND v.channel = 'paper'
          AND NOT EXISTS (SELECT 1 FROM station_results s WHERE s.referendum_id = $1 AND s.polling_station = e.polling_station)
        ORDER BY 1`,
      [referendumId],
    );
    return rows.map((row) => row.polling_station);
  }

  /** Revokes the entry's code (kept, hashed, to recognise it) and sets a new one. */
  async reissueCode(entryId: string, oldHash: string | null, newHash: string, at: Date, manager: EntityManager): Promise<void> {
    if (oldHash !== null) await manager.query(`INSERT INTO revoked_voting_codes (code_hash, roll_entry_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [oldHash, entryId]);
    await manager.query(`UPDATE roll_entries SET code_hash = $2, code_issued_at = $3, failed_attempts = 0, locked_at = NULL WHERE id = $1`, [entryId, newHash, at]);
  }

  async unlock(entryId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE roll_entries SET failed_attempts = 0, locked_at = NULL WHERE id = $1`, [entryId]);
  }

  // Voting -----------------------------------------------------------------------------------

  /**
   * Casts online in one statement (one round trip, one implicit transaction): the referendum open
   * and in its window (FOR SHARE: closing waits for casts in flight), the roll entry found by code
   * hash with the right birth date, unlocked and old enough (FOR UPDATE: concurrent submissions of a
   * code queue here), then the vote mark (primary key: once, whatever the channel), then one
   * participation and one ballot per question in the voter's district polls. Nothing links the
   * ballots to the entry: they share only the receipt's hash, which the voter alone can produce.
   * Returns false when nothing was cast; `diagnose` then says why.
   */
  async castOnline(cast: OnlineCast): Promise<boolean> {
    try {
      return await this.castStatement(cast);
    } catch (error) {
      // The vote mark's primary key: this elector has voted (by another channel or submission).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  private async castStatement(cast: OnlineCast): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH ref AS (
         SELECT id FROM referendums WHERE id = $1 AND status = 'open' AND opens_at <= $7 AND closes_at > $7 FOR SHARE),
       entry AS (
         SELECT e.id, e.district FROM roll_entries e JOIN ref ON e.referendum_id = ref.id
          WHERE (CASE WHEN $8::uuid IS NULL THEN e.code_hash = $2 AND e.birth_date = $3::date AND e.locked_at IS NULL ELSE e.id = $8::uuid END)
            AND e.birth_date <= $4::date
          FOR UPDATE OF e),
       vote AS (
         INSERT INTO roll_votes (roll_entry_id, referendum_id, channel) SELECT id, $1, 'online' FROM entry RETURNING roll_entry_id),
       answers AS (
         SELECT a.ordinality - 1 AS position, ARRAY(SELECT (g #>> '{}')::smallint FROM jsonb_array_elements(a.grades) AS g) AS grades
           FROM jsonb_array_elements($6::jsonb) WITH ORDINALITY AS a(grades, ordinality)),
       targets AS (
         SELECT rp.poll_id, answers.grades FROM vote
           JOIN entry ON entry.id = vote.roll_entry_id
           JOIN referendum_questions q ON q.referendum_id = $1
           JOIN referendum_polls rp ON rp.question_id = q.id AND rp.district = entry.district
           JOIN answers ON answers.position = q.position),
       participation AS (
         INSERT INTO participations (poll_id, voter_key) SELECT poll_id, 'roll:' || (SELECT roll_entry_id FROM vote) FROM targets RETURNING poll_id)
       INSERT INTO ballots (poll_id, receipt_hash, grades) SELECT t.poll_id, $5, t.grades FROM targets t JOIN participation p ON p.poll_id = t.poll_id RETURNING 1`,
      [cast.referendumId, cast.codeHash ?? null, cast.birthDate ?? null, cast.latestBirthDate, cast.receiptHash, JSON.stringify(cast.ballots), cast.now, cast.entryId ?? null],
    );
    return rows.length > 0;
  }

  /** The roll's electors born on a day (names not purged): the candidates for a provider identity. */
  async electorsBornOn(referendumId: string, birthDate: string): Promise<Array<{ id: string; familyName: string; givenNames: string }>> {
    return this.dataSource.query(
      `SELECT id, family_name AS "familyName", given_names AS "givenNames" FROM roll_entries WHERE referendum_id = $1 AND birth_date = $2::date AND purged_at IS NULL`,
      [referendumId, birthDate],
    );
  }

  /** Why a cast by roll entry did not happen. */
  async diagnoseEntry(referendumId: string, entryId: string, now: Date): Promise<{ referendumOpen: boolean; voted: boolean }> {
    const [row]: Array<{ open: boolean; voted: boolean }> = await this.dataSource.query(
      `SELECT (r.status = 'open' AND r.opens_at <= $3 AND r.closes_at > $3) AS open, EXISTS (SELECT 1 FROM roll_votes v WHERE v.roll_entry_id = $2) AS voted
         FROM referendums r WHERE r.id = $1`,
      [referendumId, entryId, now],
    );
    return { referendumOpen: row?.open ?? false, voted: row?.voted ?? false };
  }

  /** Why a cast did not happen (read after the fact, without locks). */
  async diagnose(referendumId: string, codeHash: string, now: Date): Promise<CastDiagnosis> {
    const [ref]: Array<{ open: boolean }> = await this.dataSource.query(
      `SELECT (status = 'open' AND opens_at <= $2 AND closes_at > $2) AS open FROM referendums WHERE id = $1`,
      [referendumId, now],
    );
    const entries: Array<{ id: string; birth_date: string; locked_at: Date | null; failed_attempts: number; voted: boolean }> = await this.dataSource.query(
      `SELECT e.id, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.locked_at, e.failed_attempts, (v.roll_entry_id IS NOT NULL) AS voted
         FROM roll_entries e LEFT JOIN roll_votes v ON v.roll_entry_id = e.id WHERE e.referendum_id = $1 AND e.code_hash = $2`,
      [referendumId, codeHash],
    );
    const entry = entries[0];
    const revoked: unknown[] = entry === undefined ? await this.dataSource.query(`SELECT 1 FROM revoked_voting_codes WHERE code_hash = $1`, [codeHash]) : [];
    return {
      referendumOpen: ref?.open ?? false,
      entry: entry === undefined ? null : { id: entry.id, birthDate: entry.birth_date, lockedAt: entry.locked_at, failedAttempts: entry.failed_attempts, voted: entry.voted },
      revoked: revoked.length > 0,
    };
  }

  /** Counts a failed attempt on an entry; locks it at `maxAttempts`. Returns whether it is now locked. */
  async recordFailure(entryId: string, maxAttempts: number, now: Date): Promise<boolean> {
    const [rows]: [Array<{ locked: boolean }>, number] = await this.dataSource.query(
      `UPDATE roll_entries SET failed_attempts = failed_attempts + 1, locked_at = CASE WHEN failed_attempts + 1 >= $2 THEN coalesce(locked_at, $3) ELSE locked_at END
        WHERE id = $1 RETURNING locked_at IS NOT NULL AS locked`,
      [entryId, maxAttempts, now],
    );
    return rows[0]?.locked ?? false;
  }

  /** Marks a paper vote; false when the elector has already voted (either channel). */
  async markPaperVote(referendumId: string, entryId: string, officerId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO roll_votes (roll_entry_id, referendum_id, channel, recorded_by) VALUES ($1, $2, 'paper', $3) ON CONFLICT (roll_entry_id) DO NOTHING RETURNING 1`,
      [entryId, referendumId, officerId],
    );
    return rows.length === 1;
  }

  /** Voters and electors by district (eligible electors: old enough on the voting day). */
  async turnout(referendumId: string, latestBirthDate: string): Promise<Array<{ district: string; electors: number; voters: number; online: number; paper: number }>> {
    const rows: Array<{ district: string; electors: string; voters: string; online: string; paper: string }> = await this.dataSource.query(
      `SELECT e.district, count(*) FILTER (WHERE e.birth_date <= $2::date) AS electors, count(v.roll_entry_id) AS voters,
              count(v.roll_entry_id) FILTER (WHERE v.channel = 'online') AS online, count(v.roll_entry_id) FILTER (WHERE v.channel = 'paper') AS paper
         FROM roll_entries e LEFT JOIN roll_votes v ON v.roll_entry_id = e.id
        WHERE e.referendum_id = $1 GROUP BY e.district ORDER BY e.district`,
      [referendumId, latestBirthDate],
    );
    return rows.map((row) => ({ district: row.district, electors: Number(row.electors), voters: Number(row.voters), online: Number(row.online), paper: Number(row.paper) }));
  }

  // Polling stations -------------------------------------------------------------------------

  async replaceOfficers(referendumId: string, officers: ReadonlyArray<{ accountId: string; pollingStation: string }>, manager: EntityManager): Promise<void> {
    await manager.getRepository(OfficerEntity).delete({ referendumId });
    if (officers.length > 0) await manager.getRepository(OfficerEntity).insert(officers.map((officer) => ({ referendumId, ...officer })));
  }

  /** Each polling station of the roll (or one): its district, electors and paper votes, and whether its count is accepted. */
  async stations(referendumId: string, station?: string): Promise<Array<{ pollingStation: string; district: string; electors: number; paperVotes: number; accepted: boolean }>> {
    const rows: Array<{ polling_station: string; district: string; electors: string; paper_votes: string; accepted: boolean }> = await this.dataSource.query(
      `WITH stations AS (
         SELECT polling_station, min(district) AS district, count(*) AS electors FROM roll_entries
          WHERE referendum_id = $1 AND ($2::text IS NULL OR polling_station = $2) GROUP BY polling_station),
       paper AS (
         SELECT e.polling_station, count(*) AS n FROM roll_votes v JOIN roll_entries e ON e.id = v.roll_entry_id
          WHERE v.referendum_id = $1 AND v.channel = 'paper' AND ($2::text IS NULL OR e.polling_station = $2) GROUP BY e.polling_station)
       SELECT s.polling_station, s.district, s.electors, COALESCE(p.n, 0) AS paper_votes, (r.polling_station IS NOT NULL) AS accepted
         FROM stations s LEFT JOIN paper p USING (polling_station)
         LEFT JOIN station_results r ON r.referendum_id = $1 AND r.polling_station = s.polling_station
        ORDER BY s.district, s.polling_station`,
      [referendumId, station ?? null],
    );
    return rows.map((row) => ({ pollingStation: row.polling_station, district: row.district, electors: Number(row.electors), paperVotes: Number(row.paper_votes), accepted: row.accepted }));
  }

  /** The officers of a referendum (or of one station), with their names and emails. */
  async officers(referendumId: string, station?: string): Promise<Array<{ accountId: string; pollingStation: string; displayName: string; email: string }>> {
    const rows: Array<{ account_id: string; polling_station: string; display_name: string; email: string }> = await this.dataSource.query(
      `SELECT o.account_id, o.polling_station, a.display_name, a.email FROM referendum_officers o JOIN accounts a ON a.id = o.account_id
        WHERE o.referendum_id = $1 AND ($2::text IS NULL OR o.polling_station = $2) ORDER BY o.polling_station, a.display_name`,
      [referendumId, station ?? null],
    );
    return rows.map((row) => ({ accountId: row.account_id, pollingStation: row.polling_station, displayName: row.display_name, email: row.email }));
  }

  /** Every count entry of the referendum's stations (or one), oldest first. */
  async allTallies(referendumId: string, station?: string): Promise<Array<{ pollingStation: string; officerId: string; counts: StationCounts; enteredAt: Date }>> {
    const rows: Array<{ polling_station: string; officer_id: string; counts: StationCounts; entered_at: Date }> = await this.dataSource.query(
      `SELECT polling_station, officer_id, counts, entered_at FROM station_tallies WHERE referendum_id = $1 AND ($2::text IS NULL OR polling_station = $2) ORDER BY entered_at`,
      [referendumId, station ?? null],
    );
    return rows.map((row) => ({ pollingStation: row.polling_station, officerId: row.officer_id, counts: row.counts, enteredAt: row.entered_at }));
  }

  /** The referendums and stations an account serves as officer, newest window first. */
  async assignments(accountId: string): Promise<Array<{ referendumId: string; title: string; status: string; opensAt: Date; closesAt: Date; pollingStation: string }>> {
    const rows: Array<{ id: string; title: string; status: string; opens_at: Date; closes_at: Date; polling_station: string }> = await this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.opens_at, r.closes_at, o.polling_station FROM referendum_officers o JOIN referendums r ON r.id = o.referendum_id
        WHERE o.account_id = $1 ORDER BY r.opens_at DESC LIMIT 100`,
      [accountId],
    );
    return rows.map((row) => ({ referendumId: row.id, title: row.title, status: row.status, opensAt: row.opens_at, closesAt: row.closes_at, pollingStation: row.polling_station }));
  }

  /** One elector as the officer at the table checks them: names, station, and whether they have voted (never how). */
  async elector(referendumId: string, externalId: string): Promise<{ externalId: string; familyName: string; givenNames: string; birthDate: string; district: string; pollingStation: string; channel: string | null } | null> {
    const rows: Array<{ external_id: string; family_name: string; given_names: string; birth_date: string; district: string; polling_station: string; channel: string | null }> = await this.dataSource.query(
      `SELECT e.external_id, e.family_name, e.given_names, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.district, e.polling_station, v.channel
         FROM roll_entries e LEFT JOIN roll_votes v ON v.roll_entry_id = e.id WHERE e.referendum_id = $1 AND e.external_id = $2`,
      [referendumId, externalId],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { externalId: row.external_id, familyName: row.family_name, givenNames: row.given_names, birthDate: row.birth_date, district: row.district, pollingStation: row.polling_station, channel: row.channel };
  }

  officer(referendumId: string, accountId: string): Promise<OfficerEntity | null> {
    return this.dataSource.getRepository(OfficerEntity).findOneBy({ referendumId, accountId });
  }

  async stationDistrict(referendumId: string, station: string): Promise<string | null> {
    const rows: Array<{ district: string }> = await this.dataSource.query(`SELECT district FROM roll_entries WHERE referendum_id = $1 AND polling_station = $2 LIMIT 1`, [referendumId, station]);
    return rows[0]?.district ?? null;
  }

  async paperVotesAt(referendumId: string, station: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ n: string }> = await manager.query(
      `SELECT count(*) AS n FROM roll_votes v JOIN roll_entries e ON e.id = v.roll_entry_id WHERE v.referendum_id = $1 AND v.channel = 'paper' AND e.polling_station = $2`,
      [referendumId, station],
    );
    return Number(rows[0].n);
  }

  async saveTally(referendumId: string, station: string, officerId: string, counts: StationCounts, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO station_tallies (referendum_id, polling_station, officer_id, counts, entered_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (referendum_id, polling_station, officer_id) DO UPDATE SET counts = EXCLUDED.counts, entered_at = EXCLUDED.entered_at`,
      [referendumId, station, officerId, JSON.stringify(counts), at],
    );
  }

  async tallies(referendumId: string, station: string, manager: EntityManager): Promise<Array<{ officerId: string; counts: StationCounts }>> {
    const rows: Array<{ officer_id: string; counts: StationCounts }> = await manager.query(
      `SELECT officer_id, counts FROM station_tallies WHERE referendum_id = $1 AND polling_station = $2 ORDER BY entered_at FOR UPDATE`,
      [referendumId, station],
    );
    return rows.map((row) => ({ officerId: row.officer_id, counts: row.counts }));
  }

  async acceptStation(referendumId: string, station: string, district: string, counts: StationCounts, officers: string[], at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO station_results (referendum_id, polling_station, district, counts, officers, accepted_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (referendum_id, polling_station) DO UPDATE SET counts = EXCLUDED.counts, officers = EXCLUDED.officers, accepted_at = EXCLUDED.accepted_at`,
      [referendumId, station, district, JSON.stringify(counts), officers, at],
    );
  }

  async stationResults(referendumId: string): Promise<Array<{ pollingStation: string; district: string; counts: StationCounts }>> {
    const rows: Array<{ polling_station: string; district: string; counts: StationCounts }> = await this.dataSource.query(
      `SELECT polling_station, district, counts FROM station_results WHERE referendum_id = $1`,
      [referendumId],
    );
    return rows.map((row) => ({ pollingStation: row.polling_station, district: row.district, counts: row.counts }));
  }
}
