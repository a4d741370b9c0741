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
    scale?: JsonCount;
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
      ...(entry.scale === undefined ? {} : { scale: countToJson(entry.scale) }),
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
      ...(entry.scale === undefined ? {} : { scale: entry.scale }),
    })),
  };
}

/**
 * Reads a share written with decimals (12.6, "12.60", 7): its digits, and how many are decimals.
 * JSON numbers are read as written (JavaScript prints the shortest form that reads back the same).
 */
function decimalFromJson(value: unknown, where: string): { digits: bigint; decimals: number } {
  const text = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? String(value) : typeof value === 'string' ? value : '';
  const match = /^(\d{1,30})(?:\.(\d{1,12}))?$/.exec(text);
  if (match === null) throw new TallyError('NEGATIVE_COUNT', `${where}: a share must be a number ≥ 0 with at most 12 decimals, got ${JSON.stringify(value)}`);
  return { digits: BigInt(`${match[1]}${match[2] ?? ''}`), decimals: match[2]?.length ?? 0 };
}

/**
 * Parses `{ "grades": [...], "tallies": { "<option>": [count per grade, worst first] } }`. With
 * `shares`, counts may have decimals (published percentages): all are read exactly and multiplied by
 * the same power of ten, which changes no share.
 */
export function talliesFromJson(document: unknown, options: { shares?: boolean } = {}): { grades: string[]; tallies: Map<string, Tally> } {
  const doc = document as { grades?: unknown; tallies?: unknown } | null;
  if (doc === null || typeof doc !== 'object') throw new TallyError('NO_OPTIONS', 'expected an object { "grades": [...], "tallies": {...} }');
  if (!Array.isArray(doc.grades) || doc.grades.length < 2 || !doc.grades.every((g) => typeof g === 'string')) {
    throw new TallyError('NO_GRADES', '"grades" must list at least two grade labels, worst first');
  }
  if (doc.tallies === null || typeof doc.tallies !== 'object' || Array.isArray(doc.tallies)) throw new TallyError('NO_OPTIONS', '"tallies" must map each option to its counts');
  const tallies = new Map<string, Tally>();
  const entries = Object.entries(doc.tallies as Record<string, unknown>);
  for (const [option, counts] of entries) {
    if (!Array.isArray(counts)) throw new TallyError('WRONG_GRADE_COUNT', `option "${option}": counts must be an array`);
  }
  if (options.shares === true) {
    const read = entries.map(([option, counts]) => [option, (counts as unknown[]).map((count, g) => decimalFromJson(count, `option "${option}", grade ${g}`))] as const);
    const decimals = Math.max(0, ...read.flatMap(([, counts]) => counts.map((count) => count.decimals)));
    for (const [option, counts] of read) tallies.set(option, counts.map((count) => count.digits * 10n ** BigInt(decimals - count.decimals)));
    return { grades: doc.grades, tallies };
  }
  for (const [option, counts] of entries) {
    tallies.set(option, (counts as unknown[]).map((count, g) => countFromJson(count, `option "${option}", grade ${g}`)));
  }
  return { grades: doc.grades, tallies };
}
