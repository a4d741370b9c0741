// npm run bench:commands — how soon the everyday commands answer when nothing changed since the last
// build (scripts/build.mjs builds only stale parts):
//   `npm run -s pnyx -- --help` (target ≤ 1.5 s) and `npm run -s pnyx -- mj rank` on a small tally,
//   each BENCH_RUNS (5) times, median;
//   `npm start` without DATABASE_URL (the embedded PostgreSQL, data in a scratch directory, already
//   initialised by a first start that is not counted) until /api/health/ready answers (target ≤ 5 s).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, machine, recordResult, ROOT } from './support.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Everything built first, as after any `npm run build`: what is timed is the call with nothing to build.
const build = spawnSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function timeCommand(args) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (/build: /.test(result.stderr)) throw new Error(`npm ${args.join(' ')} rebuilt something: ${result.stderr}`);
  }
  return median(times);
}

const scratch = mkdtempSync(join(tmpdir(), 'pnyx-bench-commands-'));
chmodSync(scratch, 0o755); // the embedded PostgreSQL runs as "postgres", which must reach its data
const tallies = join(scratch, 'tallies.json');
writeFileSync(tallies, JSON.stringify({ grades: ['Insuffisant', 'Passable', 'Bien'], tallies: { a: [3, 4, 5], b: [5, 4, 3] } }));
const helpMs = timeCommand(['run', '-s', 'pnyx', '--', '--help']);
const rankMs = timeCommand(['run', '-s', 'pnyx', '--', 'mj', 'rank', '--tallies', tallies]);

async function startToReady(dataDir) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), PNYX_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit'], detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = performance.now() - started;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    process.kill(-child.pid, 'SIGTERM'); // npm and the server it started
  });
  // The server stops its PostgreSQL on the way out: the next start waits for the cluster to be free.
  while (existsSync(join(dataDir, 'postgres', 'postmaster.pid'))) await new Promise((resolve) => setTimeout(resolve, 50));
  return elapsed;
}

const dataDir = join(scratch, 'data');
const firstStartMs = await startToReady(dataDir); // initialises the cluster: not counted
const startTimes = [];
for (let run = 0; run < Math.min(runs, 3); run += 1) startTimes.push(await startToReady(dataDir));
const startMs = median(startTimes);
rmSync(scratch, { recursive: true, force: true });

const round = (ms) => Math.round(ms) / 1000;
console.log(JSON.stringify({ helpSeconds: round(helpMs), mjRankSeconds: round(rankMs), firstStartSeconds: round(firstStartMs), startToReadySeconds: round(startMs) }));
await recordResult(
  'bench:commands — commands with nothing to build',
  ['date', 'machine', 'command', '`npm run -s pnyx -- --help` s (target ≤ 1.5)', '`pnyx mj rank` s', '`npm start` → ready s (target ≤ 5)', 'first start (cluster initialised) s'],
  [
    new Date().toISOString().slice(0, 10),
    machine(),
    '`npm run bench:commands`',
    `${round(helpMs)}${helpMs > 1500 ? ' **missed**' : ''}`,
    round(rankMs),
    `${round(startMs)}${startMs > 5000 ? ' **missed**' : ''}`,
    round(firstStartMs),
  ],
);
