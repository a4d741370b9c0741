import { beforeAll, describe, expect, it } from '@jest/globals';
import { computeDistribution, type Solvers } from './distribution.js';
import type { SortitionInstance } from './instance.js';
import { replacementInstance } from './replacement.js';
import { loadSolver } from './solvers/load.js';
import { loadFixture } from './testing/fixtures.js';

let solvers: Solvers;
beforeAll(async () => {
  solvers = { mip: await loadSolver('glpk'), lp: await loadSolver('highs') };
});

function quotaProblems(instance: SortitionInstance, members: string[]): string[] {
  const byId = new Map(instance.people.map((person) => [person.id, person]));
  const chosen = members.map((id) => byId.get(id)!);
  const problems: string[] = [];
  instance.categories.forEach((category, c) =>
    category.values.forEach((quota, v) => {
      const count = chosen.filter((person) => person.features[c] === v).length;
      if (count < quota.min || count > quota.max) problems.push(`${category.name} ${quota.value}: ${count} not in [${quota.min}, ${quota.max}]`);
    }),
  );
  const households = chosen.map((person) => person.household).filter((h) => h !== undefined);
  if (new Set(households).size !== households.length) problems.push('two members of one household');
  return problems;
}

describe('replacementInstance', () => {
  it('subtracts what continuing members hold from the quotas and leaves out selected, departed and their households', () => {
    const instance = loadFixture('sf_fixture_150');
    const { result } = computeDistribution(instance, solvers, { algorithm: 'maximin' });
    const panel = result.panels[0].members;
    const departed = panel.slice(0, 3);
    const continuing = new Set(panel.slice(3));
    const plan = replacementInstance(instance, continuing, new Set(departed), 3);

    expect(plan.instance.size).toBe(3);
    expect(plan.overQuota).toEqual([]);
    const remainingIds = new Set(plan.instance.people.map((person) => person.id));
    for (const id of panel) expect(remainingIds.has(id)).toBe(false);
    const continuingHouseholds = new Set(instance.people.filter((p) => continuing.has(p.id)).map((p) => p.household));
    for (const person of plan.instance.people) expect(continuingHouseholds.has(person.household)).toBe(false);
    expect(plan.instance.people.length + panel.length + plan.excludedByHousehold.length).toBe(instance.people.length);

    // Every replacement panel, with the continuing members, meets the original quotas and households.
    const replacements = computeDistribution(plan.instance, solvers, { algorithm: 'leximin' }).result;
    expect(replacements.panels.length).toBeGreaterThan(0);
    for (const replacement of replacements.panels) {
      expect(quotaProblems(instance, [...continuing, ...replacement.members])).toEqual([]);
    }
    const total = Object.values(replacements.probabilities).reduce((sum, p) => sum + p, 0);
    expect(total).toBeCloseTo(3, 6);
  });

  it('reports values the continuing members already exceed instead of producing a negative maximum', () => {
    const instance = loadFixture('example_small_20');
    const genderColumn = instance.categories.findIndex((category) => category.values.length >= 2);
    const category = instance.categories[genderColumn];
    const value = 0;
    const holders = instance.people.filter((person) => person.features[genderColumn] === value).slice(0, category.values[value].max + 1);
    const plan = replacementInstance(instance, new Set(holders.map((p) => p.id)), new Set(), 1);
    expect(plan.overQuota).toEqual([`${category.name} ${category.values[value].value}: ${holders.length} continuing members, maximum ${category.values[value].max}`]);
    expect(plan.instance.categories[genderColumn].values[value].max).toBe(0);
  });

  it('refuses no vacancy and continuing members who are not in the pool', () => {
    const instance = loadFixture('example_small_20');
    expect(() => replacementInstance(instance, new Set(), new Set(), 0)).toThrow(RangeError);
    expect(() => replacementInstance(instance, new Set(['nobody']), new Set(), 1)).toThrow(/not in the pool: nobody/);
  });
});
