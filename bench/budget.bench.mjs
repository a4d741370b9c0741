// npm run bench:budget — the participatory budget's selection rules, in-process:
//   the Method of Equal Shares (exact arithmetic) on 10,000 voters × 60 projects, target ≤ 1 s;
//   greedy on the same instance, for comparison.
// Voters approve 1 to 12 projects, drawn with a popularity skew (some projects are much liked, as in
// real ballots); costs from 10,000 to 500,000 € in whole euros; a budget of 3,000,000 €.
// Then a whole edition through the API on a fresh database (system PostgreSQL): 200,000 voters grading
// 13 citywide projects and the 20 of their district (17 districts); ballots written in SQL as the
// polls hold them; then the move to the results phase — every poll closed, counted and sealed, and
// every envelope's winners computed by equal shares with the greedy completion and stored — timed
// until the results are served, target ≤ 5 s.
import { join } from 'node:path';
import { benchDatabase, JSON_HEADERS, machine, organiserHeaders, recordResult, ROOT, startApi } from './support.mjs';

const voters = Number(process.env.BENCH_VOTERS ?? 10_000);
const projectCount = Number(process.env.BENCH_PROJECTS ?? 60);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const rules = await import(join(ROOT, 'dist/apps/cli/libs/budget-rules/src/index.js'));

let seed = 2027;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const projects = Array.from({ length: projectCount }, (_, i) => ({ id: String(i + 1), cost: rules.Rational.of(BigInt(10_000 + Math.floor(random() * 490_000))) }));
const popularity = projects.map(() => random() ** 2);
const totalPopularity = popularity.reduce((a, b) => a + b, 0);
const approvals = Array.from({ length: voters }, () => {
  const chosen = new Set();
  const wanted = 1 + Math.floor(random() * 12);
  while (chosen.size < wanted) {
    let pick = random() * totalPopularity;
    let index = 0;
    while (pick > popularity[index]) pick -= popularity[index++];
    chosen.add(Math.min(index, projectCount - 1));
  }
  return [...chosen];
});
const budget = rules.Rational.of(3_000_000n);

const times = [];
let result;
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  result = rules.equalShares(projects, approvals, budget);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const votes = projects.map((project, index) => ({ ...project, votes: approvals.filter((list) => list.includes(index)).length }));
const greedyStarted = performance.now();
const ranked = [...votes].sort((a, b) => b.votes - a.votes);
const greedyResult = rules.greedy(ranked, budget);
const greedyMs = performance.now() - greedyStarted;
const p50 = times[Math.floor(times.length / 2)];
const summary = {
  voters,
  projects: projectCount,
  equalShares: { p50Ms: Math.round(p50 * 10) / 10, maxMs: Math.round(times[times.length - 1] * 10) / 10, funded: result.selected.length, spent: result.spent.toString() },
  greedy: { ms: Math.round(greedyMs * 10) / 10, funded: greedyResult.selected.length, spent: greedyResult.spent.toString() },
};
console.log(JSON.stringify(summary));
await recordResult(
  'bench:budget — selection rules in-process',
  ['date', 'machine', 'command', 'voters × projects', 'equal shares ms p50 / max (target ≤ 1000)', 'funded / spent (equal shares)', 'greedy ms', 'funded / spent (greedy)'],
  [new Date().toISOString().slice(0, 10), machine(), '`npm run bench:budget`', `${voters} × ${projectCount}`, `${summary.equalShares.p50Ms} / ${summary.equalShares.maxMs}${summary.equalShares.maxMs > 1000 ? ' **missed**' : ''}`, `${result.selected.length} / ${result.spent.toString()}`, summary.greedy.ms, `${greedyResult.selected.length} / ${greedyResult.spent.toString()}`],
);

// 2. A whole edition's close.
const budgetVoters = Number(process.env.BENCH_BUDGET_VOTERS ?? 200_000);
const districts = Array.from({ length: 17 }, (_, i) => `${i + 1}${i === 0 ? 'er' : 'e'}`);
const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '100000' });
const db = await database.client();
try {
  const organiser = await organiserHeaders(api, db);
  const call = async (method, path, body, headers = organiser) => {
    const response = await fetch(`${api.base}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const edition = await call('POST', '/budget/editions', {
    title: 'Budget participatif (bench)',
    rule: 'equal-shares',
    completion: 'greedy',
    calendar: { ideasFrom: day(0), coConstructionFrom: day(0), feasibilityFrom: day(0), ballotFrom: day(0), voteOpensAt: `${day(0)}T00:30`, voteClosesAt: `${day(1)}T23:00`, resultsFrom: day(2), followUpFrom: day(3) },
  });
  const citywide = await call('POST', `/budget/editions/${edition.id}/envelopes`, { kind: 'citywide', name: 'Tout Paris', amountCents: 30_000_000_00 });
  const districtEnvelopes = [];
  for (const district of districts) districtEnvelopes.push(await call('POST', `/budget/editions/${edition.id}/envelopes`, { kind: 'district', district, name: `Arrondissement ${district}`, amountCents: 2_000_000_00 }));
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'ideas' });
  await fetch(`${api.base}/api/auth/register`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email: 'resident@bench.example', password: 'benchmark resident password', displayName: 'R' }) });
  const resident = await (await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ email: 'resident@bench.example', password: 'benchmark resident password' }) })).json();
  const idea = await call('POST', `/budget/editions/${edition.id}/ideas`, { title: 'Une idée' }, { ...JSON_HEADERS, authorization: `Bearer ${resident.accessToken}` });
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'co-construction' });
  const made = [];
  for (let i = 0; i < 13; i += 1) made.push({ envelope: citywide, project: await call('POST', `/budget/editions/${edition.id}/projects`, { title: `Projet parisien ${i + 1}`, ideaIds: [idea.id] }) });
  for (const [d, district] of districts.entries()) {
    for (let i = 0; i < 20; i += 1) made.push({ envelope: districtEnvelopes[d], project: await call('POST', `/budget/editions/${edition.id}/projects`, { title: `Projet ${district} ${i + 1}`, district, ideaIds: [idea.id] }) });
  }
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'feasibility' });
  for (const [i, { envelope, project }] of made.entries()) {
    const cost = envelope.kind === 'citywide' ? 1_000_000_00 + ((i * 7919) % 40) * 100_000_00 : 50_000_00 + ((i * 7919) % 30) * 10_000_00;
    await call('PUT', `/budget/projects/${project.id}/feasibility`, { admissible: true, reason: 'Faisable', costCents: cost, envelopeId: envelope.id });
  }
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'ballot' });
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'vote' });
  const ballot = await call('GET', `/budget/editions/${edition.id}/ballot`);

  // Ballots as the polls hold them: each voter grades the citywide projects and their district's,
  // some projects liked more than others (a per-option shift of the 0–3 grades).
  const loadStarted = performance.now();
  const write = async (pollId, optionCount, from, to) => {
    await db.query(`INSERT INTO participations (poll_id, voter_key) SELECT $1::uuid, 'bench:' || i FROM generate_series($2::int, $3::int) AS i`, [pollId, from, to]);
    await db.query(
      `INSERT INTO ballots (poll_id, receipt_hash, grades)
       SELECT $1::uuid, encode(sha256(convert_to($1::text || ':' || i, 'UTF8')), 'hex'),
              ARRAY(SELECT GREATEST(0, LEAST(3, floor(random() * 4 + ((o % 5) - 2) * 0.4 + 0 * i)))::smallint FROM generate_series(1, $4::int) AS o)
         FROM generate_series($2::int, $3::int) AS i`,
      [pollId, from, to, optionCount],
    );
  };
  const cityBox = ballot.find((entry) => entry.envelope.kind === 'citywide');
  for (let start = 1; start <= budgetVoters; start += 50_000) await write(cityBox.pollId, cityBox.projects.length, start, Math.min(budgetVoters, start + 49_999));
  const perDistrict = Math.ceil(budgetVoters / districts.length);
  for (const [d, envelope] of districtEnvelopes.entries()) {
    const box = ballot.find((entry) => entry.envelope.id === envelope.id);
    await write(box.pollId, box.projects.length, d * perDistrict + 1, Math.min(budgetVoters, (d + 1) * perDistrict));
  }
  await db.query('VACUUM ANALYZE ballots');
  await db.query('VACUUM ANALYZE participations');
  console.log(JSON.stringify({ loadedSeconds: Number(((performance.now() - loadStarted) / 1000).toFixed(1)), voters: budgetVoters }));

  const closeStarted = performance.now();
  await call('POST', `/budget/editions/${edition.id}/phase`, { phase: 'results' });
  const results = await call('GET', `/budget/editions/${edition.id}/results`);
  const closeSeconds = (performance.now() - closeStarted) / 1000;
  if (results.length !== 18) throw new Error(`${results.length} envelopes with results, expected 18`);
  const city = results.find((result) => result.envelope.kind === 'citywide');
  if (city.voters !== budgetVoters) throw new Error(`citywide results count ${city.voters} voters, expected ${budgetVoters}`);
  const funded = results.reduce((sum, result) => sum + result.lines.filter((line) => line.funded).length, 0);
  console.log(JSON.stringify({ closeToWinnersSeconds: Number(closeSeconds.toFixed(2)), envelopes: results.length, funded, citywideFunded: city.lines.filter((line) => line.funded).length }));
  await recordResult(
    'bench:budget — a whole edition closed: 200,000 voters, 18 envelopes',
    ['date', 'machine', 'command', 'voters', 'projects (citywide + per district × districts)', 'close → winners of every envelope served s (target ≤ 5)', 'funded'],
    [new Date().toISOString().slice(0, 10), machine(), '`npm run bench:budget`', budgetVoters, `13 + 20 × ${districts.length}`, `${closeSeconds.toFixed(2)}${closeSeconds > 5 ? ' **missed**' : ''}`, funded],
  );
} finally {
  await api.stop();
  await database.drop();
}
