import { toCsv } from './csv.js';
import { buildLottery, computeDistribution, householdLabeller, instanceDigest, isAlgorithmVersion, ALGORITHM_VERSION, ALGORITHM_VERSIONS, type Algorithm, type AlgorithmVersion, type Solvers } from './distribution.js';
import { readInstance } from './input.js';
import type { SortitionInstance } from './instance.js';
import { drawFromLottery, lotteryDigest, type Lottery } from './lottery.js';
import type { RunControl } from './progress.js';

export const BUNDLE_FORMAT = 'pnyx-draw-bundle-v1';

/**
 * Everything needed to re-run and check a draw, and nothing personal: the quotas, the pool reduced
 * to pseudonymous ids, the features the quotas use and an opaque household label, the algorithm,
 * the lottery (published by digest before the seed), the seed and the drawn panel.
 */
export interface DrawBundle {
  format: typeof BUNDLE_FORMAT;
  software: { name: 'pnyx'; algorithmVersion: string; solvers: string };
  algorithm: Algorithm;
  size: number;
  householdRule: boolean;
  legacyRuns?: number;
  quotasCsv: string;
  poolCsv: string;
  instanceDigest: string;
  lottery: Lottery;
  lotteryDigest: string;
  seed?: string;
  draw?: { index: number; panel: string[] };
}

const HOUSEHOLD_COLUMN = 'household';

/** The pool as published: id, one column per category, and a household label when the rule is on. */
export function anonymisedPoolCsv(instance: SortitionInstance): string {
  const householdOf = householdLabeller(instance);
  const header = ['id', ...instance.categories.map((category) => category.name)];
  const householdRule = instance.householdColumns.length > 0;
  if (householdRule) header.push(HOUSEHOLD_COLUMN);
  const rows = instance.people.map((person) => {
    const row = [person.id, ...person.features.map((v, c) => instance.categories[c].values[v]?.value ?? person.rawFeatures[c])];
    if (householdRule) row.push(householdOf(person) ?? '');
    return row;
  });
  return toCsv([header, ...rows]);
}

/** Quotas in the Sortition Foundation layout (it carries min_flex/max_flex). */
export function quotasCsv(instance: SortitionInstance): string {
  const rows = [['feature', 'value', 'min', 'max', 'min_flex', 'max_flex']];
  for (const category of instance.categories) {
    for (const quota of category.values) {
      rows.push([category.name, quota.value, String(quota.min), String(quota.max), quota.minFlex === undefined ? '' : String(quota.minFlex), quota.maxFlex === undefined ? '' : String(quota.maxFlex)]);
    }
  }
  return toCsv(rows);
}

/** Reads back an instance published as `quotasCsv` + `anonymisedPoolCsv` (a bundle's, or a frozen pool's). */
export function publishedInstance(published: { quotasCsv: string; poolCsv: string; size: number; householdRule: boolean }, names = { quotas: 'quotas', pool: 'pool' }): SortitionInstance {
  return readInstance({
    quotas: { name: names.quotas, text: published.quotasCsv },
    pool: { name: names.pool, text: published.poolCsv },
    size: published.size,
    householdColumns: published.householdRule ? [HOUSEHOLD_COLUMN] : [],
  });
}

export function instanceFromBundle(bundle: DrawBundle): SortitionInstance {
  return publishedInstance(bundle, { quotas: 'bundle quotas', pool: 'bundle pool' });
}

export function solverDescription(solvers: Solvers): string {
  return `${solvers.mip.name} (ILP) + ${solvers.lp.name} (LP)`;
}

/** Computes the distribution and the lottery, and returns the bundle to publish before the seed. */
export function prepareBundle(
  instance: SortitionInstance,
  solvers: Solvers,
  options: { algorithm: Algorithm; lotterySize: number; legacyRuns?: number; control?: RunControl; algorithmVersion?: AlgorithmVersion },
): { bundle: DrawBundle; computed: ReturnType<typeof computeDistribution>; maxDeviation: number } {
  // Compute on the instance exactly as the verifier will read it back from the bundle.
  const published = { quotasCsv: quotasCsv(instance), poolCsv: anonymisedPoolCsv(instance) };
  const reread = publishedInstance({ ...published, size: instance.size, householdRule: instance.householdColumns.length > 0 });
  const algorithmVersion = options.algorithmVersion ?? ALGORITHM_VERSION;
  const computed = computeDistribution(reread, solvers, {
    algorithm: options.algorithm,
    legacyRuns: options.legacyRuns ?? Math.max(options.lotterySize, 10_000),
    control: options.control,
    algorithmVersion,
  });
  options.control?.onProgress?.({ phase: 'lottery', iteration: 0 });
  const { lottery, report } = buildLottery(reread, computed, options.lotterySize);
  return {
    bundle: {
      format: BUNDLE_FORMAT,
      software: { name: 'pnyx', algorithmVersion, solvers: solverDescription(solvers) },
      algorithm: options.algorithm,
      size: instance.size,
      householdRule: instance.householdColumns.length > 0,
      ...(options.algorithm === 'legacy' ? { legacyRuns: computed.result.legacy?.runs } : {}),
      ...published,
      instanceDigest: instanceDigest(reread),
      lottery,
      lotteryDigest: lotteryDigest(lottery),
    },
    computed,
    maxDeviation: report.maxDeviation,
  };
}

/** Applies the public seed to a prepared bundle. */
export function applySeed(bundle: DrawBundle, seed: string): DrawBundle {
  const draw = drawFromLottery(bundle.lottery, seed);
  if (draw.digest !== bundle.lotteryDigest) throw new Error('the lottery does not match its published digest');
  return { ...bundle, seed, draw: { index: draw.index, panel: draw.panel } };
}

export interface VerifyCheck {
  check: string;
  ok: boolean;
  detail?: string;
}

/**
 * Re-runs a published draw from its bundle: the lottery's digest, every panel against the quotas and
 * the household rule, the seed's choice, and (unless `quick`) the whole computation from the pool,
 * which must reproduce the lottery bit for bit.
 */
export function verifyBundle(bundle: DrawBundle, solvers: Solvers, options: { quick?: boolean; control?: RunControl } = {}): { ok: boolean; checks: VerifyCheck[] } {
  const checks: VerifyCheck[] = [];
  if (bundle.format !== BUNDLE_FORMAT) return { ok: false, checks: [{ check: 'format', ok: false, detail: `unknown bundle format ${String(bundle.format)}` }] };
  const instance = instanceFromBundle(bundle);
  const digest = instanceDigest(instance);
  checks.push({ check: 'pool and quotas match their digest', ok: digest === bundle.instanceDigest, detail: digest });
  const recomputedLotteryDigest = lotteryDigest(bundle.lottery);
  checks.push({ check: 'lottery matches its published digest', ok: recomputedLotteryDigest === bundle.lotteryDigest, detail: recomputedLotteryDigest });
  const byId = new Map(instance.people.map((person) => [person.id, person]));
  const invalid = bundle.lottery.panels.findIndex((panel) => {
    if (panel.length !== instance.size || new Set(panel).size !== panel.length) return true;
    const people = panel.map((id) => byId.get(id));
    if (people.some((person) => person === undefined)) return true;
    const quotasBroken = instance.categories.some((category, c) =>
      category.values.some((quota, v) => {
        const count = people.filter((person) => person!.features[c] === v).length;
        return count < quota.min || count > quota.max;
      }),
    );
    const households = people.map((person) => person!.household).filter((h) => h !== undefined && h !== '');
    return quotasBroken || (bundle.householdRule && new Set(households).size !== households.length);
  });
  checks.push({ check: 'every lottery panel meets the quotas and the household rule', ok: invalid < 0, ...(invalid >= 0 ? { detail: `panel #${invalid} does not` } : {}) });
  if (bundle.seed !== undefined && bundle.draw !== undefined) {
    const draw = drawFromLottery(bundle.lottery, bundle.seed);
    const same = draw.index === bundle.draw.index && draw.panel.join(',') === bundle.draw.panel.join(',');
    checks.push({ check: 'the seed selects the published panel', ok: same, detail: `index ${draw.index}` });
  }
  if (options.quick !== true) checks.push(rerunCheck(bundle, instance, solvers, options.control));
  return { ok: checks.every((check) => check.ok), checks };
}

/** Re-runs the computation with the algorithm version that made the bundle and compares the lotteries. */
function rerunCheck(bundle: DrawBundle, instance: SortitionInstance, solvers: Solvers, control: RunControl | undefined): VerifyCheck {
  const check = 're-running the algorithm reproduces the lottery bit for bit';
  const version = String(bundle.software?.algorithmVersion);
  if (!isAlgorithmVersion(version)) return { check, ok: false, detail: `made by algorithm version ${version}; this Pnyx re-runs ${ALGORITHM_VERSIONS.join(' and ')}` };
  const { bundle: rerun } = prepareBundle(instance, solvers, {
    algorithm: bundle.algorithm,
    algorithmVersion: version,
    lotterySize: bundle.lottery.panels.length,
    ...(bundle.legacyRuns === undefined ? {} : { legacyRuns: bundle.legacyRuns }),
    control,
  });
  return { check, ok: rerun.lotteryDigest === bundle.lotteryDigest, detail: rerun.lotteryDigest };
}
