// Runs the browser tests (Playwright) when a Chromium is found, and says loudly when they are not
// run: no Chromium on this machine, or PNYX_BROWSER_TESTS=skip (CI runs them in one of its passes).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const chromium = candidates.find((path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

const banner = (text) => process.stderr.write(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}\n\n`);

if (process.env.PNYX_BROWSER_TESTS === 'skip') {
  banner('[browser tests] NOT RUN: PNYX_BROWSER_TESTS=skip');
  process.exit(0);
}
if (chromium === undefined) {
  banner('[browser tests] NOT RUN: no Chromium found (install it with `apt-get install chromium`, or set CHROMIUM_PATH)');
  process.exit(0);
}
process.stderr.write(`\n[browser tests] Chromium: ${chromium}\n`);
const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'test/browser/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
