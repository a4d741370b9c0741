import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogService } from '@app/shared';
import { createAccount, createAndLogin, loginAs } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an admin grant organiser, takes effect at once, and audits it', async () => {
    const admin = await createAndLogin(t.app, t.http, ['admin']);
    const resident = await createAndLogin(t.app, t.http);
    const granted = await t.http.put(`/api/accounts/${resident.account.id}/roles/organiser`).set(admin.auth).expect(200);
    expect(granted.body).toMatchObject({ roles: ['organiser', 'resident'] });
    // Granting twice changes nothing and writes no second audit entry.
    await t.http.put(`/api/accounts/${resident.account.id}/roles/organiser`).set(admin.auth).expect(200);
    // The resident's existing token now carries the role (roles are read live, not from the token).
    const me = await t.http.get('/api/auth/me').set(resident.auth).expect(200);
    expect(me.body).toMatchObject({ roles: ['organiser', 'resident'] });

    const entries = await t.app.get(AuditLogService).list(0, 1000);
    const grants = entries.filter((e) => e.action === 'account.role.granted' && e.subjectId === resident.account.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ actor: `account:${admin.account.id}`, data: { role: 'organiser' } });

    await t.http.delete(`/api/accounts/${resident.account.id}/roles/organiser`).set(admin.auth).expect(200);
    const after = await t.http.get('/api/auth/me').set(resident.auth).expect(200);
    expect(after.body).toMatchObject({ roles: ['resident'] });
  });

  it('refuses role escalation by non-admins', async () => {
    for (const roles of [[], ['organiser'], ['facilitator']] as const) {
      const caller = await createAndLogin(t.app, t.http, [...roles]);
      const response = await t.http.put(`/api/accounts/${caller.account.id}/roles/admin`).set(caller.auth).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      await t.http.get(`/api/accounts?email=example`).set(caller.auth).expect(403);
    }
  });

  it('refuses roles that cannot be granted and roles smuggled into registration', async () => {
    const admin = await createAndLogin(t.app, t.http, ['admin']);
    const target = await createAccount(t.app);
    for (const role of ['member', 'resident', 'superuser', 'ADMIN']) {
      const response = await t.http.put(`/api/accounts/${target.id}/roles/${role}`).set(admin.auth).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const smuggled = await t.http
      .post('/api/auth/register')
      .send({ email: 'smuggler@example.org', password: 'a long enough password', displayName: 'S', roles: ['admin'] })
      .expect(400);
    expect(smuggled.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers 404 for an unknown account and 400 for a malformed id', async () => {
    const admin = await createAndLogin(t.app, t.http, ['admin']);
    const unknown = await t.http.put('/api/accounts/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/roles/organiser').set(admin.auth).expect(404);
    expect(unknown.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await t.http.put('/api/accounts/42/roles/organiser').set(admin.auth).expect(400);
  });

  it('keeps at least one admin, even when two admins demote each other at once', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    // Start from a database whose only admins are the two below.
    await ds.query(`UPDATE accounts SET roles = array_remove(roles, 'admin')`);
    const first = await createAndLogin(t.app, t.http, ['admin']);
    const second = await createAndLogin(t.app, t.http, ['admin']);
    const [a, b] = await Promise.all([
      t.http.delete(`/api/accounts/${second.account.id}/roles/admin`).set(first.auth),
      t.http.delete(`/api/accounts/${first.account.id}/roles/admin`).set(second.auth),
    ]);
    // One wins. The other is refused: LAST_ADMIN if both got past the guard, FORBIDDEN if the
    // winner's demotion committed before the loser's request was authorised.
    const statuses = [a.status, b.status].sort((x, y) => x - y);
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const refused = a.status === 200 ? b : a;
    expect(refused.body).toMatchObject({ code: statuses[1] === 409 ? 'LAST_ADMIN' : 'FORBIDDEN' });
    const [{ count }] = await ds.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM accounts WHERE 'admin' = ANY(roles)`);
    expect(count).toBe(1);
    // A demoted admin loses admin routes at once.
    const demoted = a.status === 200 ? second : first;
    await t.http.get('/api/accounts?email=x').set(demoted.auth).expect(403);
    await loginAs(t.http, demoted.account);
  });
});
