import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hashHumanCode } from '@app/shared';
import { PollScheduler } from '@app/voting';
import { startCrashablePostgres, type CrashablePostgres } from '../support/crashable-postgres.js';
import { bulkResidents, createAndLogin, type LoggedIn } from '../support/factories.js';
import { PNYX, run } from '../support/run-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface PollBody {
  id: string;
  options: Array<{ id: string }>;
}

/**
 * A majority-judgment poll survives kill -9 of PostgreSQL while 150 residents vote: every 201 has
 * exactly one ballot, nobody has two, those without an answer retry and are told BALLOT_ALREADY_CAST
 * only when their ballot was committed, and the bulletin board recounts.
 */
describe('A poll survives kill -9 of PostgreSQL', () => {
  let postgres: CrashablePostgres;
  let t: TestApp;
  let organiser: LoggedIn;

  beforeAll(async () => {
    postgres = await startCrashablePostgres('poll');
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', DATABASE_POOL_SIZE: '10', SESSION_CACHE_SECONDS: '3600' }, database: { url: postgres.url, name: 'pnyx', drop: () => Promise.resolve() } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await postgres.stop();
  });

  it('keeps every acknowledged ballot, once, and the bulletin board recounts', async () => {
    const poll = (await t.http.post('/api/polls').set(organiser.auth).send({ title: 'Végétalisation', audience: 'residents', options: [{ label: 'Rivoli' }, { label: 'Bastille' }, { label: 'Nation' }] }).expect(201)).body as PollBody;
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(200);
    const voters = await bulkResidents(t.app, 150);
    const grades = (i: number) => Object.fromEntries(poll.options.map((option, o) => [option.id, (i + o) % 5]));

    const acknowledged = new Map<number, string>(); // voter → receipt
    const cast = (i: number) => t.http.post(`/api/polls/${poll.id}/ballots`).set(voters[i].auth).send({ grades: grades(i) });
    const queue = voters.map((_, i) => i);
    let killed = false;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const response = await cast(next).catch(() => undefined);
        if (response?.status === 201) acknowledged.set(next, (response.body as { receipt: string }).receipt);
        if (!killed && acknowledged.size >= 50) {
          killed = true;
          postgres.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeLessThan(voters.length); // the outage was felt
    await postgres.restart();

    // Those without an answer retry: cast now, or told their ballot was committed before the crash.
    const retried = new Map<number, number>();
    for (const i of voters.map((_, index) => index).filter((index) => !acknowledged.has(index))) {
      let response = await cast(i);
      for (let attempt = 0; attempt < 40 && response.status >= 500; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250)); // connections still being replaced
        response = await cast(i);
      }
      retried.set(i, response.status);
      if (response.status === 201) acknowledged.set(i, (response.body as { receipt: string }).receipt);
      else expect((response.body as { code: string }).code).toBe('BALLOT_ALREADY_CAST');
    }
    expect([...retried.values()].every((status) => status === 201 || status === 409)).toBe(true);

    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ receipt_hash: string; n: number }>(`SELECT receipt_hash, count(*)::int AS n FROM ballots WHERE poll_id = $1 GROUP BY receipt_hash`, [poll.id]);
      const stored = new Map(rows.map((row) => [row.receipt_hash, row.n]));
      for (const receipt of acknowledged.values()) expect(stored.get(hashHumanCode(receipt))).toBe(1);
      const { rows: [counts] } = await db.query<{ ballots: number; participations: number }>(
        `SELECT (SELECT count(*)::int FROM ballots WHERE poll_id = $1) AS ballots, (SELECT count(*)::int FROM participations WHERE poll_id = $1) AS participations`,
        [poll.id],
      );
      expect(counts).toEqual({ ballots: voters.length, participations: voters.length });
      // A 409 on retry means committed before the crash without an answer: everyone counted once.
      expect(acknowledged.size + [...retried.values()].filter((status) => status === 409).length).toBe(voters.length);
    } finally {
      await db.end();
    }

    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    await t.app.get(PollScheduler).tick(); // seals the bulletin board
    const board = (await t.http.get(`/api/polls/${poll.id}/bulletin-board`).expect(200)).body as { ballots: unknown[] };
    expect(board.ballots).toHaveLength(voters.length);
    const file = join(mkdtempSync(join(tmpdir(), 'pnyx-poll-crash-')), 'board.json');
    writeFileSync(file, JSON.stringify(board));
    expect((await run(PNYX, ['mj', 'recount', '--bulletin-board', file])).code).toBe(0);
  }, 180_000);
});
