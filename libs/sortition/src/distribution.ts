import { createHash } from 'node:crypto';
import { buildTypeModel, type TypeModel } from './committee-model.js';
import { expandToPanels, marginals } from './expand.js';
import { checkFeasibility, type FeasibilityReport } from './feasibility.js';
import type { SortitionInstance } from './instance.js';
import { householdIndex, LegacyDrawFailed, legacyDraw } from './legacy.js';
import { leximinDistribution, type TypeDistribution } from './leximin.js';
import { compareIds, DEFAULT_LOTTERY_SIZE, LOTTERY_FORMAT, roundToLottery, type Lottery, type LotteryReport } from './lottery.js';
import { HmacCounterRandom, type RandomSource } from './prng.js';
import { checkpoint, type RunControl } from './progress.js';
import type { SolverBackend } from './solvers/solver.js';
import { probabilityStats, type ProbabilityStats } from './stats.js';

export const ALGORITHMS = ['leximin', 'maximin', 'legacy'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const DEFAULT_LEGACY_RUNS = 10_000;
/**
 * What a bundle records so that a later Pnyx re-runs the same computation. pnyx-sortition-2
 * decomposes the LP relaxation's optimum into panels; pnyx-sortition-1 found them by column
 * generation (and computed MAXIMIN level by level). Both give the same LEXIMIN probabilities,
 * but different panels and weights, so a draw re-runs with the version that made it.
 */
export const ALGORITHM_VERSION = 'pnyx-sortition-2';
export const ALGORITHM_VERSIONS = ['pnyx-sortition-1', 'pnyx-sortition-2'] as const;
export type AlgorithmVersion = (typeof ALGORITHM_VERSIONS)[number];

export function isAlgorithmVersion(value: string): value is AlgorithmVersion {
  return (ALGORITHM_VERSIONS as readonly string[]).includes(value);
}

export class InfeasibleQuotasError extends Error {
  constructor(readonly report: FeasibilityReport) {
    super(`the quotas cannot be met: ${report.issues.filter((i) => i.severity === 'error').map((i) => i.message).join('; ')}`);
    this.name = 'InfeasibleQuotasError';
  }
}

export interface PanelOut {
  weight: number;
  members: string[];
}

export interface DistributionResult extends ProbabilityStats {
  algorithm: Algorithm;
  size: number;
  poolSize: number;
  /** Interchangeable types the computation worked on. */
  types: number;
  probabilities: Record<string, number>;
  panels: PanelOut[];
  /** LEGACY only: how many runs made the empirical distribution, and how many failed. */
  legacy?: { runs: number; failures: number };
}

export interface Solvers {
  /** Solves the committee ILPs (pricing). */
  mip: SolverBackend;
  /** Solves the LPs. */
  lp: SolverBackend;
}

export interface ComputeOptions {
  algorithm: Algorithm;
  control?: RunControl;
  /** LEGACY: number of runs (default 10,000). */
  legacyRuns?: number;
  /** LEGACY: randomness; defaults to a PRNG seeded by the instance digest (reproducible). */
  random?: RandomSource;
  /** LEXIMIN/MAXIMIN: the version to run (default ALGORITHM_VERSION); an older one re-runs an older draw. */
  algorithmVersion?: AlgorithmVersion;
}

/** What `computeDistribution` returns beside the public result, to build the lottery from. */
export interface ComputedDistribution {
  result: DistributionResult;
  model: TypeModel;
  /** LEXIMIN/MAXIMIN: the distribution over type committees. */
  typeDistribution?: TypeDistribution;
  /** LEGACY: the panels drawn, in order (indexes into instance.people). */
  legacyPanels?: number[][];
}

/**
 * Opaque household labels h1, h2, … in order of first appearance (null without the household
 * rule or without a household): published instead of addresses.
 */
export function householdLabeller(instance: SortitionInstance): (person: SortitionInstance['people'][number]) => string | null {
  const labels = new Map<string, string>();
  return (person) => {
    if (person.household === undefined || instance.householdColumns.length === 0) return null;
    const label = labels.get(person.household) ?? `h${labels.size + 1}`;
    labels.set(person.household, label);
    return label;
  };
}

/** Canonical text of what a draw depends on: quotas, anonymised pool, panel size, household rule. */
export function canonicalInstance(instance: SortitionInstance): string {
  const householdOf = householdLabeller(instance);
  const people = instance.people.map((person) => [
    person.id,
    person.features.map((v, c) => (v < 0 ? person.rawFeatures[c] : instance.categories[c].values[v].value)),
    householdOf(person),
  ]);
  return JSON.stringify({
    format: 'pnyx-instance-v1',
    size: instance.size,
    householdRule: instance.householdColumns.length > 0,
    categories: instance.categories.map((category) => ({
      name: category.name,
      values: category.values.map((quota) => ({ value: quota.value, min: quota.min, max: quota.max, minFlex: quota.minFlex ?? null, maxFlex: quota.maxFlex ?? null })),
    })),
    people,
  });
}

export function instanceDigest(instance: SortitionInstance): string {
  return createHash('sha256').update(canonicalInstance(instance), 'utf8').digest('hex');
}

function publicResult(
  instance: SortitionInstance,
  algorithm: Algorithm,
  model: TypeModel,
  panels: Array<{ weight: number; members: number[] }>,
  personProbabilities: number[],
): DistributionResult {
  const probabilities: Record<string, number> = {};
  instance.people.forEach((person, index) => {
    probabilities[person.id] = personProbabilities[index]!;
  });
  return {
    algorithm,
    size: instance.size,
    poolSize: instance.people.length,
    types: model.types.length,
    probabilities,
    panels: panels.map((panel) => ({ weight: panel.weight, members: panel.members.map((index) => instance.people[index].id).sort(compareIds) })),
    ...probabilityStats(personProbabilities, instance.size),
  };
}

/**
 * Checks feasibility, then computes the selection distribution with the chosen algorithm.
 * Throws InfeasibleQuotasError (with the suggested relaxation) when no panel meets the quotas.
 */
export function computeDistribution(instance: SortitionInstance, solvers: Solvers, options: ComputeOptions): ComputedDistribution {
  const { control } = options;
  control?.onProgress?.({ phase: 'feasibility', iteration: 0 });
  const feasibility = checkFeasibility(instance, solvers.mip);
  if (!feasibility.feasible) throw new InfeasibleQuotasError(feasibility);
  const model = buildTypeModel(instance);
  switch (options.algorithm) {
    case 'leximin':
    case 'maximin': {
      const maximinOnly = options.algorithm === 'maximin';
      const firstVersion = options.algorithmVersion === 'pnyx-sortition-1';
      const strategy = firstVersion ? (maximinOnly ? 'levels' : 'column-generation') : 'decomposition';
      const typeDistribution = leximinDistribution(model, solvers.mip, solvers.lp, { maximinOnly, control, strategy });
      control?.onProgress?.({ phase: 'expansion', iteration: 0 });
      const panels = expandToPanels(model, typeDistribution);
      const personProbabilities = instance.people.map((_, index) => typeDistribution.typeProbabilities[model.typeOf[index]]);
      return { result: publicResult(instance, options.algorithm, model, panels, personProbabilities), model, typeDistribution };
    }
    case 'legacy': {
      const runs = options.legacyRuns ?? DEFAULT_LEGACY_RUNS;
      const random = options.random ?? new HmacCounterRandom(`legacy:${instanceDigest(instance)}`, 'legacy-runs');
      const households = householdIndex(instance);
      const drawn: number[][] = [];
      const counts = new Map<string, { weight: number; members: number[] }>();
      let failures = 0;
      while (drawn.length < runs) {
        if (drawn.length % 100 === 0) {
          checkpoint(control);
          control?.onProgress?.({ phase: 'legacy', iteration: drawn.length });
        }
        let panel: number[];
        try {
          panel = legacyDraw(instance, random, households);
        } catch (error) {
          if (!(error instanceof LegacyDrawFailed)) throw error;
          failures += 1;
          if (failures > 10 * runs + 1000) throw new Error('LEGACY keeps failing on these quotas');
          continue;
        }
        drawn.push(panel);
        const key = panel.join(',');
        const entry = counts.get(key) ?? { weight: 0, members: panel };
        entry.weight += 1 / runs;
        counts.set(key, entry);
      }
      const panels = [...counts.values()];
      const result = publicResult(instance, 'legacy', model, panels, marginals(instance.people.length, panels));
      return { result: { ...result, legacy: { runs, failures } }, model, legacyPanels: drawn };
    }
  }
}

/**
 * The uniform lottery of m panels to draw from. LEXIMIN/MAXIMIN: rounded from the distribution
 * (lottery.ts). LEGACY: its first m runs, which are already equally likely panels.
 */
export function buildLottery(instance: SortitionInstance, computed: ComputedDistribution, m = DEFAULT_LOTTERY_SIZE): { lottery: Lottery; report: LotteryReport } {
  if (computed.typeDistribution !== undefined) return roundToLottery(computed.model, computed.typeDistribution, m);
  const drawn = computed.legacyPanels ?? [];
  if (drawn.length < m) throw new RangeError(`LEGACY made ${drawn.length} runs; the lottery needs ${m}`);
  const panels = drawn.slice(0, m).map((panel) => panel.map((index) => instance.people[index].id).sort(compareIds));
  const selections = new Map<string, number>();
  for (const panel of panels) for (const id of panel) selections.set(id, (selections.get(id) ?? 0) + 1);
  let maxDeviation = 0;
  for (const person of instance.people) {
    maxDeviation = Math.max(maxDeviation, Math.abs((selections.get(person.id) ?? 0) / m - computed.result.probabilities[person.id]));
  }
  return { lottery: { format: LOTTERY_FORMAT, size: instance.size, panels }, report: { maxDeviation, bound: instance.size / m } };
}
