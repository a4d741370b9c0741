import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent.js';
import { AccountService, type AccountEntity } from '@app/identity';
import type { GrantableRole } from '@app/shared';

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
