import { buildTypeModel, committeeFrom, committeeIlp, type TypeCommittee, type TypeModel } from './committee-model.js';
import type { SortitionInstance } from './instance.js';
import type { LinearModel, LinearRow, SolverBackend } from './solvers/solver.js';

export type FeasibilityCode =
  | 'UNKNOWN_VALUE'
  | 'MIN_ABOVE_MAX'
  | 'MINIMUMS_ABOVE_SIZE'
  | 'MAXIMUMS_BELOW_SIZE'
  | 'TOO_FEW_PEOPLE'
  | 'VALUE_NOT_IN_POOL'
  | 'POOL_TOO_SMALL'
  | 'NO_PANEL';

export interface FeasibilityIssue {
  severity: 'error' | 'warning';
  code: FeasibilityCode;
  message: string;
}

export interface QuotaChange {
  category: string;
  value: string;
  bound: 'minimum' | 'maximum';
  from: number;
  to: number;
  /** "age 16-24: minimum 10 -> 8" */
  sentence: string;
}

export interface FeasibilityReport {
  feasible: boolean;
  issues: FeasibilityIssue[];
  /** The smallest total change to the quotas (within min_flex/max_flex) that allows a panel. */
  relaxation?: QuotaChange[];
  /** Set when even the most relaxed quotas allow no panel. */
  relaxationImpossible?: string;
  /** One valid panel, as a witness, when feasible. */
  witness?: TypeCommittee;
  notes: string[];
}

const UNKNOWN_VALUES_SHOWN = 10;

/** Checks that need no solver: they explain most infeasible quota files in plain words. */
export function precheck(instance: SortitionInstance): FeasibilityIssue[] {
  const issues: FeasibilityIssue[] = [];
  const k = instance.size;
  const unknown: string[] = [];
  for (const person of instance.people) {
    person.features.forEach((feature, c) => {
      if (feature < 0) {
        const category = instance.categories[c];
        unknown.push(
          `${instance.files.pool}, row ${person.row}, column ${category.name}: "${person.rawFeatures[c]}" is not a value of ${category.name} in the quotas (${category.values.map((v) => v.value).join(', ')})`,
        );
      }
    });
  }
  for (const message of unknown.slice(0, UNKNOWN_VALUES_SHOWN)) issues.push({ severity: 'error', code: 'UNKNOWN_VALUE', message });
  if (unknown.length > UNKNOWN_VALUES_SHOWN) {
    issues.push({ severity: 'error', code: 'UNKNOWN_VALUE', message: `…and ${unknown.length - UNKNOWN_VALUES_SHOWN} more values outside the quotas` });
  }
  instance.categories.forEach((category, c) => {
    let minSum = 0;
    let maxSum = 0;
    category.values.forEach((quota, v) => {
      minSum += quota.min;
      maxSum += quota.max;
      const label = `${category.name} ${quota.value}`;
      if (quota.min > quota.max) issues.push({ severity: 'error', code: 'MIN_ABOVE_MAX', message: `${label}: minimum ${quota.min} is above maximum ${quota.max}` });
      const have = instance.people.filter((person) => person.features[c] === v).length;
      if (have === 0) {
        issues.push({
          severity: quota.min > 0 ? 'error' : 'warning',
          code: quota.min > 0 ? 'TOO_FEW_PEOPLE' : 'VALUE_NOT_IN_POOL',
          message: quota.min > 0 ? `${label}: minimum ${quota.min} but nobody in the pool has it` : `${label}: nobody in the pool has this value`,
        });
      } else if (have < quota.min) {
        issues.push({ severity: 'error', code: 'TOO_FEW_PEOPLE', message: `${label}: minimum ${quota.min} but only ${have} people in the pool have it` });
      }
    });
    if (minSum > k) issues.push({ severity: 'error', code: 'MINIMUMS_ABOVE_SIZE', message: `${category.name}: the minimums add up to ${minSum}, more than the panel size ${k}` });
    if (maxSum < k) issues.push({ severity: 'error', code: 'MAXIMUMS_BELOW_SIZE', message: `${category.name}: the maximums add up to ${maxSum}, less than the panel size ${k}` });
  });
  const households = new Set(instance.people.map((person, index) => person.household ?? `#${index}`));
  if (instance.people.length < k) {
    issues.push({ severity: 'error', code: 'POOL_TOO_SMALL', message: `the pool has ${instance.people.length} people for a panel of ${k}` });
  } else if (instance.householdColumns.length > 0 && households.size < k) {
    issues.push({ severity: 'error', code: 'POOL_TOO_SMALL', message: `the pool has ${households.size} households for a panel of ${k} (at most one member per household)` });
  }
  return issues;
}

/**
 * The full check: the pre-checks, then the committee ILP itself; when no panel exists, the smallest
 * relaxation of the quotas (total units of change, within min_flex/max_flex) that makes one exist.
 */
export function checkFeasibility(instance: SortitionInstance, solver: SolverBackend): FeasibilityReport {
  const notes = ['values are trimmed and matched case-insensitively'];
  const issues = precheck(instance);
  if (issues.some((issue) => issue.code === 'UNKNOWN_VALUE')) return { feasible: false, issues, notes };
  const model = buildTypeModel(instance);
  notes.push(`${instance.people.length} people in ${model.types.length} interchangeable types`);
  const exact = solver.solve(committeeIlp(model, model.types.map(() => 0)));
  if (exact.status === 'optimal') {
    return { feasible: issues.every((issue) => issue.severity !== 'error'), issues, witness: committeeFrom(exact.values, model.types.length), notes };
  }
  if (!issues.some((issue) => issue.severity === 'error')) {
    issues.push({ severity: 'error', code: 'NO_PANEL', message: 'no panel satisfies every quota (and the household rule) at once' });
  }
  return { feasible: false, issues, ...suggestRelaxation(model, solver), notes };
}

function suggestRelaxation(model: TypeModel, solver: SolverBackend): Pick<FeasibilityReport, 'relaxation' | 'relaxationImpossible'> {
  const { instance } = model;
  const T = model.types.length;
  const quotas = instance.categories.flatMap((category, c) => category.values.map((quota, v) => ({ category, quota, c, v })));
  // Columns: c_t (T), then per quota: decrease of its minimum, increase of its maximum.
  const lower: number[] = model.types.map(() => 0);
  const upper: number[] = model.types.map((type) => type.members.length);
  const objective: number[] = model.types.map(() => 0);
  const integer: boolean[] = model.types.map(() => true);
  quotas.forEach(({ quota }) => {
    const lowestMin = Math.min(quota.min, quota.minFlex ?? 0);
    const highestMax = Math.max(quota.max, quota.maxFlex ?? instance.size);
    lower.push(0, 0);
    upper.push(quota.min - lowestMin, highestMax - quota.max);
    objective.push(1, 1);
    integer.push(true, true);
  });
  const all = model.types.map((_, t) => t);
  const rows: LinearRow[] = [{ indices: all, values: all.map(() => 1), lower: instance.size, upper: instance.size }];
  quotas.forEach(({ quota, c, v }, q) => {
    const members = model.typesWithValue[c][v];
    const down = T + 2 * q;
    const up = down + 1;
    rows.push({ indices: [...members, down], values: [...members.map(() => 1), 1], lower: quota.min, upper: Infinity });
    rows.push({ indices: [...members, up], values: [...members.map(() => 1), -1], lower: -Infinity, upper: quota.max });
  });
  for (const household of model.households) rows.push({ indices: household, values: household.map(() => 1), lower: -Infinity, upper: 1 });
  const relaxed: LinearModel = { sense: 'minimize', objective, lower, upper, integer, rows };
  const solution = solver.solve(relaxed);
  if (solution.status !== 'optimal') {
    return {
      relaxationImpossible:
        'no change of the quotas within their allowed flexibility makes a panel possible: the pool itself is too small or too one-sided (see the issues above)',
    };
  }
  const relaxation: QuotaChange[] = [];
  quotas.forEach(({ category, quota }, q) => {
    const down = Math.round(solution.values[T + 2 * q]);
    const up = Math.round(solution.values[T + 2 * q + 1]);
    const label = `${category.name} ${quota.value}`;
    if (down > 0) {
      relaxation.push({ category: category.name, value: quota.value, bound: 'minimum', from: quota.min, to: quota.min - down, sentence: `${label}: minimum ${quota.min} -> ${quota.min - down}` });
    }
    if (up > 0) {
      relaxation.push({ category: category.name, value: quota.value, bound: 'maximum', from: quota.max, to: quota.max + up, sentence: `${label}: maximum ${quota.max} -> ${quota.max + up}` });
    }
  });
  return { relaxation };
}
