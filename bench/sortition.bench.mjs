// npm run bench:sortition — LEXIMIN runtime and minimum selection probability on the instances of
// ../shared/data/sortition (or their copy in test/fixtures/sortition), with LEGACY's empirical
// minimum over 10,000 runs beside it. Targets on the 2-core machine: example_small_20 ≤ 2 s,
// sf_fixture_150 ≤ 5 s, example_large_200 ≤ 60 s, paris_synthetic_2000 ≤ 120 s, memory ≤ 1 GiB.
// BENCH_ONLY=name runs one instance; BENCH_LEGACY_RUNS changes the LEGACY run count.
// BENCH_SOLVER_PROFILE=1 prints where LEXIMIN's time went: by phase, the pricing ILPs, the master
// LPs (incremental) and the other LPs, with their counts, sizes and times (and records no row).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, recordResult, ROOT } from './support.mjs';

const lib = await import(join(ROOT, 'dist/apps/cli/libs/sortition/src/index.js'));
const INSTANCES = [
  ['example_small_20', 'categories.csv', 'respondents.csv', 20, [], 2],
  ['sf_fixture_150', 'features.csv', 'candidates.csv', 22, ['primary_address1', 'primary_zip'], 5],
  ['example_large_200', 'categories.csv', 'respondents.csv', 200, [], 60],
  ['paris_synthetic_2000', 'categories.csv', 'respondents.csv', 100, ['household'], 120],
];
const shared = join(ROOT, '..', 'shared', 'data', 'sortition');
const dataDir = existsSync(shared) ? shared : join(ROOT, 'test', 'fixtures', 'sortition');
const legacyRuns = Number(process.env.BENCH_LEGACY_RUNS ?? 10000);
const profiling = process.env.BENCH_SOLVER_PROFILE !== undefined;
const meter = { phase: 'start', rows: new Map() };
/** Adds one timed call to the profile: by phase and kind, with the model's size. */
function record(kind, ms, rows, columns) {
  const key = `${meter.phase} | ${kind}`;
  const entry = meter.rows.get(key) ?? { calls: 0, ms: 0, maxMs: 0, rows: 0, columns: 0 };
  entry.calls += 1;
  entry.ms += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
  entry.rows = Math.max(entry.rows, rows);
  entry.columns = Math.max(entry.columns, columns);
  meter.rows.set(key, entry);
}
/** A SolverBackend that times every call (the algorithms see the same interface). */
function metered(backend, role) {
  return {
    name: backend.name,
    solve(model, options) {
      const started = performance.now();
      const solution = backend.solve(model, options);
      const kind = model.integer?.some(Boolean) ? `${role}: ILP` : `${role}: LP`;
      record(kind, performance.now() - started, model.rows.length, model.objective.length);
      return solution;
    },
    createIncrementalLp(model) {
      const lp = backend.createIncrementalLp(model);
      return {
        get columnCount() {
          return lp.columnCount;
        },
        addColumn: (column) => lp.addColumn(column),
        setRowBounds: (row, lower, upper) => lp.setRowBounds(row, lower, upper),
        setCoefficient: (row, column, value) => lp.setCoefficient(row, column, value),
        solve() {
          const started = performance.now();
          const solution = lp.solve();
          record(`${role}: incremental LP`, performance.now() - started, model.rows.length, lp.columnCount);
          return solution;
        },
        dispose: () => lp.dispose(),
      };
    },
  };
}
const loaded = { mip: await lib.loadSolver('glpk'), lp: await lib.loadSolver('highs') };
const solvers = profiling ? { mip: metered(loaded.mip, 'glpk'), lp: metered(loaded.lp, 'highs') } : loaded;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
sampler.unref();

for (const [name, quotas, pool, size, householdColumns, target] of INSTANCES) {
  if (process.env.BENCH_ONLY !== undefined && process.env.BENCH_ONLY !== name) continue;
  const instance = lib.readInstance({
    quotas: { name: quotas, text: readFileSync(join(dataDir, name, quotas), 'utf8') },
    pool: { name: pool, text: readFileSync(join(dataDir, name, pool), 'utf8') },
    size,
    householdColumns,
  });
  peakRss = process.memoryUsage().rss;
  let last = Date.now();
  const started = performance.now();
  const leximin = lib.computeDistribution(instance, solvers, {
    algorithm: 'leximin',
    control: {
      onProgress: (p) => {
        meter.phase = p.phase;
        if (Date.now() - last > 10000) {
          last = Date.now();
          process.stderr.write(`  ${name}: ${p.phase} iteration ${p.iteration}, min ${p.minProbability ?? '-'}, settled ${p.settledPeople ?? '-'}\n`);
        }
      },
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (profiling) {
    console.log(`${name}: LEXIMIN ${seconds.toFixed(1)} s; by phase and kind of solve (the phase is the last one reported before the call):`);
    console.table(
      [...meter.rows].map(([key, entry]) => ({
        'phase | solve': key,
        calls: entry.calls,
        's total': Number((entry.ms / 1000).toFixed(1)),
        'ms mean': Number((entry.ms / entry.calls).toFixed(1)),
        'ms max': Number(entry.maxMs.toFixed(1)),
        'rows max': entry.rows,
        'columns max': entry.columns,
      })),
    );
    meter.rows.clear();
    meter.phase = 'start';
    continue;
  }
  const legacyStarted = performance.now();
  const legacy = lib.computeDistribution(instance, solvers, { algorithm: 'legacy', legacyRuns });
  const legacySeconds = (performance.now() - legacyStarted) / 1000;
  const row = {
    name,
    n: instance.people.length,
    k: size,
    types: leximin.result.types,
    seconds: Number(seconds.toFixed(2)),
    target,
    leximinMin: leximin.result.minProbability,
    legacyMin: legacy.result.minProbability,
    legacyFailures: legacy.result.legacy.failures,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  console.log(JSON.stringify(row));
  await recordResult(
    'bench:sortition — LEXIMIN (glpk.js pricing, HiGHS LPs) and LEGACY',
    ['date', 'machine', 'command', 'instance', 'n / k / types', 'LEXIMIN s (target)', 'LEXIMIN min', `LEGACY min (${legacyRuns} runs)`, 'LEGACY s', 'peak RSS MiB'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      '`npm run bench:sortition`',
      name + (householdColumns.length > 0 ? ' (households)' : ''),
      `${row.n} / ${row.k} / ${row.types}`,
      `${row.seconds} (${target})${row.seconds > target ? ' **missed**' : ''}`,
      `${(row.leximinMin * 100).toFixed(3)}%`,
      `${(row.legacyMin * 100).toFixed(3)}%`,
      legacySeconds.toFixed(1),
      row.peakRssMiB,
    ],
  );
}
