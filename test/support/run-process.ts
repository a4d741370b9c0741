import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = process.cwd();
export const PNYX = join(ROOT, 'apps', 'cli', 'bin', 'pnyx.js');
export const API = join(ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point (`npm test` builds first) as an operator would. */
export function run(entry: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
