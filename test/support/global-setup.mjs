// Once per `npm test` (plain ESM: Jest loads global setup outside its module mapper, so this uses
// the build made by `pretest`). Picks the PostgreSQL server — DATABASE_URL, else an embedded one in
// a fresh temporary directory — and builds a template database with every migration applied; each
// test file clones it (test/support/test-database.ts).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { startRedis } from './redis.mjs';

const persistence = await import('../../dist/apps/cli/libs/persistence/src/index.js');

export function databaseUrl(adminUrl, database) {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withAdminClient(adminUrl, work) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    const dataDir = await mkdtemp(join(tmpdir(), 'pnyx-test-'));
    await chmod(dataDir, 0o755);
    const server = new persistence.EmbeddedPostgres({ dataDir, database: 'postgres' });
    adminUrl = await server.start();
    globalThis.__PNYX_EMBEDDED__ = server;
    process.stderr.write(`\n[tests] no DATABASE_URL: using an embedded PostgreSQL in ${dataDir}\n`);
  } else {
    process.stderr.write('\n[tests] using the PostgreSQL server of DATABASE_URL\n');
  }
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = `pnyx_tpl_${run}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`));
  const dataSource = new DataSource(persistence.createDataSourceOptions({ url: databaseUrl(adminUrl, template), poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  if (process.env.PNYX_TEST_REDIS_MODE === 'spawn') {
    const redis = await startRedis();
    globalThis.__PNYX_REDIS__ = redis;
    process.env.PNYX_TEST_REDIS_URL = redis.url;
    process.stderr.write(`[tests] started redis-server at ${redis.url}\n`);
  }
  process.env.PNYX_TEST_ADMIN_URL = adminUrl;
  process.env.PNYX_TEST_TEMPLATE = template;
  process.env.PNYX_TEST_RUN = run;
}
