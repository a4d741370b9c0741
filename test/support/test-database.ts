import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets its own database, cloned from a migrated template made once per run
 * (test/support/global-setup.ts). Tests never share state, and cloning takes ~0.2 s.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const TEST_ADMIN_URL_ENV = 'PNYX_TEST_ADMIN_URL';
export const TEST_TEMPLATE_ENV = 'PNYX_TEST_TEMPLATE';
export const TEST_RUN_ENV = 'PNYX_TEST_RUN';

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  const template = process.env[TEST_TEMPLATE_ENV];
  const run = process.env[TEST_RUN_ENV];
  if (adminUrl === undefined || template === undefined || run === undefined) {
    throw new Error('test database settings missing: run tests through `npm test` (jest global setup)');
  }
  const name = `pnyx_t_${run}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`),
  );
  return {
    url: databaseUrl(adminUrl, name),
    name,
    drop: () =>
      withAdminClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
