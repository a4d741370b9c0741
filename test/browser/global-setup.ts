import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ACCESS_TOKEN_TTL_SECONDS, ORGANISER } from './support/api.js';
import { startBrowserProvider } from './support/identity-provider.js';

const ROOT = process.cwd();
const API = join(ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');
const CLI = join(ROOT, 'apps', 'cli', 'bin', 'pnyx.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`pnyx ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the API exited (${server.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not become ready:\n${log()}`);
}

/**
 * Starts the built API as `npm start` would, on a fresh database: a new database on the server of
 * DATABASE_URL, or else the embedded PostgreSQL in a temporary directory. Creates the organiser
 * account the tests act as (through the CLI, as an operator would). Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A real OpenID Connect provider beside the API: residents sign in through its own pages.
  const identity = await startBrowserProvider(baseUrl);
  const env: NodeJS.ProcessEnv = {
    ...identity.env,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '100000',
    // Short-lived access tokens, so every test outlives a few: pages must refresh them silently (the
    // session's timer, the API client's retry, the live room's auth.renew) while people act.
    ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS),
  };
  const adminUrl = process.env.DATABASE_URL;
  let database: string | null = null;
  let dataDir: string | null = null;
  if (adminUrl !== undefined && adminUrl !== '') {
    database = `pnyx_browser_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    await client.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'pnyx-browser-'));
    chmodSync(dataDir, 0o755); // as root the embedded server runs as `postgres`, which must reach it
    env.PNYX_DATA_DIR = join(dataDir, 'data');
  }

  let output = '';
  const server = spawn(process.execPath, [API], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilReady(baseUrl, server, () => output);

  await runCli(['admin', 'create', '--email', ORGANISER.email, '--name', ORGANISER.name], { ...env, PNYX_ADMIN_PASSWORD: ORGANISER.password });
  process.env.PNYX_BROWSER_BASE_URL = baseUrl;

  return async () => {
    server.kill('SIGINT'); // graceful: the embedded PostgreSQL stops with it
    await new Promise((resolve) => server.once('close', resolve));
    if (database !== null) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
      await client.end();
    }
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    await identity.provider.close();
  };
}
