// Shared by the benchmarks: start the built API as its own process, and record results.
import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts dist/apps/api (run `npm run build` first) and resolves once /api/health/ready answers.
 * BENCH_CPU_PROF=<dir> profiles the API process (`node --cpu-prof`), written there when it stops.
 */
export async function startApi(env) {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist/apps/api/apps/api/src/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/api/health/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

export function machine() {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Appends one row under the benchmark's heading in bench/RESULTS.md, creating the table if needed. */
export async function recordResult(heading, columns, values) {
  const file = join(ROOT, 'bench/RESULTS.md');
  const existing = await readFile(file, 'utf8').catch(() => '# Benchmark results\n\nEvery run appends a row; old rows stay so the trend shows.\n');
  const title = `## ${heading}`;
  const row = `| ${values.join(' | ')} |`;
  if (!existing.includes(title)) {
    const header = `\n${title}\n\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n${row}\n`;
    await writeFile(file, existing.trimEnd() + '\n' + header);
    return;
  }
  // Insert after the last row of this section's table.
  const lines = existing.split('\n');
  let index = lines.indexOf(title) + 1;
  while (index < lines.length && !lines[index].startsWith('|')) index += 1;
  while (index < lines.length && lines[index].startsWith('|')) index += 1;
  lines.splice(index, 0, row);
  await writeFile(file, lines.join('\n'));
}

export async function appendNote(text) {
  await appendFile(join(ROOT, 'bench/RESULTS.md'), text);
}

/**
 * A fresh database on the system PostgreSQL (DATABASE_URL, else 127.0.0.1:5432) for one benchmark:
 * `url` to give the API, `db` a client on it, `drop()` when done (unless BENCH_KEEP_DB is set).
 */
export async function benchDatabase() {
  const pg = (await import('pg')).default;
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `pnyx_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let db;
  return {
    url: url.toString(),
    /** A client on the bench database (connect after the API has migrated it). */
    async client() {
      db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      return db;
    },
    async drop() {
      await db?.end();
      if (process.env.BENCH_KEEP_DB === undefined) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      else console.log(`kept database ${name}`);
      await admin.end();
    },
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Registers an organiser through the API, grants the role in SQL, logs in: headers for their requests. */
export async function organiserHeaders(api, db) {
  const email = 'organiser@bench.example';
  const password = 'benchmark password 1234';
  await fetch(`${api.base}/api/auth/register`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password, displayName: 'Organiser' }) });
  await db.query(`UPDATE accounts SET roles = roles || '{organiser}' WHERE email_normalized = $1`, [email]);
  const login = await (await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password }) })).json();
  return { ...JSON_HEADERS, authorization: `Bearer ${login.accessToken}` };
}
