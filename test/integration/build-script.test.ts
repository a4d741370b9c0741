import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

// `npm start`, `npm run pnyx` and the tests build only what changed (scripts/build.mjs). Checked with
// --dry-run, which builds nothing: the suite runs after `npm run build`, so every part is up to date,
// and a source saved again (a new modification time, same content) makes its parts stale.
const dryRun = (): string => {
  const run = spawnSync(process.execPath, [join(process.cwd(), 'scripts', 'build.mjs'), '--dry-run'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stderr.trim();
};

describe('the build script', () => {
  it('builds nothing when no source changed, and sees a saved source', () => {
    expect(dryRun()).toBe(['api: up to date', 'cli: up to date', 'web: up to date'].join('\n'));
    const source = join(process.cwd(), 'apps', 'cli', 'src', 'main.ts');
    const { atime, mtime, mtimeMs } = statSync(source);
    try {
      utimesSync(source, atime, new Date(mtime.getTime() + 60_000));
      expect(dryRun()).toBe(['api: up to date', 'cli: stale', 'web: up to date'].join('\n'));
    } finally {
      // The same millisecond again (the fingerprint's unit): up to date, nothing rebuilt by this test.
      // Seconds as a double carry ~0.2 µs of error at today's dates, so aim at the millisecond's middle:
      // restoring `mtime` itself could land a hair before it and read as the millisecond before.
      utimesSync(source, atime, (Math.floor(mtimeMs) + 0.5) / 1000);
    }
    expect(dryRun()).toBe(['api: up to date', 'cli: up to date', 'web: up to date'].join('\n'));
  });
});
