import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCrashablePostgres, type CrashablePostgres } from '../support/crashable-postgres.js';
import { createAssembly } from '../support/assemblies.js';
import { bulkResidents, createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { MemoryLogSink, startTestApp, type TestApp } from '../support/test-app.js';

const CYCLES = 5;

/**
 * PostgreSQL killed with SIGKILL and restarted five times while residents vote: during each outage
 * every refused ballot is 503 SERVICE_UNAVAILABLE with Retry-After (never 500), readiness says the
 * database is down at once, the log says so once per outage rather than once per request; each time
 * PostgreSQL is back, ballots are accepted again within 5 s.
 */
describe('Outages of PostgreSQL, answered honestly and recovered from every time', () => {
  let postgres: CrashablePostgres;
  let t: TestApp;
  let organiser: LoggedIn;
  const logs = new MemoryLogSink();

  beforeAll(async () => {
    postgres = await startCrashablePostgres('outage');
    t = await startTestApp({
      env: { LOGIN_RATE_PER_MINUTE: '100000', ACCESS_TOKEN_TTL_SECONDS: '86400', DATABASE_POOL_SIZE: '10', SESSION_CACHE_SECONDS: '3600' },
      database: { url: postgres.url, name: 'pnyx', drop: () => Promise.resolve() },
      logSink: logs,
    });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await postgres.stop();
  });

  it(`recovers within 5 s, ${CYCLES} times in a row, and says 503 meanwhile`, async () => {
    const poll = (await t.http.post('/api/polls').set(organiser.auth).send({ title: 'Pannes', audience: 'residents', options: [{ label: 'A' }, { label: 'B' }] }).expect(201)).body as { id: string; options: Array<{ id: string }> };
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(200);
    const voters = await bulkResidents(t.app, 2500);
    let next = 0;
    const grades = Object.fromEntries(poll.options.map((option) => [option.id, 2]));
    const cast = () => t.http.post(`/api/polls/${poll.id}/ballots`).set(voters[next++].auth).send({ grades });

    const recoveries: number[] = [];
    const refusals = new Map<string, number>();
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      let loading = true;
      const load = Promise.all(
        Array.from({ length: 6 }, async () => {
          while (loading) {
            const response = await cast();
            if (response.status !== 201) {
              const key = `${response.status} ${(response.body as { code?: string }).code} retry-after=${response.headers['retry-after']}`;
              refusals.set(key, (refusals.get(key) ?? 0) + 1);
              await new Promise((resolve) => setTimeout(resolve, 50)); // a client told to come back does not hammer
            }
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      postgres.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ready = await t.http.get('/api/health/ready');
      expect([cycle, ready.status]).toEqual([cycle, 503]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      await postgres.restart();
      const back = Date.now();
      let accepted = false;
      while (!accepted && Date.now() - back < 15_000) {
        accepted = (await cast()).status === 201;
        if (!accepted) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      recoveries.push(Date.now() - back);
      loading = false;
      await load;
      await t.http.get('/api/health/ready').expect(200);
    }
    // Every refusal during the outages was an honest 503 with Retry-After.
    expect([...refusals.keys()].every((key) => key === '503 SERVICE_UNAVAILABLE retry-after=5')).toBe(true);
    expect([...refusals.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(recoveries.every((ms) => ms < 5000)).toBe(true);
    // Said once per outage (a line per 30 s at most), not once per refused request.
    const outageLines = logs.lines.filter((line) => line.includes('database unavailable'));
    expect(outageLines.length).toBeGreaterThanOrEqual(1);
    expect(outageLines.length).toBeLessThanOrEqual(CYCLES);
    expect(logs.lines.filter((line) => line.includes('"request failed"'))).toEqual([]);
  }, 240_000);

  it('tells a live room’s clients the server is degraded, instead of failing their commands silently', async () => {
    const assembly = await createAssembly(t.http, organiser, 10);
    const member = await createAndLogin(t.app, t.http);
    await seatMember(t.app, assembly.id, member.account.id);
    const session = (await t.http.post(`/api/assemblies/${assembly.id}/sessions`).set(organiser.auth).send({ title: 'Séance', scheduledAt: '2027-03-01T18:00:00+01:00' }).expect(201)).body as { id: string };
    const client = await RoomClient.connect(await deliberationUrl(t.app), member.accessToken);
    try {
      const degraded = new Promise<{ retryAfterSeconds: number }>((resolve) => client.socket.once('server.degraded', resolve));
      postgres.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await client.emit('session.join', { sessionId: session.id })).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(await degraded).toEqual({ retryAfterSeconds: 5 });
      await postgres.restart();
      let joined = await client.emit('session.join', { sessionId: session.id });
      const back = Date.now();
      while (!joined.ok && Date.now() - back < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        joined = await client.emit('session.join', { sessionId: session.id });
      }
      expect(joined).toMatchObject({ ok: true, role: 'member' });
    } finally {
      client.close();
    }
  }, 60_000);
});
