import { defineConfig } from '@playwright/test';
import { chromiumPath } from './support/chromium.js';

/**
 * Browser tests: the built app (`npm run build`) served by the real API on a database of its own
 * (global-setup.ts), driven in Debian's Chromium (Playwright cannot download browsers here).
 * `npm test` runs them when a Chromium is found (test/browser/run.mjs).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.browser.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/browser',
  globalSetup: './global-setup.ts',
  use: {
    locale: 'fr-FR',
    // Not Paris: the app must show Paris time whatever the device's time zone.
    timezoneId: 'America/Montreal',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath() ?? '/usr/bin/chromium',
      // As root the sandbox must be off; the rest keeps Chromium from calling out of this machine.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
