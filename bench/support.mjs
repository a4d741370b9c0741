// Shared by the benchmarks: start the built API as its own process, and record results.
import { execFileSync, spawn } from 'node:child_process';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
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
 * Where the API under test is built: this checkout, or BENCH_API_ROOT=<another checkout> to measure
 * an older commit's build with the same bench, in the same run (`git worktree add /tmp/old <commit>`,
 * link node_modules, `npx nest build api` there).
 */
export const API_ROOT = process.env.BENCH_API_ROOT ?? ROOT;

/**
 * Starts dist/apps/api (run `npm run build` first) and resolves once /api/health/ready answers.
 * BENCH_CPU_PROF=<dir> profiles the API process (`node --cpu-prof`), written there when it stops.
 */
export async function startApi(env) {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(API_ROOT, 'dist/apps/api/apps/api/src/main.js')], {
    // Logs at warn unless BENCH_LOG_LEVEL says otherwise (info: an access-log line per request, as in production).
    env: { ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', PORT: String(port), ...env },
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

/**
 * CPU time (user + system, in seconds) used so far by the API process and its descendants (the
 * workers when API_WORKERS > 1), from /proc: read it before and after a load to get the API's CPU
 * per request, which does not depend on how fast the database is.
 */
export async function apiCpuSeconds(api) {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const stats = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (text === null) continue;
    // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  let total = 0;
  const pending = [api.child.pid];
  while (pending.length > 0) {
    const pid = pending.pop();
    total += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return total / ticksPerSecond;
}

/** The command as recorded: the npm script, with the variables that changed what was measured. */
export function benchCommand(script, variables = []) {
  const set = variables.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
  if (process.env.BENCH_API_ROOT !== undefined) set.unshift(`BENCH_API_ROOT=<build of ${apiCommit()}>`);
  return `\`${[...set, `npm run ${script}`].join(' ')}\``;
}

function apiCommit() {
  try {
    return execFileSync('git', ['-C', API_ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return API_ROOT;
  }
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
