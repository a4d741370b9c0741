import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent.js';
import { AccountService, type AccountEntity } from '@app/identity';
import { AccessTokenService, type GrantableRole } from '@app/shared';

export const TEST_PASSWORD = 'a long enough test password';

export function uniqueEmail(prefix = 'person'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.org`;
}

/** A resident account, with extra global roles written straight to the database. */
export async function createAccount(
  context: INestApplicationContext,
  options: { roles?: GrantableRole[]; email?: string } = {},
): Promise<AccountEntity> {
  const accounts = context.get(AccountService);
  const account = await accounts.register({ email: options.email ?? uniqueEmail(), password: TEST_PASSWORD, displayName: 'Test Person' });
  if (options.roles !== undefined && options.roles.length > 0) {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    await dataSource.query(`UPDATE accounts SET roles = roles || $2::text[] WHERE id = $1`, [account.id, options.roles]);
    account.roles = [...account.roles, ...options.roles];
  }
  return account;
}

export interface LoggedIn {
  account: AccountEntity;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function loginAs(http: TestAgent, account: AccountEntity): Promise<LoggedIn> {
  const response = await http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }).expect(200);
  const body = response.body as { accessToken: string; refreshToken: string };
  return { account, accessToken: body.accessToken, refreshToken: body.refreshToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

export async function createAndLogin(context: INestApplicationContext, http: TestAgent, roles: GrantableRole[] = []): Promise<LoggedIn> {
  return loginAs(http, await createAccount(context, { roles }));
}

/**
 * Many resident accounts at once, for concurrency tests: rows and live sessions written in SQL, tokens
 * signed by the app's own AccessTokenService (argon2 logins for hundreds of people would take minutes).
 */
export async function bulkResidents(context: INestApplicationContext, count: number): Promise<Array<{ accountId: string; auth: { Authorization: string } }>> {
  const dataSource = context.get<DataSource>(getDataSourceToken());
  const tag = randomBytes(4).toString('hex');
  const rows = await dataSource.query<Array<{ id: string; account_id: string }>>(
    `WITH a AS (
       INSERT INTO accounts (email, email_normalized, display_name, password_hash, roles)
       SELECT 'bulk-' || $2 || '-' || i || '@example.org', 'bulk-' || $2 || '-' || i || '@example.org', 'Bulk', 'no-password', '{resident}'
         FROM generate_series(1, $1::int) AS i RETURNING id)
     INSERT INTO auth_sessions (account_id, expires_at) SELECT id, now() + interval '1 day' FROM a RETURNING id, account_id`,
    [count, tag],
  );
  const tokens = context.get(AccessTokenService);
  return Promise.all(rows.map(async (row) => ({ accountId: row.account_id, auth: { Authorization: `Bearer ${await tokens.sign({ accountId: row.account_id, sessionId: row.id })}` } })));
}

/** Seats an account as a member of an assembly directly (tests of what members do, without a draw). */
export async function seatMember(context: INestApplicationContext, assemblyId: string, accountId: string): Promise<void> {
  await context.get<DataSource>(getDataSourceToken()).query(`INSERT INTO memberships (assembly_id, role, account_id) VALUES ($1, 'member', $2)`, [assemblyId, accountId]);
}
