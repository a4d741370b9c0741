import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildTypeModel, committeeFrom, committeeIlp, committeeRows, committeeViolations, type TypeModel } from './committee-model.js';
import type { Category, Person, SortitionInstance } from './instance.js';
import { decomposeIntoPanels } from './panel-decomposition.js';
import { loadSolver } from './solvers/load.js';
import type { SolverBackend } from './solvers/solver.js';
import { loadFixture } from './testing/fixtures.js';

let mip: SolverBackend;
let lp: SolverBackend;
beforeAll(async () => {
  mip = await loadSolver('glpk');
  lp = await loadSolver('highs');
});

/** A fractional committee inside the quota polytope: its LP optimum for the given objective. */
function fractionalPoint(model: TypeModel, objective: number[]): Float64Array {
  const solution = lp.solve({
    sense: 'maximize',
    objective,
    lower: model.types.map(() => 0),
    upper: model.types.map((type) => type.members.length),
    rows: committeeRows(model),
  });
  expect(solution.status).toBe('optimal');
  return solution.values.slice(0, model.types.length);
}

/** The average of `count` panels (committee ILPs with pseudo-random weights): a point inside the panels' hull. */
function mixtureOfPanels(model: TypeModel, count: number): Float64Array {
  const point = new Float64Array(model.types.length);
  for (let i = 0; i < count; i += 1) {
    const weights = model.types.map((_, t) => ((t * 7919 + i * 104729) % 1000) / 1000);
    const panel = committeeFrom(mip.solve(committeeIlp(model, weights)).values, model.types.length);
    panel.forEach((value, t) => (point[t] += value / count));
  }
  return point;
}

/** Σ_i w_i·c_i, type by type. */
function combination(model: TypeModel, decomposition: ReturnType<typeof decomposeIntoPanels>): Float64Array {
  const sum = new Float64Array(model.types.length);
  decomposition.committees.forEach((committee, i) => committee.forEach((count, t) => (sum[t] += decomposition.weights[i] * count)));
  return sum;
}

function expectSound(model: TypeModel, point: Float64Array, decomposition: ReturnType<typeof decomposeIntoPanels>): void {
  for (const committee of decomposition.committees) expect(committeeViolations(model, committee)).toEqual([]);
  for (const weight of decomposition.weights) expect(weight).toBeGreaterThan(0);
  expect(decomposition.weights.reduce((sum, w) => sum + w, 0) + decomposition.remainder).toBeCloseTo(1, 12);
  // What is left, remainder × (a point of the polytope), is never negative.
  combination(model, decomposition).forEach((value, t) => expect(value).toBeLessThanOrEqual(point[t] + 1e-9));
}

/** A pool of `n` people with one or two categories and no household rule. */
const integralCase = fc
  .record({
    n: fc.integer({ min: 6, max: 40 }),
    values: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 2 }),
    seed: fc.array(fc.nat(1000), { minLength: 50, maxLength: 50 }),
    kShare: fc.double({ min: 0.15, max: 0.6, noNaN: true }),
  })
  .map(({ n, values, seed, kShare }): SortitionInstance => {
    let cursor = 0;
    const next = (bound: number): number => seed[cursor++ % seed.length] % bound;
    const size = Math.max(1, Math.min(n - 1, Math.round(n * kShare)));
    const people: Person[] = Array.from({ length: n }, (_, i) => {
      const features = values.map((count) => (next(5) + i) % count);
      return { id: `p${i}`, row: i + 2, features, rawFeatures: features.map(String), household: undefined };
    });
    const categories: Category[] = values.map((count, c) => ({
      name: `c${c}`,
      values: Array.from({ length: count }, (_, v) => {
        const expected = (people.filter((p) => p.features[c] === v).length * size) / n;
        return { value: `v${v}`, min: Math.max(0, Math.floor(expected) - next(2)), max: Math.ceil(expected) + next(2) };
      }),
    }));
    return { categories, people, size, householdColumns: [], files: { quotas: 'q.csv', pool: 'p.csv' } };
  });

describe('decomposing a fractional committee into panels', () => {
  it('is complete and exact where the quota polytope is integral (two categories, no households)', () => {
    let decomposed = 0;
    fc.assert(
      fc.property(integralCase, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }), (instance, objective) => {
        const model = buildTypeModel(instance);
        // Quotas and size: two laminar families, so every vertex of the polytope is a panel.
        const rows = committeeRows(model);
        const feasible = lp.solve({ sense: 'maximize', objective: model.types.map(() => 0), lower: model.types.map(() => 0), upper: model.types.map((type) => type.members.length), rows });
        if (feasible.status !== 'optimal') return;
        // An interior-ish point: the average of two LP optima, so it is rarely a vertex itself.
        const first = fractionalPoint(model, model.types.map((_, t) => objective[t % objective.length]));
        const second = fractionalPoint(model, model.types.map((_, t) => 1 - objective[(t * 7) % objective.length]));
        const point = first.map((value, t) => (value + second[t]) / 2);
        const decomposition = decomposeIntoPanels(model, point, mip);
        expectSound(model, point, decomposition);
        expect(decomposition.remainder).toBe(0);
        combination(model, decomposition).forEach((value, t) => expect(value).toBeCloseTo(point[t], 9));
        // Carathéodory: at most dim + 1 panels, and dim ≤ number of types.
        expect(decomposition.committees.length).toBeLessThanOrEqual(model.types.length + 1);
        decomposed += 1;
      }),
      { numRuns: 60, seed: 20261205 },
    );
    expect(decomposed).toBeGreaterThanOrEqual(40);
  });

  it('stops with the weight left over when the point is out of reach of every panel', () => {
    // Four people, k = 2, and three categories whose quotas forbid every pair — yet (½, ½, ½, ½)
    // meets them all: a fractional point of a polytope holding no panel at all.
    const pairs = [
      [0, 1],
      [1, 2],
      [0, 2],
    ];
    const people: Person[] = [0, 1, 2, 3].map((i) => {
      const features = pairs.map((pair) => (pair.includes(i) ? 0 : 1));
      return { id: `p${i}`, row: i + 2, features, rawFeatures: features.map(String), household: undefined };
    });
    const categories: Category[] = pairs.map((_, c) => ({
      name: `c${c}`,
      values: [
        { value: 'in', min: 0, max: 1 },
        { value: 'out', min: 0, max: 1 },
      ],
    }));
    const model = buildTypeModel({ categories, people, size: 2, householdColumns: [], files: { quotas: 'q.csv', pool: 'p.csv' } });
    const decomposition = decomposeIntoPanels(model, [0.5, 0.5, 0.5, 0.5], mip);
    expect(decomposition).toEqual({ committees: [], weights: [], remainder: 1 });
  });

  it('keeps every panel valid on sf_fixture_150 and paris_synthetic_2000 (households) and decomposes a mixture of panels', () => {
    for (const name of ['sf_fixture_150', 'paris_synthetic_2000'] as const) {
      const model = buildTypeModel(loadFixture(name));
      const point = mixtureOfPanels(model, 40);
      const steps: number[] = [];
      const decomposition = decomposeIntoPanels(model, point, mip, undefined, (step) => steps.push(step));
      expectSound(model, point, decomposition);
      expect(decomposition.remainder).toBeLessThan(1e-6);
      expect(steps.length).toBeGreaterThan(10);
    }
  });

  it('stops at the time budget', () => {
    const model = buildTypeModel(loadFixture('sf_fixture_150'));
    const point = mixtureOfPanels(model, 20);
    let polls = 0;
    expect(() => decomposeIntoPanels(model, point, mip, { isCancelled: () => (polls += 1) > 2 })).toThrow('cancelled');
    expect(polls).toBe(3);
  });
});
