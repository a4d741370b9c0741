import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PollScheduler } from '@app/voting';
import { expectEachBallotOnce, voteThroughACrash } from '../support/crash-vote.js';
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

    const cast = (i: number) => t.http.post(`/api/polls/${poll.id}/ballots`).set(voters[i].auth).send({ grades: grades(i) });
    const outcome = await voteThroughACrash(postgres, voters.length, cast, 50);
    await expectEachBallotOnce(postgres.url, poll.id, voters.length, outcome);

    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    await t.app.get(PollScheduler).tick(); // seals the bulletin board
    const board = (await t.http.get(`/api/polls/${poll.id}/bulletin-board`).expect(200)).body as { ballots: unknown[] };
    expect(board.ballots).toHaveLength(voters.length);
    const file = join(mkdtempSync(join(tmpdir(), 'pnyx-poll-crash-')), 'board.json');
    writeFileSync(file, JSON.stringify(board));
    expect((await run(PNYX, ['mj', 'recount', '--bulletin-board', file])).code).toBe(0);
  }, 180_000);
});
