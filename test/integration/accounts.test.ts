import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountEntity, AccountService, AuthService, IdentityException } from '@app/identity';
import { AuditLogService, ManualClock } from '@app/shared';
import { createAccount, TEST_PASSWORD, uniqueEmail } from '../support/factories.js';
import { startTestContext, type TestContext } from '../support/test-context.js';

describe('accounts on PostgreSQL', () => {
  let t: TestContext;
  let accounts: AccountService;
  let auth: AuthService;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestContext({ clock });
    accounts = t.context.get(AccountService);
    auth = t.context.get(AuthService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores an argon2id hash, never the password', async () => {
    const account = await createAccount(t.context);
    const [row] = await t.dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM accounts WHERE id = $1`, [account.id]);
    expect(row['password_hash']).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it('reads an account in plain SQL exactly as TypeORM maps it, every column included', async () => {
    const account = await createAccount(t.context, { roles: ['organiser'] });
    await t.dataSource.query(`UPDATE accounts SET locked_until = now(), failed_login_count = 3 WHERE id = $1`, [account.id]);
    const viaTypeOrm = await t.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: account.id });
    const viaSql = await accounts.get(account.id);
    expect(viaSql).toBeInstanceOf(AccountEntity);
    expect(viaSql).toEqual(viaTypeOrm);
    expect(Object.keys(viaSql).sort()).toEqual(t.dataSource.getMetadata(AccountEntity).columns.map((column) => column.propertyName).sort());
  });

  it('creates one account when ten registrations for one address race', async () => {
    const email = uniqueEmail();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => accounts.register({ email: i % 2 === 0 ? email : email.toUpperCase(), password: TEST_PASSWORD, displayName: `R${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const failure of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(failure.reason).toBeInstanceOf(IdentityException);
      expect((failure.reason as IdentityException).code).toBe('EMAIL_TAKEN');
    }
  });

  it('counts every failed login under concurrency (no lost update)', async () => {
    const account = await createAccount(t.context);
    await Promise.allSettled(Array.from({ length: 4 }, (_, i) => auth.login(account.email!, 'wrong password here', `10.0.0.${i}`)));
    const [row] = await t.dataSource.query<Array<{ failed_login_count: number }>>(`SELECT failed_login_count FROM accounts WHERE id = $1`, [account.id]);
    expect(row.failed_login_count).toBe(4);
  });

  it('never lets concurrent demotions remove the last admin', async () => {
    await t.dataSource.query(`UPDATE accounts SET roles = array_remove(roles, 'admin')`);
    const admins = await Promise.all([1, 2, 3].map(() => createAccount(t.context, { roles: ['admin'] })));
    // Every admin demotes every other admin at once.
    const attempts = admins.flatMap((actor) => admins.filter((a) => a.id !== actor.id).map((target) => accounts.revokeRole(actor.id, target.id, 'admin')));
    const results = await Promise.allSettled(attempts);
    const [{ count }] = await t.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM accounts WHERE 'admin' = ANY(roles)`);
    expect(count).toBe(1);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect((refusal.reason as IdentityException).code).toBe('LAST_ADMIN');
  });

  it('audits an admin created from the command line', async () => {
    const admin = await accounts.createAdmin({ email: uniqueEmail('admin'), password: TEST_PASSWORD, displayName: 'Root' });
    expect(admin.roles).toEqual(['admin', 'resident']);
    const entries = await t.context.get(AuditLogService).list(0, 1000);
    expect(entries.find((e) => e.subjectId === admin.id)).toMatchObject({ actor: 'cli', action: 'account.admin-created' });
  });
});
