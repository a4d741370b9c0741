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

/** Starts dist/apps/api (run `npm run build` first) and resolves once /api/health/ready answers. */
export async function startApi(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/apps/api/src/main.js')], {
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
