/* global window, document, MutationObserver, requestAnimationFrame -- code passed to page.evaluate runs in the browser */
// npm run bench:web — the web app in headless Chromium (Debian's; CHROMIUM_PATH), against the built
// API on a fresh database:
//   1. the JavaScript a resident downloads to vote (the ballot route, cold cache): bytes on the wire
//      (the Brotli copies the API serves) and gzip, target ≤ 150 KB gzipped;
//   2. navigation to an interactive 30-option ballot (a radio on screen, React attached), cold cache,
//      signed in by the refresh cookie as after a reload: BENCH_RUNS (10) runs, target ≤ 1 s;
//   3. a 500-option ballot: choosing a grade until the next paint, BENCH_CLICKS (40) grades chosen
//      across the ballot, target ≤ 100 ms; and the Event Timing API's view of real clicks;
//   4. the console's probability chart of a draw of 2,000 volunteers (example_large_200 of
//      ../shared/data/sortition), BENCH_RUNS cold runs: from the draw's answer arriving to the chart
//      drawn (rendering the 2,000 probabilities, target ≤ 500 ms), and from navigation (the page's
//      whole load: scripts, the session's refresh, the draw's request) for context.
import { chromium } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchDatabase, JSON_HEADERS, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const clicks = Number(process.env.BENCH_CLICKS ?? 40);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value) => Math.round(value * 10) / 10;

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '100000', ACCESS_TOKEN_TTL_SECONDS: '3600' });
const db = await database.client();
const browser = await chromium.launch({ executablePath, args });
try {
  const organiser = await organiserHeaders(api, db);
  const openPoll = async (count) => {
    const options = Array.from({ length: count }, (_, i) => ({ label: `Projet ${i + 1} : aménagement du square n° ${i + 1}`, description: i % 3 === 0 ? 'Un projet proposé par les habitants du quartier.' : undefined }));
    const poll = await (await fetch(`${api.base}/api/polls`, { method: 'POST', headers: organiser, body: JSON.stringify({ title: `Budget participatif : ${count} projets`, audience: 'residents', options }) })).json();
    if (poll.id === undefined) throw new Error(JSON.stringify(poll));
    await fetch(`${api.base}/api/polls/${poll.id}/open`, { method: 'POST', headers: organiser });
    return poll;
  };
  const small = await openPoll(30);
  const large = await openPoll(500);

  // A resident, signed in through the cookie as a browser is after a reload (each login is a fresh cookie).
  const email = 'resident@bench.example';
  const password = 'benchmark resident password';
  await fetch(`${api.base}/api/auth/register`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password, displayName: 'Resident' }) });
  const signedInContext = async () => {
    const login = await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password, refreshTokenIn: 'cookie' }) });
    const value = /pnyx_refresh=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (value === undefined) throw new Error('no refresh cookie');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'pnyx_refresh', value, url: `${api.base}/api/auth`, httpOnly: true, secure: true, sameSite: 'Strict' }]);
    // When the first radio of the ballot appears (React has rendered it, handlers attached).
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('input[type="radio"]') !== null) {
          window.__ballotReadyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    return context;
  };

  // 1 and 2: cold navigations to the 30-option ballot.
  const times = [];
  let wire = 0;
  let scripts = [];
  for (let run = 0; run < runs; run += 1) {
    const context = await signedInContext();
    const page = await context.newPage();
    const responses = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') responses.push(response);
    });
    await page.goto(`${api.base}/polls/${small.id}`);
    await page.waitForFunction(() => window.__ballotReadyAt !== undefined, undefined, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__ballotReadyAt));
    if (run === 0) {
      await page.waitForTimeout(500); // the live connection's chunk loads once the ballot is up
      const sizes = await Promise.all(responses.map(async (response) => ({ url: new URL(response.url()).pathname, encoding: (await response.allHeaders())['content-encoding'] ?? 'identity', bytes: (await response.request().sizes()).responseBodySize })));
      scripts = sizes;
      wire = sizes.reduce((sum, entry) => sum + entry.bytes, 0);
    }
    await context.close();
  }
  const gzipTotal = scripts.reduce((sum, entry) => sum + gzipSync(readFileSync(join(ROOT, 'dist/web', entry.url))).length, 0);
  const rawTotal = scripts.reduce((sum, entry) => sum + statSync(join(ROOT, 'dist/web', entry.url)).size, 0);
  console.log('ballot route scripts:', scripts.map((entry) => `${entry.url} ${entry.encoding} ${entry.bytes} B`).join('\n  '));

  // 3: the 500-option ballot.
  const context = await signedInContext();
  const page = await context.newPage();
  await page.goto(`${api.base}/polls/${large.id}`);
  await page.waitForFunction(() => window.__ballotReadyAt !== undefined, undefined, { timeout: 30_000 });
  const largeReady = await page.evaluate(() => window.__ballotReadyAt);
  await page.waitForTimeout(500);
  // In-page: from choosing a grade to the first frame painted after it (a task after the next rAF).
  const repaint = await page.evaluate(async (count) => {
    const fieldsets = [...document.querySelectorAll('fieldset.mj-option')];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const durations = [];
    for (let i = 0; i < count; i += 1) {
      const fieldset = fieldsets[Math.floor((i * (fieldsets.length - 1)) / Math.max(1, count - 1))];
      fieldset.scrollIntoView({ block: 'center' });
      await frame();
      await frame();
      const radios = fieldset.querySelectorAll('input[type="radio"]');
      const start = performance.now();
      radios[i % radios.length].click();
      await frame();
      durations.push(performance.now() - start);
    }
    return durations;
  }, clicks);
  // Real clicks through the browser's input pipeline, as the Event Timing API reports them (≥ 16 ms only).
  await page.evaluate(() => {
    window.__events = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'click') window.__events.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
  const groups = page.locator('fieldset.mj-option');
  for (let i = 0; i < 20; i += 1) {
    const group = groups.nth(Math.floor((i * 499) / 19));
    await group.scrollIntoViewIfNeeded();
    await group.getByRole('radio').nth(i % 7).click();
  }
  await page.waitForTimeout(300);
  const slowEvents = await page.evaluate(() => window.__events);
  await context.close();

  const navP50 = percentile(times, 50);
  const navP95 = percentile(times, 95);
  const [p50, p95, max] = [percentile(repaint, 50), percentile(repaint, 95), Math.max(...repaint)];
  console.log(`ballot route JS: ${(wire / 1024).toFixed(1)} KB on the wire (brotli), ${(gzipTotal / 1024).toFixed(1)} KB gzip, ${(rawTotal / 1024).toFixed(1)} KB raw`);
  console.log(`navigation → interactive 30-option ballot: p50 ${round(navP50)} ms, p95 ${round(navP95)} ms over ${runs} cold runs`);
  console.log(`500-option ballot interactive after ${round(largeReady)} ms; grade → repaint p50 ${round(p50)} ms, p95 ${round(p95)} ms, max ${round(max)} ms (${clicks} grades); Event Timing ≥ 16 ms: ${slowEvents.length} of 20 real clicks${slowEvents.length > 0 ? `, max ${round(Math.max(...slowEvents))} ms` : ''}`);

  const verdict = (value, target) => `${value}${value > target ? ' **missed**' : ''}`;
  await recordResult(
    'bench:web — the ballot route in headless Chromium: weight, navigation, repaint',
    ['date', 'machine', 'command', 'ballot-route JS KB: brotli on the wire / gzip (target ≤ 150 gzip) / raw', 'nav → interactive 30-option ballot ms p50 / p95 (target ≤ 1000)', '500 options: interactive ms', 'grade → repaint ms p50 / p95 / max (target ≤ 100)', 'real clicks ≥ 16 ms (Event Timing)'],
    [
      new Date().toISOString().slice(0, 10),
      `${machine()}, Chromium ${browser.version()}`,
      '`npm run bench:web`',
      `${(wire / 1024).toFixed(1)} / ${verdict(Number((gzipTotal / 1024).toFixed(1)), 150)} / ${(rawTotal / 1024).toFixed(1)}`,
      `${round(navP50)} / ${verdict(round(navP95), 1000)}`,
      `${round(largeReady)}`,
      `${round(p50)} / ${round(p95)} / ${verdict(round(max), 100)}`,
      `${slowEvents.length} of 20${slowEvents.length > 0 ? ` (max ${round(Math.max(...slowEvents))} ms)` : ''}`,
    ],
  );

  // 4. The probability chart: a computed draw of 2,000 volunteers, its page opened cold by an organiser.
  const fixture = join(ROOT, 'test/fixtures/sortition/example_large_200');
  const assembly = await (await fetch(`${api.base}/api/assemblies`, { method: 'POST', headers: organiser, body: JSON.stringify({ name: 'Assemblée (bench)', seats: 200, termStart: '2027-01-01', termEnd: '2027-12-31' }) })).json();
  const form = new FormData();
  form.append('quotas', new Blob([readFileSync(join(fixture, 'categories.csv'))], { type: 'text/csv' }), 'categories.csv');
  form.append('pool', new Blob([readFileSync(join(fixture, 'respondents.csv'))], { type: 'text/csv' }), 'respondents.csv');
  const uploaded = await fetch(`${api.base}/api/assemblies/${assembly.id}/pools`, { method: 'POST', headers: { authorization: organiser.authorization }, body: form });
  if (uploaded.status !== 201) throw new Error(`pool upload: ${uploaded.status} ${await uploaded.text()}`);
  const requested = await (await fetch(`${api.base}/api/assemblies/${assembly.id}/draws`, { method: 'POST', headers: organiser, body: JSON.stringify({ algorithm: 'leximin' }) })).json();
  for (let status = ''; status !== 'computed'; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = (await (await fetch(`${api.base}/api/draws/${requested.id}`)).json()).status;
    if (status === 'failed') throw new Error('the bench draw failed');
  }
  const chartTimes = [];
  const renderTimes = [];
  for (let run = 0; run < runs; run += 1) {
    const login = await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email: 'organiser@bench.example', password: 'benchmark password 1234', refreshTokenIn: 'cookie' }) });
    const value = /pnyx_refresh=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    const chartContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await chartContext.addCookies([{ name: 'pnyx_refresh', value, url: `${api.base}/api/auth`, httpOnly: true, secure: true, sameSite: 'Strict' }]);
    await chartContext.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const path = document.querySelector('path.chart-fair');
        if (path !== null && (path.getAttribute('d') ?? '').length > 0) {
          window.__chartAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    const chartPage = await chartContext.newPage();
    await chartPage.goto(`${api.base}/console/draws/${requested.id}`);
    await chartPage.waitForFunction(() => window.__chartAt !== undefined, undefined, { timeout: 30_000 });
    chartTimes.push(await chartPage.evaluate(() => window.__chartAt));
    // The draw's first answer (the page asks once; the Resource Timing entry says when its body was in).
    const answered = await chartPage.evaluate((drawPath) => performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname === drawPath)?.responseEnd, `/api/draws/${requested.id}`);
    if (answered === undefined) throw new Error('the draw page did not ask for the draw');
    renderTimes.push(chartTimes[chartTimes.length - 1] - answered);
    const points = await chartPage.evaluate(() => (document.querySelector('path.chart-fair')?.getAttribute('d') ?? '').split('H').length);
    if (run === 0) console.log(`probability chart: ${points - 1} steps drawn for 2,000 volunteers`);
    await chartContext.close();
  }
  console.log(`the draw's answer → probability chart of 2,000 volunteers drawn: p50 ${round(percentile(renderTimes, 50))} ms, p95 ${round(percentile(renderTimes, 95))} ms over ${runs} cold runs`);
  console.log(`navigation → probability chart of 2,000 volunteers drawn: p50 ${round(percentile(chartTimes, 50))} ms, p95 ${round(percentile(chartTimes, 95))} ms over ${runs} cold runs`);
  await recordResult(
    "bench:web — the console's probability chart: a draw of 2,000 volunteers",
    ['date', 'machine', 'command', 'nav → chart drawn ms p50 / p95 (the whole load; the 2026-12-02 row held it to 500)', 'runs', "draw's answer → chart drawn ms p50 / p95 (target ≤ 500)"],
    [new Date().toISOString().slice(0, 10), `${machine()}, Chromium ${browser.version()}`, '`npm run bench:web`', `${round(percentile(chartTimes, 50))} / ${round(percentile(chartTimes, 95))}`, runs, `${round(percentile(renderTimes, 50))} / ${verdict(round(percentile(renderTimes, 95)), 500)}`],
  );
} finally {
  await browser.close();
  await api.stop();
  await database.drop();
}
