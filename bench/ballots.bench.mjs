// npm run bench:ballots — durable ballots per second over HTTP against the running API on the system
// PostgreSQL, side by side with pgbench running the equivalent single transaction (lock the poll FOR
// SHARE, insert the participation, insert the ballot) on the same server.
//
// Voters are made in SQL (accounts and live sessions) and their access tokens signed with the API's
// own AccessTokenService: argon2 logins for tens of thousands of voters would measure argon2, not the
// ballot box. Each voter casts exactly one ballot.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiCpuSeconds, benchCommand, benchDatabase, JSON_HEADERS, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const voters = Number(process.env.BENCH_VOTERS ?? 80_000);
const secret = 'bench-secret-bench-secret-bench-secret-0123';

const { AccessTokenService } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/auth/access-token.service.js'));
const { loadConfig, systemClock } = await import(join(ROOT, 'dist/apps/cli/libs/shared/src/index.js'));

const database = await benchDatabase();
// API_WORKERS=N runs N worker processes; together they keep 20 connections, leaving room for pgbench's 64.
const workers = Number(process.env.API_WORKERS ?? 1);
const api = await startApi({
  DATABASE_URL: database.url,
  JWT_SECRET: secret,
  DATABASE_POOL_SIZE: String(Math.max(2, Math.floor(20 / workers))),
  LOGIN_RATE_PER_MINUTE: '1000',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
});
const db = await database.client();
try {
  const json = JSON_HEADERS;
  const organiser = await organiserHeaders(api, db);

  const makePoll = async (title) => {
    const created = await (
      await fetch(`${api.base}/api/polls`, {
        method: 'POST',
        headers: organiser,
        body: JSON.stringify({ title, audience: 'residents', options: ['A', 'B', 'C', 'D', 'E'].map((label) => ({ label })) }),
      })
    ).json();
    await fetch(`${api.base}/api/polls/${created.id}/open`, { method: 'POST', headers: organiser });
    return created;
  };
  const poll = await makePoll('HTTP ballots');

  // Voters: accounts with a live session each, made in one statement.
  const { rows } = await db.query(
    `WITH a AS (
       INSERT INTO accounts (email, email_normalized, display_name, password_hash, roles)
       SELECT 'voter' || i || '@bench.example', 'voter' || i || '@bench.example', 'Voter', 'not-a-password-hash', '{resident}'
         FROM generate_series(1, $1) AS i RETURNING id)
     INSERT INTO auth_sessions (account_id, expires_at) SELECT id, now() + interval '1 day' FROM a RETURNING id, account_id`,
    [voters],
  );
  const tokens = new AccessTokenService(loadConfig({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: '3600' }), systemClock);
  const bearer = await Promise.all(rows.map((row) => tokens.sign({ accountId: row.account_id, sessionId: row.id })));

  // Making 80,000 voters takes longer than the server's keep-alive: a pooled socket it is closing
  // at that moment fails the next fetch ("other side closed"), so the probe tries twice.
  const probeOnce = () =>
    fetch(`${api.base}/api/polls/${poll.id}/ballots`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${bearer[bearer.length - 1]}` },
      body: JSON.stringify({ grades: Object.fromEntries(poll.options.map((option) => [option.id, 3])) }),
    });
  const probe = await probeOnce().catch(probeOnce);
  if (probe.status !== 201) throw new Error(`a probe ballot answered ${probe.status}: ${await probe.text()}`);
  bearer.pop();
  const body = JSON.stringify({ grades: Object.fromEntries(poll.options.map((option, i) => [option.id, (i * 2) % 7])) });
  let next = 0;
  const cpuBefore = await apiCpuSeconds(api);
  const result = await autocannon({
    url: `${api.base}/api/polls/${poll.id}/ballots`,
    connections,
    duration,
    method: 'POST',
    headers: json,
    body,
    requests: [
      {
        setupRequest: (request) => {
          const token = bearer[next++ % bearer.length];
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  const cpuSeconds = (await apiCpuSeconds(api)) - cpuBefore;
  if (next > bearer.length) console.warn(`ran out of voters (${bearer.length}): later requests were second ballots (409)`);
  const http = { ballotsPerSecond: Math.round(result['2xx'] / duration), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors, cpuMsPerBallot: Number(((cpuSeconds * 1000) / Math.max(1, result['2xx'])).toFixed(2)) };
  const stored = (await db.query(`SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1`, [poll.id])).rows[0].n;
  console.log(JSON.stringify({ http, stored, acknowledged: result['2xx'] }));
  // Every acknowledged ballot is stored; a few more were in flight when the clock stopped (and the probe).
  if (stored < result['2xx'] || stored > result['2xx'] + connections + 1) throw new Error(`${result['2xx']} ballots acknowledged but ${stored} stored`);

  // The same transaction straight to PostgreSQL.
  const pgPoll = await makePoll('pgbench ballots');
  const dir = await mkdtemp(join(tmpdir(), 'pnyx-pgbench-'));
  const script = join(dir, 'ballot.sql');
  await writeFile(
    script,
    [
      'BEGIN;',
      'SELECT status FROM polls WHERE id = :poll FOR SHARE;',
      "INSERT INTO participations (poll_id, voter_key) VALUES (:poll, 'pgbench:' || gen_random_uuid());",
      "INSERT INTO ballots (poll_id, receipt_hash, grades) VALUES (:poll, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), '{0,2,4,6,1}');",
      'END;',
      '',
    ].join('\n'),
  );
  const { stdout } = await promisify(execFile)('pgbench', ['-n', '-M', 'prepared', '-c', String(connections), '-j', '2', '-T', String(duration), '-D', `poll=${pgPoll.id}`, '-f', script, '-r', database.url]);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  const ratio = http.ballotsPerSecond / tps;
  console.log(JSON.stringify({ pgbench: { tps: Math.round(tps), latencyAverage: latency }, ratio: Number(ratio.toFixed(2)) }));
  await recordResult(
    'bench:ballots — durable ballots over HTTP vs pgbench, same transaction',
    ['date', 'machine', 'command', 'connections × s', 'HTTP ballots/s', 'HTTP p50 ms', 'HTTP p99 ms (target ≤ 100)', 'non-2xx', 'pgbench tps', 'pgbench avg ms', 'ratio (target ≥ 0.5)', 'API CPU ms per ballot (target ≤ 1.0)'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      benchCommand('bench:ballots', ['API_WORKERS', 'BENCH_LOG_LEVEL']),
      `${connections} × ${duration}`,
      http.ballotsPerSecond,
      http.p50,
      http.p99,
      http.non2xx,
      Math.round(tps),
      latency,
      ratio.toFixed(2),
      http.cpuMsPerBallot,
    ],
  );
} finally {
  await api.stop();
  await database.drop();
}
