import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PollScheduler } from '@app/voting';
import { createAssembly } from '../support/assemblies.js';
import { expectEachBallotOnce, voteThroughACrash } from '../support/crash-vote.js';
import { startCrashablePostgres, type CrashablePostgres } from '../support/crashable-postgres.js';
import { bulkResidents, createAndLogin, type LoggedIn } from '../support/factories.js';
import { PNYX, run } from '../support/run-process.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A vote in a live session survives kill -9 of PostgreSQL while 120 members grade: every 201 has one
 * ballot, nobody two, retries are told BALLOT_ALREADY_CAST only when committed; the chair closes the
 * vote once PostgreSQL is back and its bulletin board recounts.
 */
describe('A vote in session survives kill -9 of PostgreSQL', () => {
  let postgres: CrashablePostgres;
  let t: TestApp;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;

  beforeAll(async () => {
    postgres = await startCrashablePostgres('session-vote');
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', DATABASE_POOL_SIZE: '10', SESSION_CACHE_SECONDS: '3600' }, database: { url: postgres.url, name: 'pnyx', drop: () => Promise.resolve() } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await postgres.stop();
  });

  it('keeps every acknowledged ballot, once, and the vote closes and recounts', async () => {
    const assemblyId = (await createAssembly(t.http, organiser, 200)).id;
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    const members = await bulkResidents(t.app, 120);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    await db.query(`INSERT INTO memberships (assembly_id, role, account_id) SELECT $1, 'member', unnest($2::uuid[])`, [assemblyId, members.map((m) => m.accountId)]);
    await db.end();
    const author = members[0];
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Séance plénière', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }).expect(201)).body as { id: string };
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(author.auth).send({ kind: 'motion', title: 'Point 1', body: 'Texte' }).expect(201)).body as { id: string };
    const act = (auth: { Authorization: string }, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
    await act(author.auth, 'submit');
    await act(organiser.auth, 'start-review');
    await act(organiser.auth, 'admit', { reason: 'Recevable' });
    await act(facilitator.auth, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 60 });

    const chair = await RoomClient.connect(await deliberationUrl(t.app), facilitator.accessToken);
    try {
      await chair.ok('session.join', { sessionId: session.id });
      await chair.ok('session.start', { sessionId: session.id });
      await chair.ok('item.start', { sessionId: session.id, index: 0 });
      const opened = await chair.ok('vote.open', { sessionId: session.id, title: 'Adopter le point 1 ?', options: [{ label: 'Version initiale' }, { label: 'Version amendée' }], gradePreset: 'fr-5' });
      const pollId = String(opened.pollId);
      const options = ((await t.http.get(`/api/polls/${pollId}`).set(author.auth).expect(200)).body as { options: Array<{ id: string }> }).options;

      const cast = (i: number) => t.http.post(`/api/polls/${pollId}/ballots`).set(members[i].auth).send({ grades: { [options[0].id]: i % 5, [options[1].id]: (i + 2) % 5 } });
      const outcome = await voteThroughACrash(postgres, members.length, cast, 40);
      await expectEachBallotOnce(postgres.url, pollId, members.length, outcome);

      // The chair's socket may have lost its room in the outage: it joins again and closes the vote.
      let joined = await chair.emit('session.join', { sessionId: session.id });
      for (let attempt = 0; attempt < 40 && !joined.ok; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        joined = await chair.emit('session.join', { sessionId: session.id });
      }
      await chair.ok('vote.close', { sessionId: session.id, pollId });
      await t.app.get(PollScheduler).tick();
      const board = (await t.http.get(`/api/polls/${pollId}/bulletin-board`).expect(200)).body as { ballots: unknown[] };
      expect(board.ballots).toHaveLength(members.length);
      const file = join(mkdtempSync(join(tmpdir(), 'pnyx-session-crash-')), 'board.json');
      writeFileSync(file, JSON.stringify(board));
      expect((await run(PNYX, ['mj', 'recount', '--bulletin-board', file])).code).toBe(0);
    } finally {
      chair.close();
    }
  }, 180_000);
});
