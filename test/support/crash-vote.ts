import { expect } from '@jest/globals';
import pg from 'pg';
import type { Response } from 'supertest';
import { hashHumanCode } from '@app/shared';
import type { CrashablePostgres } from './crashable-postgres.js';

export interface CrashOutcome {
  /** Voter index → receipt, for every 201 (before the crash, or on retry). */
  acknowledged: Map<number, string>;
  /** Voter index → the status their retry got (201, or 409 when their ballot had been committed unanswered). */
  retried: Map<number, number>;
}

/**
 * `voters` cast through `cast(i)` from 16 clients at once; PostgreSQL is killed with SIGKILL after
 * `killAfter` acknowledgements and restarted once every client is done; then everyone without an
 * answer retries (waiting out the reconnection), and must get 201 or `BALLOT_ALREADY_CAST`.
 */
export async function voteThroughACrash(postgres: CrashablePostgres, voters: number, cast: (i: number) => Promise<Response>, killAfter: number): Promise<CrashOutcome> {
  const acknowledged = new Map<number, string>();
  const queue = Array.from({ length: voters }, (_, i) => i);
  let killed = false;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const response = await cast(next).catch(() => undefined);
      if (response?.status === 201) acknowledged.set(next, (response.body as { receipt: string }).receipt);
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        postgres.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  expect(killed).toBe(true);
  expect(acknowledged.size).toBeLessThan(voters); // the outage was felt
  await postgres.restart();

  const retried = new Map<number, number>();
  for (let i = 0; i < voters; i += 1) {
    if (acknowledged.has(i)) continue;
    let response = await cast(i);
    for (let attempt = 0; attempt < 40 && response.status >= 500; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // connections still being replaced
      response = await cast(i);
    }
    retried.set(i, response.status);
    if (response.status === 201) acknowledged.set(i, (response.body as { receipt: string }).receipt);
    else expect([i, response.status, (response.body as { code: string }).code]).toEqual([i, 409, 'BALLOT_ALREADY_CAST']);
  }
  return { acknowledged, retried };
}

/** Every acknowledged receipt has exactly one ballot in the poll; ballots = participations = voters; everyone counted once. */
export async function expectEachBallotOnce(url: string, pollId: string, voters: number, outcome: CrashOutcome): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ receipt_hash: string; n: number }>(`SELECT receipt_hash, count(*)::int AS n FROM ballots WHERE poll_id = $1 GROUP BY receipt_hash`, [pollId]);
    const stored = new Map(rows.map((row) => [row.receipt_hash, row.n]));
    for (const receipt of outcome.acknowledged.values()) expect(stored.get(hashHumanCode(receipt))).toBe(1);
    const { rows: [counts] } = await db.query<{ ballots: number; participations: number }>(
      `SELECT (SELECT count(*)::int FROM ballots WHERE poll_id = $1) AS ballots, (SELECT count(*)::int FROM participations WHERE poll_id = $1) AS participations`,
      [pollId],
    );
    expect(counts).toEqual({ ballots: voters, participations: voters });
    // A 409 on retry means committed before the crash without an answer: everyone counted once.
    expect(outcome.acknowledged.size + [...outcome.retried.values()].filter((status) => status === 409).length).toBe(voters);
  } finally {
    await db.end();
  }
}
