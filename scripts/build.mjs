#!/usr/bin/env node
// Builds the parts of Pnyx whose sources changed since they were last built, so `npm start`,
// `npm run pnyx -- …`, `npm test` and the benches start at once when nothing changed.
//
//   node scripts/build.mjs [api] [cli] [web] [--force | --dry-run]     (no part named: all three)
//
// --dry-run says which parts would be built ("cli: stale") or not ("cli: up to date"), building nothing.
//
// A part is up to date when its output exists and the fingerprint of its inputs — every file's path,
// size and modification time, which a save, a checkout, a deletion or an `npm ci` all change — is the
// one recorded after its last build (dist/.build/<part>.json). Output goes to stderr, so a command's
// own output (JSON from `pnyx … --json`) stays clean.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = join(ROOT, 'dist', '.build');
const COMMON = ['libs', 'package.json', 'package-lock.json', 'tsconfig.json', 'nest-cli.json', 'ormconfig.ts'];

const PARTS = {
  api: { inputs: [...COMMON, 'apps/api'], output: 'dist/apps/api/apps/api/src/main.js', command: ['npx', ['nest', 'build', 'api']] },
  cli: { inputs: [...COMMON, 'apps/cli'], output: 'dist/apps/cli/apps/cli/src/main.js', command: ['npx', ['nest', 'build', 'cli']] },
  web: { inputs: ['apps/web', 'package.json', 'package-lock.json'], output: 'dist/web/index.html', command: ['npm', ['run', '-s', 'build:web']] },
};

/** Every file under `path` (skipping dependencies and build output), with its size and modification time. */
function* files(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return; // an optional input that is absent
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules' && name !== 'dist') yield* files(join(path, name));
  } else {
    yield `${relative(ROOT, path)}\t${stat.size}\t${Math.floor(stat.mtimeMs)}`;
  }
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) for (const line of files(join(ROOT, input))) hash.update(`${line}\n`);
  return hash.digest('hex');
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const dryRun = args.includes('--dry-run');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  process.stderr.write(`build: unknown part ${unknown.join(', ')} (api, cli, web)\n`);
  process.exit(2);
}

mkdirSync(STAMPS, { recursive: true });
for (const name of named.length > 0 ? named : Object.keys(PARTS)) {
  const part = PARTS[name];
  const stampFile = join(STAMPS, `${name}.json`);
  // Taken before building: a file saved during the build makes the next call build again.
  const current = fingerprint(part.inputs);
  const recorded = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')).fingerprint : null;
  const upToDate = !force && recorded === current && existsSync(join(ROOT, part.output));
  if (dryRun) {
    process.stderr.write(`${name}: ${upToDate ? 'up to date' : 'stale'}\n`);
    continue;
  }
  if (upToDate) continue;
  process.stderr.write(`build: ${name}${recorded === null ? '' : ' (sources changed)'}…\n`);
  const [command, commandArgs] = part.command;
  const run = spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (run.status !== 0) {
    process.stderr.write(`build: ${name} failed\n`);
    process.exit(run.status ?? 1);
  }
  writeFileSync(stampFile, JSON.stringify({ fingerprint: current, builtAt: new Date().toISOString() }) + '\n');
}
