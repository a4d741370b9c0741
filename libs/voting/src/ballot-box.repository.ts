import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { BulletinBallot } from '@app/majority-judgment';

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

  async participationCount(pollId: string): Promise<number> {
    const rows = await this.dataSource.query<Array<{ count: string }>>(`SELECT count(*) AS count FROM participations WHERE poll_id = $1`, [pollId]);
    return Number(rows[0].count);
  }

  /**
   * Counts per option position and grade in one scan (skipped grades are not counted). Exact: the
   * counts come back as text and become bigint.
   */
  async tally(pollId: string, optionCount: number, gradeCount: number, manager: EntityManager): Promise<bigint[][]> {
    const rows = await manager.query<Array<{ position: number; grade: number; count: string }>>(
      `SELECT u.position::int - 1 AS position, u.grade::int AS grade, count(*)::text AS count
         FROM ballots b CROSS JOIN LATERAL unnest(b.grades) WITH ORDINALITY AS u(grade, position)
        WHERE b.poll_id = $1 AND u.grade IS NOT NULL
        GROUP BY u.position, u.grade`,
      [pollId],
    );
    const counts = Array.from({ length: optionCount }, () => Array<bigint>(gradeCount).fill(0n));
    for (const row of rows) counts[row.position][row.grade] = BigInt(row.count);
    return counts;
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
