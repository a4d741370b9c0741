// npm run bench:referendum — a citywide vote of BENCH_ELECTORS (200,000) residents in 20 districts:
// the roll imported as CSV through the API, codes generated, then online votes (code + birth date
// check + ballot, durable) over HTTP with BENCH_CONNECTIONS (64) for BENCH_SECONDS (30), side by side
// with pgbench running the same casting statement on the same server; then the close, and the time
// until the results are served.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { apiCpuSeconds, benchCommand, benchDatabase, JSON_HEADERS, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const electorsCount = Number(process.env.BENCH_ELECTORS ?? 200_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const duration = Number(process.env.BENCH_SECONDS ?? 30);
const { toParisIso } = await import(join(ROOT, 'dist/apps/cli/libs/referendum/src/paris-time.js'));
const paris = (date) => toParisIso(date).slice(0, 16);

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '20', LOGIN_RATE_PER_MINUTE: '1000', ACCESS_TOKEN_TTL_SECONDS: '3600' });
const db = await database.client();
try {
  const organiser = await organiserHeaders(api, db);
  const now = Date.now();
  const created = await (
    await fetch(`${api.base}/api/referendums`, {
      method: 'POST',
      headers: organiser,
      body: JSON.stringify({
        title: 'Votation : trottinettes en libre-service',
        opensAt: paris(new Date(now + 60_000)),
        closesAt: paris(new Date(now + 3 * 3_600_000)),
        questions: [{ kind: 'yes-no', text: 'Pour ou contre les trottinettes en libre-service ?' }],
      }),
    })
  ).json();
  if (created.id === undefined) throw new Error(`create: ${JSON.stringify(created)}`);

  // The roll: 20 arrondissements, 5 stations each.
  const lines = ['external_id,family_name,given_names,birth_date,district,polling_station'];
  const electors = [];
  for (let i = 0; i < electorsCount; i += 1) {
    const district = `${(i % 20) + 1}e`;
    const birthDate = `${1930 + (i % 75)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    electors.push({ id: `P${i}`, birthDate });
    lines.push(`P${i},Nom${i},Prénom ${i},${birthDate},${district},${district}-${i % 5}`);
  }
  const form = new FormData();
  form.append('roll', new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'roll.csv');
  let started = performance.now();
  const imported = await (await fetch(`${api.base}/api/referendums/${created.id}/roll`, { method: 'PUT', headers: { authorization: organiser.authorization }, body: form })).json();
  const importSeconds = (performance.now() - started) / 1000;
  if (imported.imported !== electorsCount) throw new Error(`import: ${JSON.stringify(imported).slice(0, 300)}`);
  started = performance.now();
  const codesCsv = await (await fetch(`${api.base}/api/referendums/${created.id}/codes`, { method: 'POST', headers: organiser })).text();
  const codesSeconds = (performance.now() - started) / 1000;
  const codeOf = new Map(codesCsv.trim().split(/\r?\n/).slice(1).map((line) => [line.split(',')[0], line.split(',').at(-1)]));
  const opened = await (await fetch(`${api.base}/api/referendums/${created.id}/open`, { method: 'POST', headers: organiser })).json();
  if (opened.status !== 'open') throw new Error(`open: ${JSON.stringify(opened)}`);
  console.log(JSON.stringify({ electors: electorsCount, importSeconds: Number(importSeconds.toFixed(1)), codesSeconds: Number(codesSeconds.toFixed(1)) }));
  // The window opens a minute after creation.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 61_000 - Date.now())));

  let next = 0;
  const cpuBefore = await apiCpuSeconds(api);
  const bodies = electors.map((elector, i) => JSON.stringify({ code: codeOf.get(elector.id), birthDate: elector.birthDate, answers: [{ choice: i % 3 === 0 ? 1 : 0 }] }));
  const result = await autocannon({
    url: `${api.base}/api/referendums/${created.id}/ballots`,
    connections,
    duration,
    method: 'POST',
    headers: JSON_HEADERS,
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  const cpuSeconds = (await apiCpuSeconds(api)) - cpuBefore;
  const http = {
    ballotsPerSecond: Math.round(result['2xx'] / duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuMsPerVote: Number(((cpuSeconds * 1000) / Math.max(1, result['2xx'])).toFixed(2)),
  };
  const { rows: [stored] } = await db.query(`SELECT count(*)::int AS n FROM roll_votes WHERE referendum_id = $1`, [created.id]);
  console.log(JSON.stringify({ http, acknowledged: result['2xx'], stored: stored.n }));
  if (stored.n < result['2xx']) throw new Error(`${result['2xx']} ballots acknowledged but ${stored.n} stored`);
  if (next > electors.length) console.warn('ran out of electors: later requests were second votes (409)');

  // The same statement through pgbench, on a second referendum's roll with codes sha256('pg' || n).
  const second = await (
    await fetch(`${api.base}/api/referendums`, {
      method: 'POST',
      headers: organiser,
      body: JSON.stringify({ title: 'pgbench', opensAt: paris(new Date(now - 86_400_000 + 120_000)), closesAt: paris(new Date(now + 3 * 3_600_000)), questions: [{ kind: 'yes-no', text: '?' }] }),
    })
  ).json();
  const pgRoll = ['external_id,family_name,given_names,birth_date,district,polling_station', ...Array.from({ length: electorsCount }, (_, i) => `Q${i + 1},N,P,1980-01-01,${(i % 20) + 1}e,${(i % 20) + 1}e-0`)].join('\n');
  const pgForm = new FormData();
  pgForm.append('roll', new Blob([pgRoll], { type: 'text/csv' }), 'roll.csv');
  await fetch(`${api.base}/api/referendums/${second.id}/roll`, { method: 'PUT', headers: { authorization: organiser.authorization }, body: pgForm });
  await db.query(`UPDATE roll_entries SET code_hash = encode(sha256(convert_to('pg' || substr(external_id, 2), 'UTF8')), 'hex') WHERE referendum_id = $1`, [second.id]);
  await fetch(`${api.base}/api/referendums/${second.id}/open`, { method: 'POST', headers: organiser });
  await db.query(`CREATE SEQUENCE IF NOT EXISTS pgbench_voter`);
  const dir = await mkdtemp(join(tmpdir(), 'pnyx-pgbench-'));
  const script = join(dir, 'cast.sql');
  // castOnline's statement (libs/referendum/src/referendum.repository.ts), the code hash from a sequence.
  await writeFile(
    script,
    `WITH me AS (SELECT encode(sha256(convert_to('pg' || nextval('pgbench_voter'), 'UTF8')), 'hex') AS code_hash),
     ref AS (SELECT id FROM referendums WHERE id = :ref AND status = 'open' AND opens_at <= now() AND closes_at > now() FOR SHARE),
     entry AS (SELECT e.id, e.district FROM roll_entries e JOIN ref ON e.referendum_id = ref.id, me WHERE e.code_hash = me.code_hash::character(64) AND e.birth_date = '1980-01-01'::date AND e.locked_at IS NULL AND e.birth_date <= '2011-01-01'::date FOR UPDATE OF e),
     vote AS (INSERT INTO roll_votes (roll_entry_id, referendum_id, channel) SELECT id, :ref, 'online' FROM entry RETURNING roll_entry_id),
     answers AS (SELECT a.ordinality - 1 AS position, ARRAY(SELECT (g #>> '{}')::smallint FROM jsonb_array_elements(a.grades) AS g) AS grades FROM jsonb_array_elements('[[1,0]]'::jsonb) WITH ORDINALITY AS a(grades, ordinality)),
     targets AS (SELECT rp.poll_id, answers.grades FROM vote JOIN entry ON entry.id = vote.roll_entry_id JOIN referendum_questions q ON q.referendum_id = :ref JOIN referendum_polls rp ON rp.question_id = q.id AND rp.district = entry.district JOIN answers ON answers.position = q.position),
     participation AS (INSERT INTO participations (poll_id, voter_key) SELECT poll_id, 'roll:' || (SELECT roll_entry_id FROM vote) FROM targets RETURNING poll_id)
     INSERT INTO ballots (poll_id, receipt_hash, grades) SELECT t.poll_id, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), t.grades FROM targets t JOIN participation p ON p.poll_id = t.poll_id;\n`.replace(/\n\s*/g, ' ') + '\n',
  );
  const { stdout } = await promisify(execFile)('pgbench', ['-n', '-M', 'simple', '-c', String(connections), '-j', '2', '-T', String(duration), '-D', `ref='${second.id}'`, '-f', script, database.url]);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const pgLatency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  const { rows: [pgStored] } = await db.query(`SELECT count(*)::int AS n FROM roll_votes WHERE referendum_id = $1`, [second.id]);
  console.log(JSON.stringify({ pgbench: { tps: Math.round(tps), latencyAverage: pgLatency, stored: pgStored.n } }));

  // Close, then the time until results are served.
  started = performance.now();
  const closed = await fetch(`${api.base}/api/referendums/${created.id}/close`, { method: 'POST', headers: organiser });
  if (!closed.ok) throw new Error(`close: ${closed.status} ${await closed.text()}`);
  let results;
  for (;;) {
    const response = await fetch(`${api.base}/api/referendums/${created.id}/results`);
    if (response.ok) {
      results = await response.json();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const resultsSeconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ resultsSeconds: Number(resultsSeconds.toFixed(2)), voters: results.voters, total: results.questions[0].total }));
  // Requests in flight when autocannon stopped were committed after the count above: compare at close.
  const { rows: [voted] } = await db.query(`SELECT count(*)::int AS n FROM roll_votes WHERE referendum_id = $1`, [created.id]);
  if (results.questions[0].total.ballots !== voted.n) throw new Error(`results count ${results.questions[0].total.ballots} ballots, ${voted.n} electors voted`);

  await recordResult(
    'bench:referendum — online votes (code check + ballot) over HTTP vs pgbench, same statement; close → results',
    ['date', 'machine', 'command', 'electors', 'roll import s', 'codes s', 'connections × s', 'HTTP ballots/s (target ≥ 500)', 'HTTP p50 ms', 'HTTP p99 ms (target ≤ 200)', 'non-2xx', 'pgbench tps', 'ratio', 'close → results s (target ≤ 5)', 'API CPU ms per vote (target ≤ 1.5)'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      benchCommand('bench:referendum'),
      electorsCount,
      importSeconds.toFixed(1),
      codesSeconds.toFixed(1),
      `${connections} × ${duration}`,
      http.ballotsPerSecond,
      http.p50,
      http.p99,
      http.non2xx,
      Math.round(tps),
      (http.ballotsPerSecond / tps).toFixed(2),
      resultsSeconds.toFixed(2),
      http.cpuMsPerVote,
    ],
  );
} finally {
  await api.stop();
  await database.drop();
}
