import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@app/shared';
import { expectEachBallotOnce, voteThroughACrash } from '../support/crash-vote.js';
import { startCrashablePostgres, type CrashablePostgres } from '../support/crashable-postgres.js';
import { bulkResidents, createAndLogin, type LoggedIn } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BUDGET_CALENDAR_2027 as CALENDAR } from '../support/budget.js';

/**
 * The participatory budget's vote survives kill -9 of PostgreSQL while 120 residents of a district
 * vote in its envelope: every 201 has one ballot, nobody two, the district marks match the ballots,
 * and those without an answer retry and are told BALLOT_ALREADY_CAST only when committed.
 */
describe('A participatory budget vote survives kill -9 of PostgreSQL', () => {
  const clock = new ManualClock(new Date('2027-09-15T10:00:00Z')); // inside the vote window
  let postgres: CrashablePostgres;
  let t: TestApp;
  let organiser: LoggedIn;

  beforeAll(async () => {
    postgres = await startCrashablePostgres('budget');
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', DATABASE_POOL_SIZE: '10', SESSION_CACHE_SECONDS: '3600' }, clock, database: { url: postgres.url, name: 'pnyx', drop: () => Promise.resolve() } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await postgres.stop();
  });

  it('keeps every acknowledged ballot, once, with its district mark', async () => {
    const id = ((await t.http.post('/api/budget/editions').set(organiser.auth).send({ title: 'Budget participatif 2027', rule: 'greedy', calendar: CALENDAR }).expect(201)).body as { id: string }).id;
    const advance = (phase: string) => t.http.post(`/api/budget/editions/${id}/phase`).set(organiser.auth).send({ phase }).expect(200);
    const envelope = ((await t.http.post(`/api/budget/editions/${id}/envelopes`).set(organiser.auth).send({ kind: 'district', district: '11e', name: '11e', amountCents: 500_00 }).expect(201)).body as { id: string }).id;
    await advance('ideas');
    const author = await createAndLogin(t.app, t.http);
    const ideaId = ((await t.http.post(`/api/budget/editions/${id}/ideas`).set(author.auth).send({ title: 'Des arbres' }).expect(201)).body as { id: string }).id;
    await advance('co-construction');
    const projects: string[] = [];
    for (const title of ['Arbres rue Oberkampf', 'Arbres rue de la Roquette']) {
      projects.push(((await t.http.post(`/api/budget/editions/${id}/projects`).set(organiser.auth).send({ title, district: '11e', ideaIds: [ideaId] }).expect(201)).body as { id: string }).id);
    }
    await advance('feasibility');
    for (const projectId of projects) await t.http.put(`/api/budget/projects/${projectId}/feasibility`).set(organiser.auth).send({ admissible: true, reason: 'Faisable', costCents: 200_00, envelopeId: envelope }).expect(200);
    await advance('ballot');
    await advance('vote');
    const ballot = (await t.http.get(`/api/budget/editions/${id}/ballot`).expect(200)).body as Array<{ pollId: string; projects: Array<{ optionId: string }> }>;
    const { pollId, projects: options } = ballot[0];
    const voters = await bulkResidents(t.app, 120);
    // Their sessions were written on the database's clock; the app runs on the test's, in 2027.
    await t.app.get<DataSource>(getDataSourceToken()).query(`UPDATE auth_sessions SET expires_at = '2030-01-01Z' WHERE account_id = ANY($1)`, [voters.map((voter) => voter.accountId)]);
    for (const voter of voters) await t.http.put(`/api/budget/editions/${id}/district`).set(voter.auth).send({ district: '11e' }).expect(200);

    const cast = (i: number) => t.http.post(`/api/polls/${pollId}/ballots`).set(voters[i].auth).send({ grades: Object.fromEntries(options.map((option, o) => [option.optionId, (i + o) % 4])) });
    const outcome = await voteThroughACrash(postgres, voters.length, cast, 40);
    await expectEachBallotOnce(postgres.url, pollId, voters.length, outcome);
    // And each voter's district mark is there once: nobody can vote in another district now.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const { rows: [{ marked }] } = await db.query<{ marked: number }>(`SELECT count(*)::int AS marked FROM budget_voters WHERE edition_id = $1 AND first_ballot_at IS NOT NULL`, [id]);
      expect(marked).toBe(voters.length);
    } finally {
      await db.end();
    }
  }, 180_000);
});
