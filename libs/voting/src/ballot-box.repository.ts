import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { availableParallelism } from 'node:os';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { BulletinBallot } from '@app/majority-judgment';
import { digestBallotLines, readGradeLines, tallyGradeLines } from './ballot-stream.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** COPY takes no bind parameters: the poll id is inlined, so it must be exactly a UUID. */
function pollIdLiteral(pollId: string): string {
  if (!UUID.test(pollId)) throw new Error('not a poll id');
  return `'${pollId}'`;
}

/**
 * Every query on `ballots` and `participations`. Nothing here ever reads or writes a ballot and a
 * voter together: the two tables share only the poll id.
 */
@Injectable()
export class BallotBoxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Throws a unique violation when this voter already took part: that is the one-vote rule. */
  async insertParticipation(pollId: string, voterKey: string, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO participations (poll_id, voter_key) VALUES ($1, $2)`, [pollId, voterKey]);
  }

  /**
   * Casts in one statement (one round trip, atomic on its own): locks the poll FOR SHARE only if it is
   * open at `now`, records the participation, then the ballot. Returns false, writing nothing, when
   * the poll is not open; a second vote by the same voter fails on the participation key.
   * Under READ COMMITTED a close that commits first makes the lock re-check `status` and find it closed.
   */
  async castAtomically(pollId: string, voterKey: string, receiptHash: string, grades: Array<number | null>, now: Date): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `WITH poll AS (
         SELECT id FROM polls
          WHERE id = $1 AND status = 'open' AND (opens_at IS NULL OR opens_at <= $5) AND (closes_at IS NULL OR closes_at > $5)
          FOR SHARE),
       participation AS (
         INSERT INTO participations (poll_id, voter_key) SELECT id, $2 FROM poll RETURNING poll_id)
       INSERT INTO ballots (poll_id, receipt_hash, grades) SELECT poll_id, $3, $4::smallint[] FROM participation RETURNING 1`,
      [pollId, voterKey, receiptHash, grades, now],
    );
    return rows.length === 1;
  }

  async hasParticipated(pollId: string, voterKey: string, manager?: EntityManager): Promise<boolean> {
    const rows = await (manager ?? this.dataSource.manager).query<unknown[]>(`SELECT 1 FROM participations WHERE poll_id = $1 AND voter_key = $2`, [pollId, voterKey]);
    return rows.length > 0;
  }

  async insertBallot(pollId: string, receiptHash: string, grades: Array<number | null>, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO ballots (poll_id, receipt_hash, grades) VALUES ($1, $2, $3::smallint[])`, [pollId, receiptHash, grades]);
  }

  /** Replaces the grades of the ballot holding this receipt; false when there is none. */
  async replaceBallot(pollId: string, receiptHash: string, grades: Array<number | null>, manager: EntityManager): Promise<boolean> {
    const result = await manager.query<[unknown[], number]>(`UPDATE ballots SET grades = $3::smallint[] WHERE poll_id = $1 AND receipt_hash = $2 RETURNING 1`, [pollId, receiptHash, grades]);
    return result[1] > 0;
  }

  async receiptExists(pollId: string, receiptHash: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ballots WHERE poll_id = $1 AND receipt_hash = $2`, [pollId, receiptHash]);
    return rows.length > 0;
  }

  async counts(pollId: string, manager?: EntityManager): Promise<{ ballots: number; participations: number }> {
    const rows = await (manager ?? this.dataSource.manager).query<Array<{ ballots: string; participations: string }>>(
      `SELECT (SELECT count(*) FROM ballots WHERE poll_id = $1) AS ballots, (SELECT count(*) FROM participations WHERE poll_id = $1) AS participations`,
      [pollId],
    );
    return { ballots: Number(rows[0].ballots), participations: Number(rows[0].participations) };
  }

  async participationCount(pollId: string, manager?: EntityManager): Promise<number> {
    const rows = await (manager ?? this.dataSource.manager).query<Array<{ count: string }>>(`SELECT count(*) AS count FROM participations WHERE poll_id = $1`, [pollId]);
    return Number(rows[0].count);
  }

  /**
   * Counts per option position and grade by streaming the grades out with COPY: one pass, no row
   * objects. When the poll holds a large share of the table, the heap is cut into `parts` page ranges
   * read at once on separate connections (TID range scans), so PostgreSQL uses every core; a poll
   * with a small share (a district's among a city's ballots) is read through its index instead, since
   * scanning the whole table for it would read every other poll's ballots too. The caller must hold
   * the poll row FOR UPDATE: then no ballot of the poll can change, and the other connections see
   * exactly what the caller's transaction sees. `strategy` forces one way (tests compare them).
   */
  async tallyByCopy(
    pollId: string,
    optionCount: number,
    gradeCount: number,
    manager: EntityManager,
    parts = Math.min(8, Math.max(2, availableParallelism())),
    strategy: 'auto' | 'pages' | 'index' = 'auto',
  ): Promise<{ counts: bigint[][]; ballots: number }> {
    const [{ pages, rows, mine }] = await manager.query<Array<{ pages: string; rows: string; mine: string }>>(
      `SELECT pg_relation_size('ballots') / current_setting('block_size')::int AS pages,
              (SELECT GREATEST(c.reltuples, COALESCE(s.n_live_tup, 0)) FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'ballots'::regclass) AS rows,
              (SELECT count(*) FROM participations WHERE poll_id = $1) AS mine`,
      [pollId],
    );
    if (strategy === 'index' || (strategy === 'auto' && Number(mine) * 4 < Number(rows))) {
      const client = (await manager.queryRunner!.connect()) as PoolClient;
      const { counts, ballots } = await tallyGradeLines(client.query(copyTo(`COPY (SELECT grades FROM ballots WHERE poll_id = ${pollIdLiteral(pollId)}) TO STDOUT`)), optionCount, gradeCount);
      return { counts: counts.map((row) => row.map((count) => BigInt(count))), ballots };
    }
    const step = Math.ceil((Number(pages) + 1) / parts);
    const ranges = Array.from({ length: parts }, (_, i) => [i * step, i === parts - 1 ? null : (i + 1) * step] as const);
    const runners = ranges.slice(1).map(() => this.dataSource.createQueryRunner());
    try {
      const clients = [(await manager.queryRunner!.connect()) as PoolClient, ...(await Promise.all(runners.map(async (runner) => (await runner.connect()) as PoolClient)))];
      const partial = await Promise.all(
        ranges.map(([from, to], i) => {
          const pagesCondition = `ctid >= '(${from},0)'${to === null ? '' : ` AND ctid < '(${to},0)'`}`;
          const stream = clients[i].query(copyTo(`COPY (SELECT grades FROM ballots WHERE poll_id = ${pollIdLiteral(pollId)} AND ${pagesCondition}) TO STDOUT`));
          return tallyGradeLines(stream, optionCount, gradeCount);
        }),
      );
      const counts = Array.from({ length: optionCount }, (_, o) => Array.from({ length: gradeCount }, (_, g) => BigInt(partial.reduce((sum, part) => sum + part.counts[o][g], 0))));
      return { counts, ballots: partial.reduce((sum, part) => sum + part.ballots, 0) };
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  }

  /** The bulletin board's digest, streaming ballots in receipt-hash order (see digestBallotLines). */
  async digestByCopy(pollId: string, prefix: string, suffix: string): Promise<{ digest: string; ballots: number }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const stream = client.query(
        copyTo(`COPY (SELECT receipt_hash, grades FROM ballots WHERE poll_id = ${pollIdLiteral(pollId)} ORDER BY receipt_hash COLLATE "C") TO STDOUT`),
      );
      return await digestBallotLines(stream, prefix, suffix);
    } finally {
      await runner.release();
    }
  }

  /** Every ballot's grades, in no particular order (for rules that read ballots, not tallies). */
  /** A poll's ballots, grades only and in no particular order, streamed with COPY. */
  async grades(pollId: string, optionCount: number): Promise<Array<Array<number | null>>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      return await readGradeLines(client.query(copyTo(`COPY (SELECT grades FROM ballots WHERE poll_id = ${pollIdLiteral(pollId)}) TO STDOUT`)), optionCount);
    } finally {
      await runner.release();
    }
  }

  async ballots(pollId: string, manager?: EntityManager): Promise<BulletinBallot[]> {
    const rows = await (manager ?? this.dataSource.manager).query<Array<{ receipt_hash: string; grades: Array<number | null> }>>(
      `SELECT receipt_hash, grades FROM ballots WHERE poll_id = $1 ORDER BY receipt_hash COLLATE "C"`,
      [pollId],
    );
    return rows.map((row) => ({ receiptHash: row.receipt_hash, grades: row.grades }));
  }

  /**
   * Rewrites a closed poll's ballots in receipt-hash order and its participations in voter order, in
   * one transaction: afterwards neither the rows' physical order nor their transaction ids (xmin)
   * follow the order in which people voted, so a dump cannot pair a ballot with a participation.
   */
  async mix(pollId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `WITH moved AS (DELETE FROM ballots WHERE poll_id = $1 RETURNING poll_id, receipt_hash, grades)
       INSERT INTO ballots (poll_id, receipt_hash, grades) SELECT poll_id, receipt_hash, grades FROM moved ORDER BY receipt_hash COLLATE "C"`,
      [pollId],
    );
    await manager.query(
      `WITH moved AS (DELETE FROM participations WHERE poll_id = $1 RETURNING poll_id, voter_key)
       INSERT INTO participations (poll_id, voter_key) SELECT poll_id, voter_key FROM moved ORDER BY voter_key COLLATE "C"`,
      [pollId],
    );
  }
}
