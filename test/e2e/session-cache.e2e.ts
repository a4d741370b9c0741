import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SessionCache } from '@app/identity';
import { createAccount, createAndLogin, loginAs, type LoggedIn } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Two instances of one deployment on one database. Each keeps checked sessions in memory; whatever
 * ends or narrows a session — logout through the other instance, a demotion, an account disabled by
 * an operator in SQL — must stop working on both, and not after the cache's minute.
 */
describe('session cache across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let dataSource: DataSource;
  const env = { LOGIN_RATE_PER_MINUTE: '1000', SESSION_CACHE_SECONDS: '600' };

  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ env, database: a.database });
    dataSource = a.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const cacheOf = (t: TestApp) => t.app.get(SessionCache);
  const status = async (t: TestApp, path: string, who: LoggedIn) => (await t.http.get(path).set(who.auth)).status;

  /** Makes instance `t` hold the session in memory, and proves it answers from there. */
  async function warm(t: TestApp, who: LoggedIn, path = '/api/auth/me'): Promise<void> {
    expect(await status(t, path, who)).toBe(200);
    const before = cacheOf(t).stats().hits;
    expect(await status(t, path, who)).toBe(200);
    expect(cacheOf(t).stats().hits).toBe(before + 1);
  }

  it('listens on both instances', () => {
    expect(cacheOf(a).stats().listening).toBe(true);
    expect(cacheOf(b).stats().listening).toBe(true);
  });

  it('ends a session on every instance when it logs out on one', async () => {
    const resident = await createAndLogin(a.app, a.http);
    await warm(a, resident);
    await warm(b, resident);
    await a.http.post('/api/auth/logout').set(resident.auth).expect(204);
    // The instance that logged out forgets at once; the other on the notification.
    expect(await status(a, '/api/auth/me', resident)).toBe(401);
    expect(await eventually(async () => (await status(b, '/api/auth/me', resident)) === 401)).toBe(true);
    const response = await b.http.get('/api/auth/me').set(resident.auth).expect(401);
    expect(response.body).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('applies a demotion made on one instance to the other', async () => {
    const admin = await createAndLogin(a.app, a.http, ['admin']);
    const organiser = await createAndLogin(a.app, a.http, ['organiser']);
    const lookup = `/api/accounts/lookup?email=${encodeURIComponent(admin.account.email!)}`;
    await warm(b, organiser, lookup);
    await a.http.delete(`/api/accounts/${organiser.account.id}/roles/organiser`).set(admin.auth).expect(200);
    expect(await status(a, lookup, organiser)).toBe(403);
    expect(await eventually(async () => (await status(b, lookup, organiser)) === 403)).toBe(true);
    // And a promotion the other way round.
    await b.http.put(`/api/accounts/${organiser.account.id}/roles/organiser`).set(admin.auth).expect(200);
    expect(await eventually(async () => (await status(a, lookup, organiser)) === 200)).toBe(true);
  });

  it('ends the sessions of an account an operator disables in SQL, on both instances', async () => {
    const resident = await createAndLogin(a.app, a.http);
    const other = await loginAs(a.http, resident.account); // a second session of the same person
    await warm(a, resident);
    await warm(b, other);
    await dataSource.query(`UPDATE accounts SET disabled_at = now() WHERE id = $1`, [resident.account.id]);
    expect(await eventually(async () => (await status(a, '/api/auth/me', resident)) === 401)).toBe(true);
    expect(await eventually(async () => (await status(b, '/api/auth/me', other)) === 401)).toBe(true);
  });

  it('ends a session revoked in SQL (refresh-token reuse, an operator) on both instances', async () => {
    const resident = await createAndLogin(a.app, a.http);
    await warm(a, resident);
    await warm(b, resident);
    await dataSource.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'admin' WHERE account_id = $1`, [resident.account.id]);
    expect(await eventually(async () => (await status(a, '/api/auth/me', resident)) === 401)).toBe(true);
    expect(await eventually(async () => (await status(b, '/api/auth/me', resident)) === 401)).toBe(true);
  });

  it('asks the database on every request while it cannot listen, and listens again', async () => {
    const resident = await createAndLogin(a.app, a.http);
    await warm(b, resident);
    await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pnyx-session-listener' AND datname = current_database()`);
    expect(await eventually(() => Promise.resolve(!cacheOf(b).stats().listening))).toBe(true);
    // Deaf, it serves nothing from memory: every request asks the database.
    const meanwhile = await loginAs(a.http, await createAccount(a.app));
    const hits = cacheOf(b).stats().hits;
    expect(await status(b, '/api/auth/me', meanwhile)).toBe(200);
    expect(cacheOf(b).stats().hits).toBe(hits);
    expect(await eventually(() => Promise.resolve(cacheOf(a).stats().listening && cacheOf(b).stats().listening), 5000)).toBe(true);
    await warm(b, resident);
    await a.http.post('/api/auth/logout').set(resident.auth).expect(204);
    expect(await eventually(async () => (await status(b, '/api/auth/me', resident)) === 401)).toBe(true);
  });
});
