// npm run bench:tally — (1) rank 10,000 options in-process; (2) close a poll holding 1,000,000
// ballots × 20 options in PostgreSQL (system server, DATABASE_URL or 127.0.0.1:5432) and time until
// its results are published. Target: ≤ 2 s after close.
import { join } from 'node:path';
import { benchDatabase, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const ballots = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
const optionCount = Number(process.env.BENCH_OPTIONS ?? 20);
const rankOptionsCount = 10_000;

// (1) In-process ranking.
const mj = await import(join(ROOT, 'dist/apps/cli/libs/majority-judgment/src/index.js'));
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const tallies = new Map();
for (let i = 0; i < rankOptionsCount; i += 1) {
  const counts = Array.from({ length: 7 }, () => BigInt(Math.floor(random() * 50_000)));
  const sum = counts.reduce((a, b) => a + b, 0n);
  counts[0] += 400_000n - sum > 0n ? 400_000n - sum : 0n;
  tallies.set(`option-${i}`, counts);
}
// Balance to one voter count (the maximum) with the worst grade.
const rankTimes = {};
for (const tieBreak of ['majority-value', 'usual']) {
  const started = performance.now();
  const result = mj.rankOptions(7, tallies, { tieBreak, padding: 'worst' });
  rankTimes[tieBreak] = performance.now() - started;
  if (result.ranking.length !== rankOptionsCount) throw new Error('ranking lost options');
}
console.log(JSON.stringify({ rank10000Ms: rankTimes }));

// (2) Close a poll with a million ballots.
const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '1000' });
const db = await database.client();
try {
  const organiser = await organiserHeaders(api, db);
  const poll = await (
    await fetch(`${api.base}/api/polls`, {
      method: 'POST',
      headers: organiser,
      body: JSON.stringify({ title: 'Budget participatif', audience: 'residents', options: Array.from({ length: optionCount }, (_, i) => ({ label: `Projet ${i + 1}` })) }),
    })
  ).json();
  await fetch(`${api.base}/api/polls/${poll.id}/open`, { method: 'POST', headers: organiser });

  const loadStarted = performance.now();
  const batch = 100_000;
  for (let start = 1; start <= ballots; start += batch) {
    const end = Math.min(ballots, start + batch - 1);
    await db.query(`INSERT INTO participations (poll_id, voter_key) SELECT $1::uuid, 'bench:' || i FROM generate_series($2::int, $3::int) AS i`, [poll.id, start, end]);
    await db.query(
      `INSERT INTO ballots (poll_id, receipt_hash, grades)
       SELECT $1::uuid, encode(sha256(convert_to($1::text || ':' || i, 'UTF8')), 'hex'),
              ARRAY(SELECT floor(random() * 7 + 0 * i)::smallint FROM generate_series(1, $4::int))
         FROM generate_series($2::int, $3::int) AS i`,
      [poll.id, start, end, optionCount],
    );
  }
  await db.query('VACUUM ANALYZE ballots');
  await db.query('VACUUM ANALYZE participations');
  console.log(JSON.stringify({ loadedSeconds: Number(((performance.now() - loadStarted) / 1000).toFixed(1)), ballots }));

  const closeStarted = performance.now();
  const closed = await fetch(`${api.base}/api/polls/${poll.id}/close`, { method: 'POST', headers: organiser });
  if (closed.status !== 200) throw new Error(`close answered ${closed.status}: ${await closed.text()}`);
  const results = await (await fetch(`${api.base}/api/polls/${poll.id}/results`)).json();
  const closeSeconds = (performance.now() - closeStarted) / 1000;
  if (results.ballots !== ballots) throw new Error(`results count ${results.ballots} ballots, expected ${ballots}`);
  console.log(JSON.stringify({ closeToResultsSeconds: Number(closeSeconds.toFixed(2)), winner: results.ranking.ranking[0] }));

  await recordResult(
    'bench:tally — rank 10,000 options; close a poll of 1,000,000 ballots × 20 options',
    ['date', 'machine', 'command', 'rank 10,000 options ms (majority value / usual)', 'ballots × options', 'close → results s (target ≤ 2)'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      '`npm run bench:tally`',
      `${rankTimes['majority-value'].toFixed(0)} / ${rankTimes.usual.toFixed(0)}`,
      `${ballots} × ${optionCount}`,
      closeSeconds.toFixed(2),
    ],
  );
} finally {
  await api.stop();
  await database.drop();
}
