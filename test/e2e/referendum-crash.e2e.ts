import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { hashHumanCode, ManualClock } from '@app/shared';
import { startCrashablePostgres, type CrashablePostgres } from '../support/crashable-postgres.js';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { electors, generateCodes, rollCsv, uploadRoll, type ReferendumBody } from '../support/referendums.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Acknowledged means durable, even when PostgreSQL dies: a PostgreSQL of its own (embedded, so it
 * can be killed without harming other tests) is killed with SIGKILL in the middle of a vote and
 * restarted on the same port; every ballot that got a 201 must be in the box, none twice, and the
 * ballots must match the electors marked as having voted.
 */
describe('A referendum survives kill -9 of PostgreSQL', () => {
  const clock = new ManualClock(new Date('2027-03-28T04:00:00Z'));
  let postgres: CrashablePostgres;
  let url: string;
  let t: TestApp;
  let organiser: LoggedIn;

  beforeAll(async () => {
    postgres = await startCrashablePostgres('referendum');
    url = postgres.url;
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', DATABASE_POOL_SIZE: '10' }, clock, database: { url, name: 'pnyx', drop: () => Promise.resolve() } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await postgres.stop();
  });

  it('keeps every acknowledged ballot, once', async () => {
    const { id, questions } = (
      await t.http
        .post('/api/referendums')
        .set(organiser.auth)
        .send({ title: 'Votation', opensAt: '2027-03-28T08:00', closesAt: '2027-03-28T20:00', questions: [{ kind: 'yes-no', text: 'Oui ou non ?' }, { kind: 'single', text: 'Lequel ?', options: ['A', 'B', 'C'] }] })
        .expect(201)
    ).body as ReferendumBody;
    const roll = electors(400, ['1er', '2e', '3e']);
    expect((await uploadRoll(t.http, organiser, id, rollCsv(roll))).status).toBe(200);
    const codes = await generateCodes(t.http, organiser, id);
    await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200);
    clock.set(new Date('2027-03-28T07:00:00Z'));

    const acknowledged = new Map<string, string>(); // elector → receipt
    const statuses = new Map<number, number>();
    const cast = async (externalId: string): Promise<void> => {
      const elector = roll.find((e) => e.externalId === externalId)!;
      try {
        const response = await t.http.post(`/api/referendums/${id}/ballots`).send({ code: codes.get(externalId), birthDate: elector.birthDate, answers: [{ choice: 0 }, { choice: 2 }] });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) acknowledged.set(externalId, (response.body as { receipt: string }).receipt);
      } catch {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
      }
    };
    const queue = roll.map((e) => e.externalId);
    let killed = false;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        await cast(next);
        if (!killed && acknowledged.size >= 120) {
          killed = true;
          postgres.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed).toBe(true);
    const failedDuringOutage = roll.length - acknowledged.size;
    expect(failedDuringOutage).toBeGreaterThan(0); // the outage was felt

    // Restart on the same port (crash recovery replays the WAL); the app's pool reconnects by itself.
    await postgres.restart();
    // Electors whose vote went unacknowledged try again: either it is cast now, or it was committed before the crash.
    const retry = roll.map((e) => e.externalId).filter((externalId) => !acknowledged.has(externalId));
    const retried = new Map<string, number>();
    for (const externalId of retry) {
      const elector = roll.find((e) => e.externalId === externalId)!;
      let response = await t.http.post(`/api/referendums/${id}/ballots`).send({ code: codes.get(externalId), birthDate: elector.birthDate, answers: [{ choice: 0 }, { choice: 2 }] });
      for (let attempt = 0; attempt < 20 && response.status >= 500; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250)); // connections still being replaced
        response = await t.http.post(`/api/referendums/${id}/ballots`).send({ code: codes.get(externalId), birthDate: elector.birthDate, answers: [{ choice: 0 }, { choice: 2 }] });
      }
      retried.set(externalId, response.status);
      if (response.status === 201) acknowledged.set(externalId, (response.body as { receipt: string }).receipt);
    }
    expect([...retried.values()].every((status) => status === 201 || status === 409)).toBe(true);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // Every acknowledged receipt has exactly one ballot per question.
      const { rows: byReceipt } = await db.query<{ receipt_hash: string; n: number }>(
        `SELECT b.receipt_hash, count(*)::int AS n FROM ballots b JOIN referendum_polls rp ON rp.poll_id = b.poll_id JOIN referendum_questions q ON q.id = rp.question_id
          WHERE q.referendum_id = $1 GROUP BY b.receipt_hash`,
        [id],
      );
      const stored = new Map(byReceipt.map((row) => [row.receipt_hash, row.n]));
      for (const receipt of acknowledged.values()) expect(stored.get(hashHumanCode(receipt))).toBe(questions.length);
      // Ballots (per question) = electors marked as having voted = participations; every elector voted once.
      const { rows: [counts] } = await db.query<{ marks: number; q1: number; q2: number; participations: number }>(
        `SELECT (SELECT count(*)::int FROM roll_votes WHERE referendum_id = $1) AS marks,
                (SELECT count(*)::int FROM ballots b JOIN referendum_polls rp ON rp.poll_id = b.poll_id WHERE rp.question_id = $2) AS q1,
                (SELECT count(*)::int FROM ballots b JOIN referendum_polls rp ON rp.poll_id = b.poll_id WHERE rp.question_id = $3) AS q2,
                (SELECT count(*)::int FROM participations p JOIN referendum_polls rp ON rp.poll_id = p.poll_id WHERE rp.question_id = $2) AS participations`,
        [id, questions[0].id, questions[1].id],
      );
      expect(counts).toEqual({ marks: roll.length, q1: roll.length, q2: roll.length, participations: roll.length });
      // Those answered 409 on retry had been committed before the crash without an answer: counted once.
      expect(acknowledged.size + [...retried.values()].filter((status) => status === 409).length).toBe(roll.length);
    } finally {
      await db.end();
    }
  }, 180_000);
});
