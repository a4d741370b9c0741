import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareMajorityValue, compareMajorityValueBigint, majorityValueSequence } from './majority-value.js';
import { rankOptions, type TieBreak } from './rank.js';
import { talliesFromJson } from './json.js';
import { lowerMedianGrade, TallyError, type PaddingPolicy, type Tally } from './tally.js';

interface Vector {
  name: string;
  grades: string[];
  tallies: Record<string, Array<number | string>>;
  tieBreak?: TieBreak;
  padding?: PaddingPolicy;
  expected?: Array<{ option: string; rank: number; majorityGrade: number; score?: number }>;
  error?: string;
}

const vectors = (JSON.parse(readFileSync(join(process.cwd(), 'libs', 'majority-judgment', 'test-vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;

function talliesOf(vector: Vector): Map<string, Tally> {
  return new Map(Object.entries(vector.tallies).map(([option, counts]) => [option, counts.map((count) => BigInt(count))]));
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TallyError) return error.code;
    throw error;
  }
  return undefined;
}

function lexicographic(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const tallyArbitrary = (grades: number, voters: number) =>
  fc.array(fc.nat(grades - 1), { minLength: voters, maxLength: voters }).map((gradesGiven) => {
    const tally = Array<bigint>(grades).fill(0n);
    for (const grade of gradesGiven) tally[grade] += 1n;
    return tally;
  });

describe('majority judgment golden vectors (test-vectors.json)', () => {
  for (const vector of vectors) {
    it(vector.name, () => {
      const run = () => rankOptions(vector.grades.length, talliesOf(vector), { tieBreak: vector.tieBreak, padding: vector.padding });
      if (vector.error !== undefined) {
        expect(codeOf(run)).toBe(vector.error);
        return;
      }
      const result = run();
      expect(result.ranking.map(({ option, rank, majorityGrade }) => ({ option, rank, majorityGrade }))).toEqual(
        vector.expected!.map(({ option, rank, majorityGrade }) => ({ option, rank, majorityGrade })),
      );
      vector.expected!.forEach((expected, i) => {
        if (expected.score !== undefined) expect(result.ranking[i].score).toBeCloseTo(expected.score, 12);
      });
    });
  }
});

describe('majority value', () => {
  it('writes out the removal order a_m, a_m−1, a_m+1, … (odd N) and a_m, a_m+1, a_m−1, … (even N)', () => {
    // grades 0,1,2,3,4 (N = 5): 2, 1, 3, 0, 4
    expect(majorityValueSequence([1n, 1n, 1n, 1n, 1n])).toEqual([2, 1, 3, 0, 4]);
    // grades 0,1,2,3 (N = 4): 1, 2, 0, 3
    expect(majorityValueSequence([1n, 1n, 1n, 1n])).toEqual([1, 2, 0, 3]);
  });

  it('compares exactly like the written-out sequences, on random profiles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((grades) => fc.integer({ min: 1, max: 40 }).chain((voters) => fc.tuple(tallyArbitrary(grades, voters), tallyArbitrary(grades, voters)))),
        ([a, b]) => {
          const expected = Math.sign(lexicographic(majorityValueSequence(a), majorityValueSequence(b)));
          expect(Math.sign(compareMajorityValue(a, b))).toBe(expected);
          expect(Math.sign(compareMajorityValueBigint(a, b))).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('starts with the majority grade, the lower median', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).chain((voters) => tallyArbitrary(6, voters)), (tally) => {
        expect(majorityValueSequence(tally)[0]).toBe(lowerMedianGrade(tally));
      }),
    );
  });
});

describe('rankOptions', () => {
  it('does not depend on the order of the options', () => {
    fc.assert(
      fc.property(fc.array(tallyArbitrary(4, 9), { minLength: 1, maxLength: 12 }), fc.integer(), (tallies, shift) => {
        const named = tallies.map((tally, i) => [`o${i}`, tally] as const);
        const rotated = named.map((_, i) => named[(i + Math.abs(shift)) % named.length]);
        expect(rankOptions(4, new Map(rotated))).toEqual(rankOptions(4, new Map(named)));
      }),
    );
  });

  it('ranks thousands of options consistently with the written-out majority values', () => {
    const options = new Map<string, Tally>();
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 5000; i += 1) {
      const tally = Array<bigint>(6).fill(0n);
      for (let v = 0; v < 31; v += 1) tally[next() % 6] += 1n;
      options.set(`option-${i}`, tally);
    }
    const { ranking } = rankOptions(6, options);
    expect(ranking).toHaveLength(5000);
    for (let i = 1; i < ranking.length; i += 1) {
      const order = lexicographic(majorityValueSequence(ranking[i - 1].meritProfile), majorityValueSequence(ranking[i].meritProfile));
      expect(order).toBeGreaterThanOrEqual(0);
      expect(ranking[i].rank === ranking[i - 1].rank).toBe(order === 0);
    }
  });

  it('reports the gauge and the padding it applied', () => {
    const result = rankOptions(3, new Map<string, Tally>([['A', [1n, 2n, 1n]], ['B', [0n, 1n, 0n]]]), { padding: 'worst' });
    expect(result.padding).toBe('worst');
    expect(result.voters).toBe(4n);
    const b = result.ranking.find((r) => r.option === 'B')!;
    expect(b).toMatchObject({ padded: 3n, meritProfile: [3n, 1n, 0n], majorityGrade: 0 });
    const a = result.ranking.find((r) => r.option === 'A')!;
    expect(a.gauge).toEqual({ majorityGrade: 1, above: 1n, below: 1n, voters: 4n, sign: '-' });
  });

  it('refuses malformed tallies', () => {
    expect(codeOf(() => rankOptions(3, new Map<string, Tally>([['A', [1n, 2n]]])))).toBe('WRONG_GRADE_COUNT');
    expect(codeOf(() => rankOptions(2, new Map<string, Tally>([['A', [1n, -2n]]])))).toBe('NEGATIVE_COUNT');
    expect(codeOf(() => rankOptions(2, new Map<string, Tally>()))).toBe('NO_OPTIONS');
    expect(codeOf(() => rankOptions(2, new Map<string, Tally>([['A', [0n, 0n]]])))).toBe('NO_VOTES');
  });

  describe('normalise: published shares whose totals differ by rounding', () => {
    // Shares per ten thousand, worst grade first; A's add up to 9,990, B's and C's to 10,000.
    const survey = new Map<string, Tally>([
      ['A', [2100n, 1900n, 2400n, 2090n, 1500n]],
      ['B', [1800n, 2000n, 2500n, 2200n, 1500n]],
      ['C', [3000n, 2500n, 2000n, 1500n, 1000n]],
    ]);

    it('is refused without a policy, saying when each applies', () => {
      expect(() => rankOptions(5, survey)).toThrow(/choose a policy — worst or median for ballots where some options were skipped, normalise for published shares/);
    });

    it('puts every option on a common total with exact factors, leaving each share as it was', () => {
      const result = rankOptions(5, survey, { padding: 'normalise' });
      expect(result.padding).toBe('normalise');
      expect(result.voters).toBe(9_990_000n); // lcm(9,990, 10,000)
      const byOption = new Map(result.ranking.map((entry) => [entry.option, entry]));
      expect(byOption.get('A')).toMatchObject({ scale: 1000n, meritProfile: [2_100_000n, 1_900_000n, 2_400_000n, 2_090_000n, 1_500_000n] });
      expect(byOption.get('B')).toMatchObject({ scale: 999n });
      expect(result.ranking.every((entry) => entry.padded === undefined)).toBe(true);
      expect(result.ranking.map((entry) => entry.option)).toEqual(['B', 'A', 'C']);
    });

    it('depends on the shares only: scaling an option changes nothing, equal shares tie', () => {
      const scaled = new Map<string, Tally>([...survey].map(([option, tally], i) => [option, tally.map((count) => count * BigInt(3 + i * 4))]));
      const order = (tallies: ReadonlyMap<string, Tally>) => rankOptions(5, tallies, { padding: 'normalise', tieBreak: 'usual' }).ranking.map((entry) => [entry.option, entry.rank]);
      expect(order(scaled)).toEqual(order(survey));
      const twins = rankOptions(2, new Map<string, Tally>([['X', [1n, 3n]], ['Y', [25n, 75n]]]), { padding: 'normalise' });
      expect(twins.ranking.map((entry) => entry.rank)).toEqual([1, 1]);
    });

    it('reads published percentages with decimals exactly', () => {
      const { tallies } = talliesFromJson({ grades: ['a', 'b', 'c'], tallies: { A: [12.6, 30, 57.3], B: ['10.05', '40', '49.95'] } }, { shares: true });
      expect(tallies.get('A')).toEqual([1260n, 3000n, 5730n]);
      expect(tallies.get('B')).toEqual([1005n, 4000n, 4995n]);
      expect(() => talliesFromJson({ grades: ['a', 'b'], tallies: { A: [1.5, 2] } })).toThrow(/a count must be a whole number/);
      expect(() => talliesFromJson({ grades: ['a', 'b'], tallies: { A: ['-1', 2] } }, { shares: true })).toThrow(/a share must be a number ≥ 0/);
    });

    it('refuses an option with no share, and ballots counted with voters', () => {
      expect(codeOf(() => rankOptions(2, new Map<string, Tally>([['A', [1n, 1n]], ['B', [0n, 0n]]]), { padding: 'normalise' }))).toBe('NO_VOTES');
      expect(codeOf(() => rankOptions(2, new Map<string, Tally>([['A', [1n, 1n]]]), { padding: 'normalise', voters: 2n }))).toBe('UNBALANCED');
    });
  });
});
