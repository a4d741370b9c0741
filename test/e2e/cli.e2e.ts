import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { uniqueEmail } from '../support/factories.js';
import { API, PNYX, run } from '../support/run-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('pnyx command line', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database.drop();
  });

  it('lists its commands', async () => {
    const help = await run(PNYX, ['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['admin', 'audit', 'migration', 'config']) expect(help.stdout).toContain(command);
  });

  it('creates the first admin with the password from stdin, never from argv', async () => {
    const email = uniqueEmail('first-admin');
    const created = await run(PNYX, ['admin', 'create', '--email', email, '--name', 'First Admin'], env, 'a long enough admin password\n');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email, roles: ['admin', 'resident'] });
    const again = await run(PNYX, ['admin', 'create', '--email', email], env, 'a long enough admin password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('EMAIL_TAKEN');
    const weak = await run(PNYX, ['admin', 'create', '--email', uniqueEmail()], env, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('WEAK_PASSWORD');
  });

  it('verifies the audit chain, and names the entry edited in the database', async () => {
    for (let i = 0; i < 3; i += 1) {
      const created = await run(PNYX, ['admin', 'create', '--email', uniqueEmail('admin')], env, 'a long enough admin password');
      expect(created.code).toBe(0);
    }
    const intact = await run(PNYX, ['audit', 'verify', '--json'], env);
    expect(intact.code).toBe(0);
    const result = JSON.parse(intact.stdout) as { ok: boolean; count: number };
    expect(result.ok).toBe(true);
    expect(result.count).toBeGreaterThanOrEqual(4);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE audit_log SET actor = 'account:someone-else' WHERE seq = 3`);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const broken = await run(PNYX, ['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/audit log BROKEN at entry #3: its content does not match its hash/);
    expect(broken.stdout).toContain('2 entries verified before it');
  });

  it('reports pending migrations and a schema up to date', async () => {
    const show = await run(PNYX, ['migration', 'show'], env);
    expect(show.stdout).toContain('schema is up to date');
    expect(show.code).toBe(0);
  });

  it('refuses a bad configuration, naming the variable', async () => {
    const bad = await run(PNYX, ['config', 'check'], { ...env, PORT: 'eighty' });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
  });
});

describe('API start-up', () => {
  it('stops with a message naming a bad variable', async () => {
    const result = await run(API, [], { PORT: 'abc', REDIS_URL: 'http://wrong' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT must be an integer');
    expect(result.stderr).toContain('REDIS_URL must use redis: or rediss:');
  });

  it('serves from several worker processes with API_WORKERS, and stops them all on SIGTERM', async () => {
    const database = await createTestDatabase();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const child = spawn(process.execPath, [API], {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', API_WORKERS: '2', PORT: String(port), DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while ((output.match(/Pnyx API listening/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((output.match(/Pnyx API listening/g) ?? []).length).toBe(2);
      const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
      expect(ready.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('refuses the default JWT secret in production', async () => {
    const result = await run(API, [], { NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('JWT_SECRET must be set in production');
  });
});
