import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildTypeModel, committeeViolations } from './committee-model.js';
import { checkFeasibility, precheck } from './feasibility.js';
import { readInstance } from './input.js';
import { loadSolver } from './solvers/load.js';
import type { SolverBackend } from './solvers/solver.js';
import { loadFixture } from './testing/fixtures.js';

const instance = (quotas: string, pool: string, size: number, householdColumns: string[] = []) =>
  readInstance({ quotas: { name: 'categories.csv', text: quotas }, pool: { name: 'respondents.csv', text: pool }, size, householdColumns });

const POOL = 'id,gender,age,home\n' + ['f,young,a', 'f,old,b', 'f,old,c', 'm,young,d', 'm,young,e', 'm,old,e'].map((row, i) => `${i + 1},${row}`).join('\n');

describe('feasibility', () => {
  let solver: SolverBackend;
  beforeAll(async () => {
    solver = await loadSolver('glpk');
  });

  it('passes the fixtures and gives a valid witness panel', () => {
    for (const name of ['example_small_20', 'sf_fixture_150', 'paris_synthetic_2000'] as const) {
      const fixture = loadFixture(name);
      const report = checkFeasibility(fixture, solver);
      expect(report.feasible).toBe(true);
      expect(committeeViolations(buildTypeModel(fixture), report.witness!)).toEqual([]);
    }
  });

  it('explains the cheap cases in words', () => {
    const problems = precheck(
      instance('category,feature,min,max\ngender,f,3,2\ngender,m,2,2\nage,young,4,4\nage,old,0,0\nage,child,1,1\n', POOL, 4),
    ).map((issue) => `${issue.code}: ${issue.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'MIN_ABOVE_MAX: gender f: minimum 3 is above maximum 2',
        'MINIMUMS_ABOVE_SIZE: gender: the minimums add up to 5, more than the panel size 4',
        'TOO_FEW_PEOPLE: age young: minimum 4 but only 3 people in the pool have it',
        'TOO_FEW_PEOPLE: age child: minimum 1 but nobody in the pool has it',
        'MINIMUMS_ABOVE_SIZE: age: the minimums add up to 5, more than the panel size 4',
      ]),
    );
    const small = precheck(instance('category,feature,min,max\ngender,f,0,9\ngender,m,0,1\n', POOL, 3)).map((issue) => issue.code);
    expect(small).toEqual([]);
    const sums = precheck(instance('category,feature,min,max\ngender,f,0,1\ngender,m,0,1\n', POOL, 3)).map((issue) => issue.message);
    expect(sums).toEqual(['gender: the maximums add up to 2, less than the panel size 3']);
  });

  it('reports values outside the quotas with their file, row and column', () => {
    const report = checkFeasibility(instance('category,feature,min,max\ngender,f,0,3\n', POOL, 2), solver);
    expect(report.feasible).toBe(false);
    expect(report.issues[0]).toEqual({
      severity: 'error',
      code: 'UNKNOWN_VALUE',
      message: 'respondents.csv, row 5, column gender: "m" is not a value of gender in the quotas (f)',
    });
  });

  it('finds interactions the pre-checks miss and suggests the smallest relaxation', () => {
    // Each category alone can be met, but the panel must be three women and only one woman is young.
    const report = checkFeasibility(instance('category,feature,min,max\ngender,f,3,3\ngender,m,0,0\nage,young,2,3\nage,old,0,3\n', POOL, 3), solver);
    expect(report.feasible).toBe(false);
    expect(report.issues.map((issue) => issue.code)).toEqual(['NO_PANEL']);
    expect(report.relaxation!.map((change) => change.sentence)).toEqual(['age young: minimum 2 -> 1']);
  });

  it('respects the household rule and the flex limits', () => {
    // Three men are needed; two of the three (people 5 and 6) share the home "e".
    const quotas = 'category,feature,min,max\ngender,f,0,3\ngender,m,2,2\nage,young,0,3\nage,old,0,3\n';
    expect(checkFeasibility(instance(quotas, POOL, 2), solver).feasible).toBe(true);
    const withHouseholds = checkFeasibility(instance(quotas.replace('gender,m,2,2', 'gender,m,3,3'), POOL, 3, ['home']), solver);
    expect(withHouseholds.feasible).toBe(false);
    expect(withHouseholds.relaxation!.map((c) => c.sentence)).toEqual(['gender m: minimum 3 -> 2']);
    const flex = 'feature,value,min,max,min_flex,max_flex\ngender,f,3,3,3,3\ngender,m,0,0,0,0\nage,young,2,3,2,3\nage,old,0,3,0,3\n';
    const stuck = checkFeasibility(instance(flex, POOL, 3), solver);
    expect(stuck.relaxationImpossible).toMatch(/no change of the quotas within their allowed flexibility/);
  });
});
