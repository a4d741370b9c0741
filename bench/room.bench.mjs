/* global window, document, MutationObserver, Node -- code passed to page.evaluate runs in the browser */
// npm run bench:room — the live session room's web page under load, in headless Chromium (Debian's;
// CHROMIUM_PATH) against the built API on a fresh database:
//   1. BENCH_MEMBERS (150) members connected by socket.io clients, plus one member in the browser;
//      they post BENCH_RATE (10) messages per second for BENCH_SECONDS (60); for each message, the
//      time from the sender's `emit` to the message's element in the page's DOM (a MutationObserver),
//      on one clock: the page's is calibrated against this process's before the run. Target p95 ≤ 100 ms.
//   2. then BENCH_TOTAL (5,000) messages in all, faster (BENCH_FILL_RATE, 50/s), and the page's memory
//      after a garbage collection: its JavaScript heap, its DOM, and the renderer's RSS. Target ≤ 100 MB.
//
// Members and memberships are made in SQL and their tokens signed with the API's own
// AccessTokenService (as bench:deliberation does); the browser's member signs in with a password
// and holds the refresh cookie, as a person does.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { benchDatabase, JSON_HEADERS, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const members = Number(process.env.BENCH_MEMBERS ?? 150);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 10);
const total = Number(process.env.BENCH_TOTAL ?? 5000);
const fillRate = Number(process.env.BENCH_FILL_RATE ?? 50);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const secret = 'bench-secret-bench-secret-bench-secret-0123';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const { AccessTokenService } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/auth/access-token.service.js'));
const { loadConfig, systemClock } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/index.js'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value) => Math.round(value * 10) / 10;
const mb = (bytes) => round(bytes / 2 ** 20);
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The largest renderer's resident memory (Linux /proc): the page's process as the system sees it (a spare renderer may idle beside it). */
function rendererRss(browserPid) {
  const tree = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command }));
  const descendants = new Set([browserPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of tree) if (descendants.has(entry.ppid) && !descendants.has(entry.pid)) grew = descendants.add(entry.pid) !== undefined;
  }
  let bytes = 0;
  for (const entry of tree) {
    if (!descendants.has(entry.pid) || !entry.command.includes('--type=renderer')) continue;
    const status = readFileSync(`/proc/${entry.pid}/status`, 'utf8');
    bytes = Math.max(bytes, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
  }
  return bytes;
}

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, JWT_SECRET: secret, LOGIN_RATE_PER_MINUTE: '100000', ACCESS_TOKEN_TTL_SECONDS: '7200', DATABASE_POOL_SIZE: '10' });
const db = await database.client();
const browser = await chromium.launch({ executablePath, args });
const sockets = [];
try {
  const organiser = await organiserHeaders(api, db);
  const organiserId = (await db.query(`SELECT id FROM accounts WHERE email_normalized = 'organiser@bench.example'`)).rows[0].id;
  const assembly = await (await fetch(`${api.base}/api/assemblies`, { method: 'POST', headers: organiser, body: JSON.stringify({ name: 'Assemblée citoyenne', seats: members + 1, termStart: '2027-01-01', termEnd: '2027-12-31' }) })).json();
  const signer = new AccessTokenService(loadConfig({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: '7200' }), systemClock);
  const { rows } = await db.query(
    `WITH a AS (
       INSERT INTO accounts (email, email_normalized, display_name, password_hash, roles)
       SELECT 'member' || i || '@bench.example', 'member' || i || '@bench.example', 'Membre ' || i, 'not-a-password-hash', '{resident}'
         FROM generate_series(1, $1) AS i RETURNING id),
     m AS (INSERT INTO memberships (assembly_id, role, account_id) SELECT $2, 'member', id FROM a)
     INSERT INTO auth_sessions (account_id, expires_at) SELECT id, now() + interval '1 day' FROM a RETURNING id, account_id`,
    [members, assembly.id],
  );
  const tokens = await Promise.all(rows.map((row) => signer.sign({ accountId: row.account_id, sessionId: row.id })));

  // The member in the browser: a real sign-in, the refresh cookie in the browser's jar.
  const email = 'browser-member@bench.example';
  const password = 'benchmark member password';
  await fetch(`${api.base}/api/auth/register`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password, displayName: 'Membre au navigateur' }) });
  await db.query(`INSERT INTO memberships (assembly_id, role, account_id) SELECT $1, 'member', id FROM accounts WHERE email_normalized = $2`, [assembly.id, email]);
  const login = await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email, password, refreshTokenIn: 'cookie' }) });
  const cookie = /pnyx_refresh=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (cookie === undefined) throw new Error('no refresh cookie');

  // A live session with its item started.
  const session = await (await fetch(`${api.base}/api/assemblies/${assembly.id}/sessions`, { method: 'POST', headers: organiser, body: JSON.stringify({ title: 'Séance plénière', scheduledAt: '2027-03-01T18:00:00Z', visibility: 'public' }) })).json();
  await db.query(
    `INSERT INTO proposals (assembly_id, kind, title, body, author_id, state, session_id, agenda_position, allotted_minutes, submitted_at)
     VALUES ($1, 'motion', 'Mobilités', 'Texte', $2, 'scheduled', $3, 1, 600, now())`,
    [assembly.id, organiserId, session.id],
  );
  const chair = await connect(`${api.base}/deliberation`, organiser.authorization.slice('Bearer '.length));
  for (const [event, payload] of [
    ['session.join', {}],
    ['session.start', {}],
    ['item.start', { index: 0 }],
  ]) {
    const ack = await chair.emitWithAck(event, { sessionId: session.id, ...payload });
    if (!ack.ok) throw new Error(`${event}: ${ack.code} ${ack.message}`);
  }
  chair.close();

  // The page, with an observer that notes when each message's element enters the DOM.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await context.addCookies([{ name: 'pnyx_refresh', value: cookie, url: `${api.base}/api/auth`, httpOnly: true, secure: true, sameSite: 'Strict' }]);
  await context.addInitScript(() => {
    window.__seen = new Map();
    window.__twice = 0;
    const note = (element) => {
      const marker = /^m(\d+) /.exec(element.querySelector('.message-body')?.textContent ?? '')?.[1];
      if (marker === undefined) return;
      if (window.__seen.has(marker)) window.__twice += 1;
      else window.__seen.set(marker, performance.timeOrigin + performance.now());
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const added of record.addedNodes) {
          if (added.nodeType !== Node.ELEMENT_NODE) continue;
          if (added.matches('li.message')) note(added);
          else for (const item of added.querySelectorAll('li.message')) note(item);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(`${api.base}/sessions/${session.id}`);
  await page.getByLabel('Votre message').waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('textarea')?.disabled === false, undefined, { timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
    return { heap: metrics.JSHeapUsedSize, nodes: metrics.Nodes, rss: rendererRss(findBrowserPid()) };
  };

  // The page's clock against ours: the sample with the shortest round trip.
  let offset = 0;
  let best = Infinity;
  for (let i = 0; i < 30; i += 1) {
    const before = wallNow();
    const theirs = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best) {
      best = after - before;
      offset = theirs - (before + after) / 2;
    }
  }
  console.log(`page clock offset ${round(offset)} ms (±${round(best / 2)} ms)`);

  for (const token of tokens) sockets.push(await connect(`${api.base}/deliberation`, token));
  for (const socket of sockets) {
    const ack = await socket.timeout(10_000).emitWithAck('session.join', { sessionId: session.id });
    if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
  }
  await sleep(1000); // the presence events of 150 arrivals settle on the page
  const baseline = await memory();

  const sentAt = new Map();
  let refused = 0;
  const post = async (from, count, perSecond) => {
    const started = performance.now();
    for (let n = from; n < from + count; n += 1) {
      const wait = started + ((n - from) * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const body = `m${n} — Je propose que la piste cyclable de la rue de Rivoli soit prolongée jusqu’à la Bastille, avec des arceaux.`;
      sentAt.set(String(n), wallNow());
      sockets[n % sockets.length]
        .timeout(10_000)
        .emitWithAck('message.post', { sessionId: session.id, body })
        .then(
          (ack) => {
            if (!ack.ok) refused += 1;
          },
          () => (refused += 1),
        );
    }
  };
  const waitUntilShown = async (count, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (await page.evaluate(() => window.__seen.size)) + refused < count) await sleep(100);
  };

  // 1. The live rate.
  const measured = seconds * rate;
  await post(0, measured, rate);
  await waitUntilShown(measured, 15_000);
  const seen = new Map(await page.evaluate(() => [...window.__seen.entries()]));
  const latencies = [];
  for (let n = 0; n < measured; n += 1) {
    const at = seen.get(String(n));
    if (at !== undefined) latencies.push(at - offset - sentAt.get(String(n)));
  }
  const missing = measured - refused - latencies.length;
  const [p50, p95, max] = [percentile(latencies, 50), percentile(latencies, 95), Math.max(...latencies)];
  console.log(`${members} members + 1 page, ${rate} msg/s × ${seconds} s: emit → DOM p50 ${round(p50)} ms, p95 ${round(p95)} ms, max ${round(max)} ms; refused ${refused}, missing ${missing}`);

  // 2. Up to `total` messages, then the page's memory.
  await post(measured, total - measured, fillRate);
  await waitUntilShown(total, 30_000);
  await sleep(1000);
  const after = await memory();
  const shown = await page.locator('.message-list > li').count();
  const twice = await page.evaluate(() => window.__twice);
  const shownTotal = await page.evaluate(() => window.__seen.size);
  console.log(
    `after ${total} messages (${shownTotal} shown, ${twice} shown twice, ${shown} in the DOM): JS heap ${mb(baseline.heap)} → ${mb(after.heap)} MB, renderer RSS ${mb(baseline.rss)} → ${mb(after.rss)} MB, DOM nodes ${baseline.nodes} → ${after.nodes}`,
  );

  const verdict = (value, target) => `${value}${value > target ? ' **missed**' : ''}`;
  await recordResult(
    'bench:room — the live room page in Chromium: 150 members, 10 messages/s for 60 s; memory after 5,000 messages',
    ['date', 'machine', 'command', 'members × msg/s × s', 'emit → DOM ms p50 / p95 (target ≤ 100) / max', 'refused / missing / shown twice', 'after 5,000: JS heap MB (target ≤ 100) / renderer RSS MB', 'before: JS heap / RSS MB', 'messages in the DOM / DOM nodes'],
    [
      new Date().toISOString().slice(0, 10),
      `${machine()}, Chromium ${browser.version()}`,
      '`npm run bench:room`',
      `${members} × ${rate} × ${seconds}`,
      `${round(p50)} / ${verdict(round(p95), 100)} / ${round(max)}`,
      `${refused} / ${missing} / ${twice}`,
      `${verdict(mb(after.heap), 100)} / ${mb(after.rss)}`,
      `${mb(baseline.heap)} / ${mb(baseline.rss)}`,
      `${shown} / ${after.nodes}`,
    ],
  );
} finally {
  for (const socket of sockets) socket.close();
  await browser.close();
  await api.stop();
  await database.drop();
}

/** The browser Playwright launched (it talks to it over a pipe): the newest such process. */
function findBrowserPid() {
  return Number(execFileSync('pgrep', ['-n', '-f', 'remote-debugging-pipe'], { encoding: 'utf8' }).trim());
}
