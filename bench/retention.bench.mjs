// npm run bench:retention — the purge at Paris's scale, on a fresh database (system PostgreSQL):
// a published referendum whose roll has 1,350,000 electors (Paris's registered voters, BENCH_ELECTORS)
// with their codes, and an assembly past its term with a 2,000-volunteer pool. Timed: `pnyx data purge
// --dry-run` and `pnyx data purge`, as an operator runs them (the scheduled job runs the same
// transaction). Target: the real purge within 60 s, since it holds its rows' locks until commit.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { benchCommand, benchDatabase, machine, recordResult, ROOT, startApi } from './support.mjs';

const electors = Number(process.env.BENCH_ELECTORS ?? 1_350_000);
const volunteers = 2000;

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url }); // migrates the database
await api.stop();
try {
  const db = await database.client();
  const [{ id: owner }] = (await db.query(`INSERT INTO accounts (email, email_normalized, password_hash, display_name, roles) VALUES ('o@bench.example', 'o@bench.example', 'x', 'Organiser', '{organiser}') RETURNING id`)).rows;
  const [{ id: referendumId }] = (
    await db.query(
      `INSERT INTO referendums (title, status, opens_at, closes_at, voting_day, roll_digest, roll_size, created_by, opened_at, closed_at, published_at)
       VALUES ('Votation', 'published', '2025-03-01 07:00Z', '2025-03-01 19:00Z', '2025-03-01', repeat('a', 64), $1, $2, '2025-03-01 07:00Z', '2025-03-01 19:00Z', '2025-03-02 12:00Z') RETURNING id`,
      [electors, owner],
    )
  ).rows;
  let started = performance.now();
  await db.query(
    `INSERT INTO roll_entries (referendum_id, external_id, family_name, given_names, birth_date, district, polling_station, code_hash, code_issued_at)
     SELECT $1, 'E' || i, 'Nom' || i, 'Prénom ' || i, date '1940-01-01' + (i % 25000), (1 + i % 20) || 'e', (1 + i % 20) || 'e-' || (i % 40), encode(sha256(('code' || i)::bytea), 'hex'), '2025-02-01Z'
       FROM generate_series(1, $2::int) AS i`,
    [referendumId, electors],
  );
  await db.query(`INSERT INTO roll_votes (roll_entry_id, referendum_id, channel) SELECT id, referendum_id, 'online' FROM roll_entries WHERE referendum_id = $1 AND random() < 0.4`, [referendumId]);
  const [{ id: assemblyId }] = (await db.query(`INSERT INTO assemblies (name, seats, term_start, term_end, status, created_by) VALUES ('Assemblée 2024', 100, '2024-01-01', '2024-12-31', 'ended', $1) RETURNING id`, [owner])).rows;
  const [{ id: poolId }] = (
    await db.query(
      `INSERT INTO pools (assembly_id, layout, quotas_file_name, pool_file_name, quotas_sha256, pool_sha256, household_columns, volunteer_count, quotas_csv, pool_csv, uploaded_by)
       VALUES ($1, 'sortition-foundation', 'q.csv', 'p.csv', repeat('b', 64), repeat('c', 64), '{}', $2, '', '', $3) RETURNING id`,
      [assemblyId, volunteers, owner],
    )
  ).rows;
  await db.query(
    `INSERT INTO pool_volunteers (pool_id, person_id, row_number, features, personal)
     SELECT $1, 'P' || i, i, jsonb_build_object('gender', CASE WHEN i % 2 = 0 THEN 'woman' ELSE 'man' END), jsonb_build_object('first_name', 'Prénom' || i, 'email', 'p' || i || '@example.org')
       FROM generate_series(1, $2::int) AS i`,
    [poolId, volunteers],
  );
  await db.query('VACUUM ANALYZE');
  console.log(`dataset made in ${Math.round((performance.now() - started) / 1000)} s`);

  const pnyx = (args) => {
    const begun = performance.now();
    const output = execFileSync(process.execPath, [join(ROOT, 'apps/cli/bin/pnyx.js'), ...args], { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    return { ms: Math.round(performance.now() - begun), report: JSON.parse(output) };
  };
  const dry = pnyx(['data', 'purge', '--dry-run', '--json']);
  started = performance.now();
  const real = pnyx(['data', 'purge', '--json']);
  const rows = Object.fromEntries(real.report.rules.map((rule) => [rule.name, rule.rows]));
  if (rows.rolls !== electors || rows['pool-details'] !== volunteers) throw new Error(`unexpected counts: ${JSON.stringify(rows)}`);
  const [{ named }] = (await db.query(`SELECT count(family_name)::int AS named FROM roll_entries`)).rows;
  if (named !== 0) throw new Error(`${named} names left on the roll`);
  console.log(JSON.stringify({ electors, volunteers, dryRunMs: dry.ms, purgeMs: real.ms, rows }));
  await recordResult(
    'bench:retention — the purge at Paris scale (`pnyx data purge`)',
    ['date', 'machine', 'command', 'roll entries + pool volunteers', 'dry run ms', 'purge ms (target ≤ 60000)'],
    [new Date().toISOString().slice(0, 10), machine(), benchCommand('bench:retention', ['BENCH_ELECTORS']), `${electors.toLocaleString('en')} + ${volunteers.toLocaleString('en')}`, dry.ms, real.ms],
  );
} finally {
  await database.drop();
}
