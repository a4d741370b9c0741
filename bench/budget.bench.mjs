// npm run bench:budget — the participatory budget's selection rules, in-process:
//   the Method of Equal Shares (exact arithmetic) on 10,000 voters × 60 projects, target ≤ 1 s;
//   greedy on the same instance, for comparison.
// Voters approve 1 to 12 projects, drawn with a popularity skew (some projects are much liked, as in
// real ballots); costs from 10,000 to 500,000 € in whole euros; a budget of 3,000,000 €.
// Not yet here: a whole edition's close → winners of every envelope (issue "Participatory budget"),
// which needs the budget's API.
import { join } from 'node:path';
import { machine, recordResult, ROOT } from './support.mjs';

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
