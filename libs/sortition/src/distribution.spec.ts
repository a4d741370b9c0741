import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildTypeModel, committeeViolations } from './committee-model.js';
import { computeDistribution, InfeasibleQuotasError, type Solvers } from './distribution.js';
import { checkFeasibility } from './feasibility.js';
import { leximinDistribution } from './leximin.js';
import type { Category, Person, SortitionInstance } from './instance.js';
import { loadSolver } from './solvers/load.js';
import { loadFixture } from './testing/fixtures.js';

let solvers: Solvers;
beforeAll(async () => {
  solvers = { mip: await loadSolver('glpk'), lp: await loadSolver('highs') };
});

/** Does a panel of people (ids) meet every quota and the household rule? */
function panelProblems(instance: SortitionInstance, members: string[]): string[] {
  const byId = new Map(instance.people.map((person) => [person.id, person]));
  const chosen = members.map((id) => byId.get(id)!);
  const problems: string[] = [];
  if (new Set(members).size !== instance.size || members.length !== instance.size) problems.push(`size ${members.length}`);
  instance.categories.forEach((category, c) =>
    category.values.forEach((quota, v) => {
      const count = chosen.filter((person) => person.features[c] === v).length;
      if (count < quota.min || count > quota.max) problems.push(`${category.name} ${quota.value}: ${count}`);
    }),
  );
  if (instance.householdColumns.length > 0) {
    const households = chosen.map((person) => person.household).filter((h) => h !== undefined);
    if (new Set(households).size !== households.length) problems.push('household');
  }
  return problems;
}

function checkDistribution(instance: SortitionInstance, result: ReturnType<typeof computeDistribution>['result']): void {
  const total = result.panels.reduce((sum, panel) => sum + panel.weight, 0);
  expect(total).toBeCloseTo(1, 9);
  for (const panel of result.panels) expect(panelProblems(instance, panel.members)).toEqual([]);
  // The published probabilities are the panels' marginals, and they sum to k.
  const marginal = new Map<string, number>();
  for (const panel of result.panels) for (const id of panel.members) marginal.set(id, (marginal.get(id) ?? 0) + panel.weight);
  for (const person of instance.people) expect(result.probabilities[person.id]).toBeCloseTo(marginal.get(person.id) ?? 0, 8);
  expect(Object.values(result.probabilities).reduce((sum, p) => sum + p, 0)).toBeCloseTo(instance.size, 6);
}

describe('distributions on the published instances', () => {
  it('gives every volunteer of example_small_20 exactly 10% (LEXIMIN)', () => {
    const instance = loadFixture('example_small_20');
    const { result } = computeDistribution(instance, solvers, { algorithm: 'leximin' });
    checkDistribution(instance, result);
    for (const p of Object.values(result.probabilities)) expect(p).toBeCloseTo(0.1, 6);
    expect(result).toMatchObject({ algorithm: 'leximin', size: 20, poolSize: 200, kOverN: 0.1 });
    expect(result.gini).toBeLessThan(1e-6);
  });

  it('keeps every panel valid on sf_fixture_150 (households) and LEXIMIN ≥ MAXIMIN − 1e-4', () => {
    const instance = loadFixture('sf_fixture_150');
    const leximin = computeDistribution(instance, solvers, { algorithm: 'leximin' }).result;
    const maximin = computeDistribution(instance, solvers, { algorithm: 'maximin' }).result;
    checkDistribution(instance, leximin);
    checkDistribution(instance, maximin);
    expect(leximin.minProbability).toBeGreaterThanOrEqual(maximin.minProbability - 1e-4);
    // LEXIMIN is also fairer above the minimum.
    expect(leximin.gini).toBeLessThanOrEqual(maximin.gini + 1e-9);
  });

  it('computes LEGACY as the empirical distribution of its runs, reproducibly', () => {
    const instance = loadFixture('example_small_20');
    const first = computeDistribution(instance, solvers, { algorithm: 'legacy', legacyRuns: 300 }).result;
    const second = computeDistribution(instance, solvers, { algorithm: 'legacy', legacyRuns: 300 }).result;
    checkDistribution(instance, first);
    expect(second.probabilities).toEqual(first.probabilities);
    expect(first.legacy).toEqual({ runs: 300, failures: expect.any(Number) });
  });

  it('refuses infeasible quotas with the report and its relaxation', () => {
    const instance = loadFixture('example_small_20');
    instance.categories[0].values[0].min = 15; // gender female ≥ 15 …
    instance.categories[1].values[0].min = 15; // … and liberal ≥ 15: more than 20 seats
    expect(() => computeDistribution(instance, solvers, { algorithm: 'leximin' })).toThrow(InfeasibleQuotasError);
  });
});

// --- Property tests: random small pools against brute force over every feasible panel. ---

interface SmallCase {
  instance: SortitionInstance;
}

const smallCase: fc.Arbitrary<SmallCase> = fc
  .record({
    n: fc.integer({ min: 4, max: 12 }),
    valuesPerCategory: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
    kShare: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    households: fc.boolean(),
  })
  .map(({ n, valuesPerCategory, seed, kShare, households }) => {
    let cursor = 0;
    const next = (bound: number): number => seed[cursor++ % seed.length] % bound;
    const size = Math.max(1, Math.min(n - 1, Math.round(n * kShare)));
    const people: Person[] = Array.from({ length: n }, (_, i) => {
      const features = valuesPerCategory.map((count) => (next(7) + i) % count);
      return { id: `p${i}`, row: i + 2, features, rawFeatures: features.map(String), household: households ? `h${next(Math.max(2, n - 2))}` : undefined };
    });
    const categories: Category[] = valuesPerCategory.map((count, c) => ({
      name: `c${c}`,
      values: Array.from({ length: count }, (_, v) => {
        const have = people.filter((p) => p.features[c] === v).length;
        const expected = (have * size) / n;
        return { value: `v${v}`, min: Math.max(0, Math.floor(expected) - next(2)), max: Math.ceil(expected) + next(2) };
      }),
    }));
    return { instance: { categories, people, size, householdColumns: households ? ['home'] : [], files: { quotas: 'q.csv', pool: 'p.csv' } } };
  });

function* subsets(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = start; i <= n - (k - prefix.length); i += 1) yield* subsets(n, k, i + 1, [...prefix, i]);
}

/**
 * One leximin level over explicit panels: maximise z with Σ p = 1, and each person's probability
 * ≥ z, or ≥ their settled value. Column 0 is z, then one weight per panel; row 1 + r is people[r].
 */
function solveLevel(panels: number[][], people: number[], settled: Map<number, number>) {
  const rows = [{ indices: panels.map((_, j) => j + 1), values: panels.map(() => 1), lower: 1, upper: 1 }];
  for (const person of people) {
    const fixed = settled.get(person);
    const indices = fixed === undefined ? [0] : [];
    const values = fixed === undefined ? [-1] : [];
    panels.forEach((panel, j) => {
      if (panel.includes(person)) {
        indices.push(j + 1);
        values.push(1);
      }
    });
    rows.push({ indices, values, lower: fixed === undefined ? 0 : fixed - 1e-9, upper: Infinity });
  }
  return solvers.lp.solve({
    sense: 'maximize',
    objective: [1, ...panels.map(() => 0)],
    lower: [-Infinity, ...panels.map(() => 0)],
    upper: [Infinity, ...panels.map(() => Infinity)],
    rows,
  });
}

/** The best possible minimum probability over people who fit on some panel, by LP over all panels. */
function bruteForceMaximin(instance: SortitionInstance): { panels: number[][]; maximin: number; selectable: Set<number> } {
  const panels = [...subsets(instance.people.length, instance.size)].filter(
    (panel) => panelProblems(instance, panel.map((i) => instance.people[i].id)).length === 0,
  );
  const selectable = new Set(panels.flat());
  if (panels.length === 0) return { panels, maximin: 0, selectable };
  const solution = solveLevel(panels, [...selectable], new Map());
  return { panels, maximin: solution.objective, selectable };
}

/** The leximin over all panels, level by level with exact LP duals (people, not types). */
function bruteForceLeximin(instance: SortitionInstance, panels: number[][], selectable: Set<number>): number[] {
  const settled = new Map<number, number>();
  for (let guard = 0; settled.size < selectable.size && guard < 100; guard += 1) {
    const people = [...selectable];
    const solution = solveLevel(panels, people, settled);
    let newly = people.filter((person, r) => !settled.has(person) && -solution.rowDuals![1 + r] > 1e-9);
    if (newly.length === 0) newly = people.filter((person) => !settled.has(person));
    for (const person of newly) settled.set(person, solution.objective);
  }
  return instance.people.map((_, i) => settled.get(i) ?? 0);
}

describe('against brute force on random pools of at most 12 people', () => {
  it('finds the leximin: the same sorted probabilities as level-by-level LPs over every panel', () => {
    fc.assert(
      fc.property(smallCase, ({ instance }) => {
        const brute = bruteForceMaximin(instance);
        if (brute.panels.length === 0) return;
        const expected = bruteForceLeximin(instance, brute.panels, brute.selectable).sort((a, b) => a - b);
        const { result } = computeDistribution(instance, solvers, { algorithm: 'leximin' });
        const actual = instance.people.map((person) => result.probabilities[person.id]).sort((a, b) => a - b);
        actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 4));
      }),
      { numRuns: 40, seed: 424242 },
    );
  });

  it('agrees on feasibility, keeps every panel valid, and reaches the true maximin', () => {
    let feasibleCases = 0;
    fc.assert(
      fc.property(smallCase, ({ instance }) => {
        const brute = bruteForceMaximin(instance);
        const feasible = checkFeasibility(instance, solvers.mip).feasible;
        expect(feasible).toBe(brute.panels.length > 0);
        if (!feasible) return;
        feasibleCases += 1;
        const minOverSelectable = (probabilities: Record<string, number>): number =>
          Math.min(...[...brute.selectable].map((i) => probabilities[instance.people[i].id]));
        for (const algorithm of ['maximin', 'leximin'] as const) {
          const { result, model } = computeDistribution(instance, solvers, { algorithm });
          checkDistribution(instance, result);
          expect(minOverSelectable(result.probabilities)).toBeGreaterThanOrEqual(brute.maximin - 1e-4);
          expect(minOverSelectable(result.probabilities)).toBeLessThanOrEqual(brute.maximin + 1e-6);
          for (const person of instance.people.filter((_, i) => !brute.selectable.has(i))) expect(result.probabilities[person.id]).toBeCloseTo(0, 9);
          expect(buildTypeModel(instance).types.length).toBe(model.types.length);
        }
      }),
      { numRuns: 60, seed: 20261128 },
    );
    // The generator must produce mostly feasible cases, or this test would prove little.
    expect(feasibleCases).toBeGreaterThanOrEqual(30);
  });

  it('finds the same leximin by decomposing the relaxation as level by level', () => {
    fc.assert(
      fc.property(smallCase, ({ instance }) => {
        if (!checkFeasibility(instance, solvers.mip).feasible) return;
        const model = buildTypeModel(instance);
        const sorted = (strategy: 'decomposition' | 'levels'): number[] =>
          [...leximinDistribution(model, solvers.mip, solvers.lp, { strategy }).typeProbabilities.entries()]
            .flatMap(([t, p]) => model.types[t].members.map(() => p))
            .sort((a, b) => a - b);
        const levels = sorted('levels');
        sorted('decomposition').forEach((value, i) => expect(value).toBeCloseTo(levels[i], 5));
      }),
      { numRuns: 60, seed: 5122026 },
    );
  });

  it('never lets a type committee break a rule', () => {
    fc.assert(
      fc.property(smallCase, ({ instance }) => {
        const report = checkFeasibility(instance, solvers.mip);
        if (report.witness !== undefined) expect(committeeViolations(buildTypeModel(instance), report.witness)).toEqual([]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
