import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildLottery, computeDistribution, type Solvers } from './distribution.js';
import { canonicalLottery, drawFromLottery, lotteryDigest } from './lottery.js';
import { HmacCounterRandom } from './prng.js';
import { loadSolver } from './solvers/load.js';
import { gini } from './stats.js';
import { loadFixture } from './testing/fixtures.js';

let solvers: Solvers;
beforeAll(async () => {
  solvers = { mip: await loadSolver('glpk'), lp: await loadSolver('highs') };
});

describe('the public draw', () => {
  it('follows the documented HMAC-SHA256 counter procedure (golden vector from an independent implementation)', () => {
    // Python: hmac.new(seed, f"pnyx-draw-v1:{ctx}:{i}", sha256), 32-bit big-endian words, rejection sampling.
    const random = new HmacCounterRandom('dice 3 5 1 6 2', 'ab'.repeat(32));
    expect([1, 2, 3, 4, 5].map(() => random.below(1000))).toEqual([364, 611, 417, 283, 685]);
  });

  it('rejects out-of-range bounds', () => {
    expect(() => new HmacCounterRandom('s', 'c').below(0)).toThrow(RangeError);
  });

  it('rounds LEXIMIN to a uniform lottery of valid panels within k/m of the distribution', () => {
    for (const name of ['example_small_20', 'sf_fixture_150'] as const) {
      const instance = loadFixture(name);
      const computed = computeDistribution(instance, solvers, { algorithm: 'leximin' });
      const { lottery, report } = buildLottery(instance, computed, 1000);
      expect(lottery.panels).toHaveLength(1000);
      const byId = new Map(instance.people.map((p) => [p.id, p]));
      for (const panel of lottery.panels) {
        expect(new Set(panel).size).toBe(instance.size);
        instance.categories.forEach((category, c) =>
          category.values.forEach((quota, v) => {
            const count = panel.filter((id) => byId.get(id)!.features[c] === v).length;
            expect(count).toBeGreaterThanOrEqual(quota.min);
            expect(count).toBeLessThanOrEqual(quota.max);
          }),
        );
      }
      expect(report.bound).toBeCloseTo(instance.size / 1000, 12);
      expect(report.maxDeviation).toBeLessThanOrEqual(report.bound);
    }
  });

  it('is deterministic, and the seed picks the panel through the digest', () => {
    const instance = loadFixture('example_small_20');
    const computed = computeDistribution(instance, solvers, { algorithm: 'leximin' });
    const first = buildLottery(instance, computed, 200).lottery;
    const again = buildLottery(instance, computeDistribution(instance, solvers, { algorithm: 'leximin' }), 200).lottery;
    expect(lotteryDigest(again)).toBe(lotteryDigest(first));
    expect(canonicalLottery(first)).toMatch(/^\{"format":"pnyx-lottery-v1","panels":\[\["\d+",/);
    const draw = drawFromLottery(first, '4 2 6 6 1 3');
    expect(draw.panel).toEqual(first.panels[draw.index]);
    expect(drawFromLottery(first, '4 2 6 6 1 3')).toEqual(draw);
    // Over many seeds every index is reachable and no panel dominates.
    const hits = new Set(Array.from({ length: 2000 }, (_, i) => drawFromLottery(first, `seed ${i}`).index));
    expect(hits.size).toBeGreaterThan(180);
  });

  it('changes the digest when one member of one panel changes', () => {
    const instance = loadFixture('example_small_20');
    const { lottery } = buildLottery(instance, computeDistribution(instance, solvers, { algorithm: 'leximin' }), 50);
    const tampered = { ...lottery, panels: lottery.panels.map((panel, i) => (i === 7 ? [...panel.slice(1), '999'] : panel)) };
    expect(lotteryDigest(tampered)).not.toBe(lotteryDigest(lottery));
  });

  it('uses LEGACY runs as the lottery', () => {
    const instance = loadFixture('example_small_20');
    const computed = computeDistribution(instance, solvers, { algorithm: 'legacy', legacyRuns: 100 });
    const { lottery } = buildLottery(instance, computed, 100);
    expect(lottery.panels).toHaveLength(100);
    expect(() => buildLottery(instance, computed, 101)).toThrow(/LEGACY made 100 runs/);
  });
});

describe('gini', () => {
  it('is 0 for equal chances and grows with inequality', () => {
    expect(gini([0.1, 0.1, 0.1])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 1])).toBeCloseTo(2 / 3, 12);
    expect(gini([0.1, 0.3])).toBeCloseTo(0.25, 12);
  });
});
