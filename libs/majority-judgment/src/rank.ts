import { compareFractions, fabreScore, fractionToNumber } from './fabre.js';
import { gauge, type Gauge } from './gauge.js';
import { compareMajorityValue } from './majority-value.js';
import { balance, validateTallies, type PaddingPolicy, type Tally } from './tally.js';

export const TIE_BREAKS = ['majority-value', 'usual', 'typical', 'central'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export interface RankOptions {
  /** How options with equal majority grades are ordered (default: majority value). */
  tieBreak?: TieBreak;
  /** What to do with options graded by fewer voters (default: refuse). */
  padding?: PaddingPolicy;
  /** Voters (ballots cast), when known: every option is padded up to it. */
  voters?: bigint;
}

export interface RankedOption {
  option: string;
  /** 1 = best; options with equal profiles share a rank (then the next rank skips, as 1, 1, 3). */
  rank: number;
  majorityGrade: number;
  /** Counts per grade, worst first, after padding. */
  meritProfile: bigint[];
  gauge: Gauge;
  /** Fabre's score, when the tie-break is one of his rules (exact value, as a number for display). */
  score?: number;
  /** Grades added by the padding policy. */
  padded?: bigint;
  /** With `normalise`: the factor this option's counts were multiplied by to reach the common total. */
  scale?: bigint;
}

export interface Ranking {
  tieBreak: TieBreak;
  padding: PaddingPolicy | null;
  voters: bigint;
  ranking: RankedOption[];
}

/**
 * Ranks options by majority judgment (Balinski & Laraki 2011): by majority grade, then by the chosen
 * tie-break — the majority value, or one of Fabre's (2021) usual, typical or central judgments, whose
 * own ties fall back to the majority value. Options whose profiles are equal share a rank. The
 * result does not depend on the order of the options; equal options are listed by name.
 */
export function rankOptions(gradeCount: number, tallies: ReadonlyMap<string, Tally>, options: RankOptions = {}): Ranking {
  validateTallies(gradeCount, tallies);
  const tieBreak = options.tieBreak ?? 'majority-value';
  const { tallies: balanced, padded, scale } = balance(tallies, options.padding, options.voters);
  const entries = [...balanced].map(([option, tally]) => ({
    option,
    tally,
    gauge: gauge(tally),
    score: tieBreak === 'majority-value' ? undefined : fabreScore(tally, tieBreak),
  }));
  type Entry = (typeof entries)[number];
  const better = (a: Entry, b: Entry): number => {
    if (a.gauge.majorityGrade !== b.gauge.majorityGrade) return a.gauge.majorityGrade - b.gauge.majorityGrade;
    if (a.score !== undefined && b.score !== undefined) {
      const byScore = compareFractions(a.score, b.score);
      if (byScore !== 0) return byScore;
    }
    return compareMajorityValue(a.tally, b.tally);
  };
  entries.sort((a, b) => better(b, a) || (a.option < b.option ? -1 : a.option > b.option ? 1 : 0));
  const ranking: RankedOption[] = [];
  entries.forEach((entry, index) => {
    const previous = index > 0 ? entries[index - 1] : undefined;
    const rank = previous !== undefined && better(previous, entry) === 0 ? ranking[index - 1].rank : index + 1;
    ranking.push({
      option: entry.option,
      rank,
      majorityGrade: entry.gauge.majorityGrade,
      meritProfile: [...entry.tally],
      gauge: entry.gauge,
      ...(entry.score === undefined ? {} : { score: fractionToNumber(entry.score) }),
      ...(padded.has(entry.option) ? { padded: padded.get(entry.option)! } : {}),
      ...(scale?.has(entry.option) === true ? { scale: scale.get(entry.option)! } : {}),
    });
  });
  return { tieBreak, padding: options.padding ?? null, voters: entries[0].gauge.voters, ranking };
}
