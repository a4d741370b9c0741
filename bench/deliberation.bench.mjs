// npm run bench:deliberation — a 150-member room, 10 messages per second for BENCH_SECONDS (60):
// delivery latency from the sender's emit to every other member's `session.event`, measured
//   1. on a bare socket.io server broadcasting the same payloads (bench/bare-socket-server.mjs),
//   2. on one API instance (no Redis),
//   3. across two API instances sharing the database and Redis (members split between them),
// all in the same run, by the same client process. Then the heap per idle socket: 5,000 authenticated
// sockets connected to one API instance, heap measured after GC before and after (bench/heap-probe.mjs).
//
// Members, their memberships and live sessions are made in SQL and their tokens signed with the
// API's own AccessTokenService (as in bench:ballots); the agenda item is inserted scheduled.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { benchDatabase, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const members = Number(process.env.BENCH_MEMBERS ?? 150);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 10);
const idleSockets = Number(process.env.BENCH_IDLE_SOCKETS ?? 5000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const secret = 'bench-secret-bench-secret-bench-secret-0123';

const { AccessTokenService } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/auth/access-token.service.js'));
const { loadConfig, systemClock } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/index.js'));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (value) => Math.round(value * 10) / 10;

function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * Connects `tokens.length` members to `urls` (round robin), joins them, then has them post `rate`
 * messages per second (senders in turn) for `seconds`; returns latencies of every delivery, and of
 * deliveries that crossed instances.
 */
async function runRoom(label, urls, sessionId, tokens) {
  const sockets = [];
  for (const [i, token] of tokens.entries()) sockets.push({ socket: await connect(urls[i % urls.length], token), instance: i % urls.length });
  for (const { socket } of sockets) {
    const ack = await socket.timeout(10_000).emitWithAck('session.join', { sessionId });
    if (!ack.ok) throw new Error(`${label}: join refused: ${ack.code} ${ack.message}`);
  }
  const sent = new Map(); // body → { at, instance }
  const latencies = [];
  const crossLatencies = [];
  let delivered = 0;
  for (const [index, { socket, instance }] of sockets.entries()) {
    socket.on('session.event', (event) => {
      if (event.type !== 'message.posted') return;
      const origin = sent.get(event.data.body);
      if (origin === undefined || origin.sender === index) return;
      const latency = performance.now() - origin.at;
      latencies.push(latency);
      if (origin.instance !== instance) crossLatencies.push(latency);
      delivered += 1;
    });
  }
  const total = seconds * rate;
  let refused = 0;
  const started = performance.now();
  for (let n = 0; n < total; n += 1) {
    const wait = started + (n * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sender = n % sockets.length;
    const body = `m${n} ${randomBytes(6).toString('hex')} — Je propose que la piste cyclable de la rue de Rivoli soit prolongée jusqu'à la Bastille, avec des arceaux.`;
    sent.set(body, { at: performance.now(), instance: sockets[sender].instance, sender });
    sockets[sender].socket
      .timeout(10_000)
      .emitWithAck('message.post', { sessionId, body })
      .then((ack) => {
        if (!ack.ok) refused += 1;
      }, () => (refused += 1));
  }
  const expected = total * (sockets.length - 1);
  const deadline = performance.now() + 15_000;
  while (delivered < expected - refused * (sockets.length - 1) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const { socket } of sockets) socket.close();
  latencies.sort((a, b) => a - b);
  crossLatencies.sort((a, b) => a - b);
  const summary = {
    label,
    messages: total,
    refused,
    deliveries: latencies.length,
    missing: expected - refused * (sockets.length - 1) - latencies.length,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    crossP50: crossLatencies.length === 0 ? null : round(percentile(crossLatencies, 50)),
    crossP99: crossLatencies.length === 0 ? null : round(percentile(crossLatencies, 99)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}

const database = await benchDatabase();
const prefix = `pnyx-bench-${randomBytes(3).toString('hex')}`;
const common = { DATABASE_URL: database.url, JWT_SECRET: secret, LOGIN_RATE_PER_MINUTE: '1000', ACCESS_TOKEN_TTL_SECONDS: '7200', DATABASE_POOL_SIZE: '10' };
const heapFile = join(tmpdir(), `pnyx-heap-${process.pid}.json`);
const single = await startApi({ ...common, NODE_OPTIONS: `--import=${join(ROOT, 'bench/heap-probe.mjs')}`, PNYX_HEAP_PROBE_FILE: heapFile });
const clusterA = await startApi({ ...common, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, DATABASE_RUN_MIGRATIONS: 'false' });
const clusterB = await startApi({ ...common, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, DATABASE_RUN_MIGRATIONS: 'false' });
const bare = spawn(process.execPath, [join(ROOT, 'bench/bare-socket-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const barePort = await new Promise((resolve) => bare.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
const db = await database.client();
try {
  const organiser = await organiserHeaders(single, db);
  const organiserId = (await db.query(`SELECT id FROM accounts WHERE email_normalized = 'organiser@bench.example'`)).rows[0].id;
  const assembly = await (await fetch(`${single.base}/api/assemblies`, { method: 'POST', headers: organiser, body: JSON.stringify({ name: 'Assemblée citoyenne', seats: members, termStart: '2027-01-01', termEnd: '2027-12-31' }) })).json();
  const tokens = new AccessTokenService(loadConfig({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: '7200' }), systemClock);
  const { rows } = await db.query(
    `WITH a AS (
       INSERT INTO accounts (email, email_normalized, display_name, password_hash, roles)
       SELECT 'member' || i || '@bench.example', 'member' || i || '@bench.example', 'Membre ' || i, 'not-a-password-hash', '{resident}'
         FROM generate_series(1, $1) AS i RETURNING id),
     m AS (INSERT INTO memberships (assembly_id, role, account_id) SELECT $2, 'member', id FROM a)
     INSERT INTO auth_sessions (account_id, expires_at) SELECT id, now() + interval '1 day' FROM a RETURNING id, account_id`,
    [members + idleSockets, assembly.id],
  );
  const bearer = await Promise.all(rows.map((row) => tokens.sign({ accountId: row.account_id, sessionId: row.id })));
  const roomTokens = bearer.slice(0, members);
  const idleTokens = bearer.slice(members);

  const newSession = async (title) => {
    const session = await (await fetch(`${single.base}/api/assemblies/${assembly.id}/sessions`, { method: 'POST', headers: organiser, body: JSON.stringify({ title, scheduledAt: '2027-03-01T18:00:00Z' }) })).json();
    await db.query(
      `INSERT INTO proposals (assembly_id, kind, title, body, author_id, state, session_id, agenda_position, allotted_minutes, submitted_at)
       VALUES ($1, 'motion', 'Mobilités', 'Texte', $2, 'scheduled', $3, 1, 600, now())`,
      [assembly.id, organiserId, session.id],
    );
    const chair = await connect(`${single.base}/deliberation`, organiser.authorization.slice('Bearer '.length));
    for (const [event, payload] of [
      ['session.join', {}],
      ['session.start', {}],
      ['item.start', { index: 0 }],
    ]) {
      const ack = await chair.emitWithAck(event, { sessionId: session.id, ...payload });
      if (!ack.ok) throw new Error(`${event}: ${ack.code} ${ack.message}`);
    }
    chair.close();
    return session.id;
  };

  const bareRun = await runRoom('bare socket.io', [`http://127.0.0.1:${barePort}/deliberation`], 'bare', roomTokens);
  const oneRun = await runRoom('one instance', [`${single.base}/deliberation`], await newSession('Une instance'), roomTokens);
  const twoRun = await runRoom('two instances + Redis', [`${clusterA.base}/deliberation`, `${clusterB.base}/deliberation`], await newSession('Deux instances'), roomTokens);

  // Heap per idle socket on the single instance.
  const heap = async () => {
    await rm(heapFile, { force: true });
    single.child?.kill('SIGUSR2');
    for (let i = 0; i < 100; i += 1) {
      const text = await readFile(heapFile, 'utf8').catch(() => null);
      if (text !== null && text.length > 0) return JSON.parse(text);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the heap probe did not answer');
  };
  const before = await heap();
  const idle = [];
  for (let i = 0; i < idleTokens.length; i += 100) idle.push(...(await Promise.all(idleTokens.slice(i, i + 100).map((token) => connect(`${single.base}/deliberation`, token)))));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = await heap();
  for (const socket of idle) socket.close();
  const perSocketKb = round((after.heapUsed - before.heapUsed) / idle.length / 1024);
  const rssPerSocketKb = round((after.rss - before.rss) / idle.length / 1024);
  console.log(JSON.stringify({ idleSockets: idle.length, heapPerSocketKb: perSocketKb, rssPerSocketKb }));

  const date = new Date().toISOString().slice(0, 10);
  const command = process.env.BENCH_COMMAND ?? 'npm run bench:deliberation';
  await recordResult(
    'bench:deliberation — delivery latency in a 150-member room, 10 messages/s; heap per idle socket',
    ['date', 'machine', 'command', 'members × msg/s × s', 'bare p50 / p99 ms', 'one instance p50 / p99 ms (target p99 ≤ 50)', 'two instances p50 / p99 ms (target p99 ≤ 75)', 'cross-instance p50 / p99 ms', 'overhead p99 one / bare (target ≤ 1.5)', 'missing', 'heap KB per idle socket (target ≤ 20)'],
    [
      date,
      machine(),
      `\`${command}\``,
      `${members} × ${rate} × ${seconds}`,
      `${bareRun.p50} / ${bareRun.p99}`,
      `${oneRun.p50} / ${oneRun.p99}`,
      `${twoRun.p50} / ${twoRun.p99}`,
      `${twoRun.crossP50} / ${twoRun.crossP99}`,
      round(oneRun.p99 / bareRun.p99),
      `${bareRun.missing} / ${oneRun.missing} / ${twoRun.missing}`,
      `${perSocketKb} (RSS ${rssPerSocketKb})`,
    ],
  );
} finally {
  bare.kill('SIGTERM');
  await Promise.all([single.stop(), clusterA.stop(), clusterB.stop()]);
  await database.drop();
}
