// npm run bench:agenda — list and search latency over HTTP with 100,000 proposals and 2,000,000
// supports in PostgreSQL (system server: DATABASE_URL or 127.0.0.1:5432). Target: p95 ≤ 50 ms.
// Data is made in SQL (proposals in French and English, 20,000 residents supporting 100 each).
import { benchDatabase, machine, organiserHeaders, recordResult, startApi } from './support.mjs';

const proposals = Number(process.env.BENCH_PROPOSALS ?? 100_000);
const supporters = Number(process.env.BENCH_SUPPORTERS ?? 20_000);
const supportsEach = Number(process.env.BENCH_SUPPORTS_EACH ?? 100);
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 16);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const onlyLoad = process.env.BENCH_LOAD_ONLY !== undefined;

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '1000' });
const db = await database.client();

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `concurrency` clients request `urlFor()` for `seconds`; latency percentiles in ms. */
async function measure(urlFor) {
  const latencies = [];
  let failures = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await fetch(urlFor());
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (!response.ok) failures += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, p50: Number(percentile(latencies, 50).toFixed(1)), p95: Number(percentile(latencies, 95).toFixed(1)), failures };
}

try {
  const organiser = await organiserHeaders(api, db);
  const assembly = await (await fetch(`${api.base}/api/assemblies`, { method: 'POST', headers: organiser, body: JSON.stringify({ name: 'Bench', seats: 100, termStart: '2027-01-01', termEnd: '2027-12-31' }) })).json();

  const started = performance.now();
  await db.query(
    `INSERT INTO accounts (email, email_normalized, display_name, password_hash, roles)
     SELECT 'r' || i || '@bench.example', 'r' || i || '@bench.example', 'R', 'x', '{resident}' FROM generate_series(1, $1::int) i`,
    [supporters],
  );
  const words = ['vélo', 'piste cyclable', 'arbres', 'école', 'bancs', 'fontaine', 'bicycle lanes', 'trees', 'playground', 'propreté', 'marché', 'bibliothèque', 'sports', 'logement'];
  const categories = ['mobilité', 'environnement', 'éducation', 'culture', 'solidarité'];
  await db.query(
    `INSERT INTO proposals (assembly_id, kind, title, body, category, author_id, state, state_reason, support_threshold, support_deadline, submitted_at, created_at)
     SELECT $1, 'petition',
            'Proposition ' || i || ' : ' || ($2::text[])[1 + i % 14] || ' et ' || ($2::text[])[1 + (i * 7) % 14],
            'Nous proposons ' || ($2::text[])[1 + (i * 3) % 14] || ' pour le quartier ' || (i % 20 + 1) || '. ' || repeat('Texte de la proposition. ', 10),
            ($3::text[])[1 + i % 5],
            (SELECT id FROM accounts WHERE email_normalized = 'r' || (1 + i % $5::int) || '@bench.example'),
            (ARRAY['collecting','threshold-reached','under-review','admissible','inadmissible','expired','decided'])[1 + i % 7],
            CASE WHEN i % 7 = 4 THEN 'Hors compétence' END,
            5000, now() + interval '90 days', now(), now() - make_interval(secs => $4::int - i)
       FROM generate_series(1, $4::int) i`,
    [assembly.id, words, categories, proposals, Math.min(1000, supporters)],
  );
  await db.query(
    `INSERT INTO supports (proposal_id, account_id)
     SELECT DISTINCT p.id, a.id
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts WHERE email_normalized LIKE 'r%@bench.example') a
       CROSS JOIN generate_series(1, $2::int) s
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM proposals) p ON p.k = (a.n * 7919 + s * 104729) % $1`,
    [proposals, supportsEach],
  );
  await db.query(`UPDATE proposals p SET support_count = c.n FROM (SELECT proposal_id, count(*) AS n FROM supports GROUP BY proposal_id) c WHERE c.proposal_id = p.id`);
  await db.query('VACUUM ANALYZE');
  const counts = (await db.query(`SELECT (SELECT count(*) FROM proposals)::int AS proposals, (SELECT count(*) FROM supports)::int AS supports`)).rows[0];
  console.log(JSON.stringify({ loadedSeconds: Number(((performance.now() - started) / 1000).toFixed(1)), ...counts }));

  if (onlyLoad) throw Object.assign(new Error('loaded only'), { loadedOnly: true });
  const base = `${api.base}/api/assemblies/${assembly.id}/proposals`;
  // A cursor 200 pages deep, to measure pages far from the first.
  let cursor;
  for (let i = 0; i < 200; i += 1) cursor = (await (await fetch(`${base}?limit=20${cursor === undefined ? '' : `&cursor=${cursor}`}`)).json()).nextCursor;
  const queries = ['vélo', 'piste cyclable', 'bicycle', 'arbres école', 'fontaine'];
  let q = 0;
  const scenarios = {
    'list, first page': () => `${base}?limit=20`,
    'list, state + category filter': () => `${base}?limit=20&state=collecting&category=mobilit%C3%A9`,
    'list, 200 pages deep': () => `${base}?limit=20&cursor=${cursor}`,
    'full-text search': () => `${base}?limit=20&q=${encodeURIComponent(queries[q++ % queries.length])}`,
  };
  const results = {};
  for (const [name, urlFor] of Object.entries(scenarios)) {
    results[name] = await measure(urlFor);
    console.log(JSON.stringify({ scenario: name, ...results[name] }));
  }
  for (const [name, result] of Object.entries(results)) {
    await recordResult(
      'bench:agenda — list and search over HTTP, 100,000 proposals and 2,000,000 supports',
      ['date', 'machine', 'command', 'data', 'scenario', 'clients × s', 'requests', 'p50 ms', 'p95 ms (target ≤ 50)', 'failures'],
      [
        new Date().toISOString().slice(0, 10),
        machine(),
        '`npm run bench:agenda`',
        `${counts.proposals} proposals, ${counts.supports} supports`,
        name,
        `${concurrency} × ${seconds}`,
        result.requests,
        result.p50,
        result.p95,
        result.failures,
      ],
    );
  }
} finally {
  await api.stop();
  await database.drop();
}
