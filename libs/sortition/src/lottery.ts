import { createHash } from 'node:crypto';
import type { TypeModel } from './committee-model.js';
import type { TypeDistribution } from './leximin.js';
import { HmacCounterRandom } from './prng.js';

export const DEFAULT_LOTTERY_SIZE = 1000;
export const LOTTERY_FORMAT = 'pnyx-lottery-v1';

/** m equally likely panels (person ids), published (as its digest) before the seed is known. */
export interface Lottery {
  format: typeof LOTTERY_FORMAT;
  size: number; // panel size k
  panels: string[][]; // m panels, members sorted by id
}

export interface LotteryReport {
  /** Largest |lottery probability − distribution probability| over people. */
  maxDeviation: number;
  /** k/m: the bound the rounding promises. */
  bound: number;
}

/**
 * Rounds a distribution to a uniform lottery of m panels (Flanigan, Kehne & Procaccia, "Fair
 * sortition made transparent", NeurIPS 2021). Each committee gets ⌊m·w⌋ or ⌈m·w⌉ of the m slots —
 * the ceilings given greedily, each time to the committee that most reduces the squared error of
 * the people's expected selections — then the slots of each committee are filled with people by
 * round-robin within each type, so people of one type are drawn equally often (±1 slot).
 * The result is checked against the k/m bound; `report` says how close it came.
 * Deterministic: the same distribution always gives the same lottery.
 */
export function roundToLottery(model: TypeModel, distribution: TypeDistribution, m = DEFAULT_LOTTERY_SIZE): { lottery: Lottery; report: LotteryReport } {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`the lottery size must be a whole number ≥ 1 (got ${m})`);
  const { committees, weights } = distribution;
  const T = model.types.length;
  const counts = weights.map((w) => Math.floor(m * w + 1e-9));
  let remaining = m - counts.reduce((sum, n) => sum + n, 0);
  // Expected and actual selections of each type, in people-slots.
  const expected = new Float64Array(T);
  const actual = new Float64Array(T);
  committees.forEach((committee, j) => {
    committee.forEach((count, t) => {
      expected[t] += m * weights[j] * count;
      actual[t] += counts[j] * count;
    });
  });
  const candidates = new Set(committees.map((_, j) => j).filter((j) => m * weights[j] - counts[j] > 1e-9));
  while (remaining > 0) {
    let best = -1;
    let bestGain = -Infinity;
    for (const j of candidates) {
      // Change of Σ_t (actual_t − expected_t)² / |t| if committee j gets one more slot.
      let gain = 0;
      committees[j].forEach((count, t) => {
        if (count === 0) return;
        const before = actual[t] - expected[t];
        const after = before + count;
        gain += (before * before - after * after) / model.types[t].members.length;
      });
      if (gain > bestGain) {
        bestGain = gain;
        best = j;
      }
    }
    if (best < 0) best = weights.indexOf(Math.max(...weights)); // only possible through round-off
    counts[best] += 1;
    committees[best].forEach((count, t) => {
      actual[t] += count;
    });
    candidates.delete(best);
    remaining -= 1;
  }

  // Fill the slots with people: within each type, a cursor walks round the members.
  const cursors = new Int32Array(T);
  const people = model.instance.people;
  const panels: string[][] = [];
  const selections = new Int32Array(people.length);
  committees.forEach((committee, j) => {
    for (let copy = 0; copy < counts[j]; copy += 1) {
      const members: number[] = [];
      committee.forEach((count, t) => {
        const typeMembers = model.types[t].members;
        for (let r = 0; r < count; r += 1) {
          const person = typeMembers[(cursors[t] + r) % typeMembers.length];
          members.push(person);
          selections[person] += 1;
        }
        cursors[t] = (cursors[t] + count) % typeMembers.length;
      });
      panels.push(members.map((index) => people[index].id).sort(compareIds));
    }
  });
  let maxDeviation = 0;
  people.forEach((_, index) => {
    const target = distribution.typeProbabilities[model.typeOf[index]];
    maxDeviation = Math.max(maxDeviation, Math.abs(selections[index] / m - target));
  });
  return {
    lottery: { format: LOTTERY_FORMAT, size: model.instance.size, panels },
    report: { maxDeviation, bound: model.instance.size / m },
  };
}

/** Ids compare as numbers when both are numeric (row numbers), else by code units. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The lottery's canonical text: {"format":…,"panels":[[…],…],"size":k} with no spaces, keys in
 * this order (alphabetical), ids as JSON strings. Its SHA-256 (hex) is the published digest.
 */
export function canonicalLottery(lottery: Lottery): string {
  return `{"format":${JSON.stringify(lottery.format)},"panels":[${lottery.panels
    .map((panel) => `[${panel.map((id) => JSON.stringify(id)).join(',')}]`)
    .join(',')}],"size":${lottery.size}}`;
}

export function lotteryDigest(lottery: Lottery): string {
  return createHash('sha256').update(canonicalLottery(lottery), 'utf8').digest('hex');
}

export interface DrawResult {
  index: number;
  panel: string[];
  digest: string;
  seed: string;
}

/** Picks the winning panel from the public seed (see prng.ts for the exact procedure). */
export function drawFromLottery(lottery: Lottery, seed: string): DrawResult {
  if (seed.length === 0) throw new RangeError('the seed is empty');
  const digest = lotteryDigest(lottery);
  const index = new HmacCounterRandom(seed, digest).below(lottery.panels.length);
  return { index, panel: lottery.panels[index], digest, seed };
}
