import type { Ranking } from './rank.js';
import { TallyError, type Tally } from './tally.js';

/** A count in JSON: a number while exact (≤ 2^53 − 1), else a decimal string. */
export type JsonCount = number | string;

export function countToJson(count: bigint): JsonCount {
  return count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : count.toString();
}

/** Reads a count written as a JSON number (a whole number, exact) or a decimal string. */
export function countFromJson(value: unknown, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,40}$/.test(value)) return BigInt(value);
  throw new TallyError('NEGATIVE_COUNT', `${where}: a count must be a whole number ≥ 0 (as a JSON number below 2^53, or a decimal string), got ${JSON.stringify(value)}`);
}

export interface RankingJson {
  grades: string[];
  tieBreak: string;
  padding: string | null;
  voters: JsonCount;
  ranking: Array<{
    option: string;
    rank: number;
    majorityGrade: number;
    majorityGradeLabel: string;
    meritProfile: JsonCount[];
    gauge: { alpha: number; p: number; q: number; sign: '+' | '-'; above: JsonCount; below: JsonCount };
    score?: number;
    padded?: JsonCount;
  }>;
}

/** The ranking as published (API and `pnyx mj`): identical bytes for identical input. */
export function rankingToJson(result: Ranking, grades: readonly string[]): RankingJson {
  const share = (part: bigint, whole: bigint): number => (whole === 0n ? 0 : Number((part * 10n ** 12n) / whole) / 1e12);
  return {
    grades: [...grades],
    tieBreak: result.tieBreak,
    padding: result.padding,
    voters: countToJson(result.voters),
    ranking: result.ranking.map((entry) => ({
      option: entry.option,
      rank: entry.rank,
      majorityGrade: entry.majorityGrade,
      majorityGradeLabel: grades[entry.majorityGrade],
      meritProfile: entry.meritProfile.map(countToJson),
      gauge: {
        alpha: entry.gauge.majorityGrade,
        p: share(entry.gauge.above, entry.gauge.voters),
        q: share(entry.gauge.below, entry.gauge.voters),
        sign: entry.gauge.sign,
        above: countToJson(entry.gauge.above),
        below: countToJson(entry.gauge.below),
      },
      ...(entry.score === undefined ? {} : { score: entry.score }),
      ...(entry.padded === undefined ? {} : { padded: countToJson(entry.padded) }),
    })),
  };
}

/**
 * The same ranking with its keys in the published order (a JSON store such as PostgreSQL's jsonb
 * reorders keys; the content is unchanged).
 */
export function normaliseRankingJson(ranking: RankingJson): RankingJson {
  return {
    grades: ranking.grades,
    tieBreak: ranking.tieBreak,
    padding: ranking.padding,
    voters: ranking.voters,
    ranking: ranking.ranking.map((entry) => ({
      option: entry.option,
      rank: entry.rank,
      majorityGrade: entry.majorityGrade,
      majorityGradeLabel: entry.majorityGradeLabel,
      meritProfile: entry.meritProfile,
      gauge: { alpha: entry.gauge.alpha, p: entry.gauge.p, q: entry.gauge.q, sign: entry.gauge.sign, above: entry.gauge.above, below: entry.gauge.below },
      ...(entry.score === undefined ? {} : { score: entry.score }),
      ...(entry.padded === undefined ? {} : { padded: entry.padded }),
    })),
  };
}

/** Parses `{ "grades": [...], "tallies": { "<option>": [count per grade, worst first] } }`. */
export function talliesFromJson(document: unknown): { grades: string[]; tallies: Map<string, Tally> } {
  const doc = document as { grades?: unknown; tallies?: unknown } | null;
  if (doc === null || typeof doc !== 'object') throw new TallyError('NO_OPTIONS', 'expected an object { "grades": [...], "tallies": {...} }');
  if (!Array.isArray(doc.grades) || doc.grades.length < 2 || !doc.grades.every((g) => typeof g === 'string')) {
    throw new TallyError('NO_GRADES', '"grades" must list at least two grade labels, worst first');
  }
  if (doc.tallies === null || typeof doc.tallies !== 'object' || Array.isArray(doc.tallies)) throw new TallyError('NO_OPTIONS', '"tallies" must map each option to its counts');
  const tallies = new Map<string, Tally>();
  for (const [option, counts] of Object.entries(doc.tallies as Record<string, unknown>)) {
    if (!Array.isArray(counts)) throw new TallyError('WRONG_GRADE_COUNT', `option "${option}": counts must be an array`);
    tallies.set(option, counts.map((count, g) => countFromJson(count, `option "${option}", grade ${g}`)));
  }
  return { grades: doc.grades, tallies };
}
