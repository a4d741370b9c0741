/**
 * A merit profile: for one option, how many voters gave each grade, worst grade first. Counts are
 * `bigint` so that no tally, however large, loses a vote to floating point.
 */
export type Tally = readonly bigint[];

export const PADDING_POLICIES = ['worst', 'median', 'normalise'] as const;
/** How to complete an option graded by fewer voters than the others (see `balance`); `normalise` compares grade shares instead. */
export type PaddingPolicy = (typeof PADDING_POLICIES)[number];

export class TallyError extends Error {
  constructor(
    readonly code: 'NO_GRADES' | 'NO_OPTIONS' | 'WRONG_GRADE_COUNT' | 'NEGATIVE_COUNT' | 'NO_VOTES' | 'UNBALANCED' | 'NOT_WHOLE',
    message: string,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}

export function total(tally: Tally): bigint {
  return tally.reduce((sum, count) => sum + count, 0n);
}

/** Checks shapes and counts: every option has one count per grade, none negative. */
export function validateTallies(gradeCount: number, tallies: ReadonlyMap<string, Tally>): void {
  if (gradeCount < 1) throw new TallyError('NO_GRADES', 'the grade scale is empty');
  if (tallies.size === 0) throw new TallyError('NO_OPTIONS', 'there are no options to rank');
  for (const [option, tally] of tallies) {
    if (tally.length !== gradeCount) throw new TallyError('WRONG_GRADE_COUNT', `option "${option}" has ${tally.length} counts for ${gradeCount} grades`);
    if (tally.some((count) => count < 0n)) throw new TallyError('NEGATIVE_COUNT', `option "${option}" has a negative count`);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Puts every option on the same total without changing any option's grade shares: each count is
 * multiplied by L / total, L the least common multiple of the totals — exact, in integers. For
 * published survey tallies (shares of respondents, whose totals differ by rounding: 99.9 % here,
 * 100 % there), which is how such rankings are computed (Fabre 2021 ranks the 2017 presidential
 * survey's candidates on their grade shares). Returns each option's factor.
 */
export function normalise(tallies: ReadonlyMap<string, Tally>): { tallies: Map<string, Tally>; scale: Map<string, bigint> } {
  let common = 1n;
  for (const [option, tally] of tallies) {
    const n = total(tally);
    if (n === 0n) throw new TallyError('NO_VOTES', `option "${option}" has no grade: its shares are undefined`);
    common = (common / gcd(common, n)) * n;
  }
  const scaled = new Map<string, Tally>();
  const scale = new Map<string, bigint>();
  for (const [option, tally] of tallies) {
    const factor = common / total(tally);
    scaled.set(option, tally.map((count) => count * factor));
    scale.set(option, factor);
  }
  return { tallies: scaled, scale };
}

/**
 * Makes every option graded by the same number of voters, N = the largest total. Majority judgment
 * compares merit profiles of equal size (Balinski & Laraki, "Majority Judgment", MIT Press 2011,
 * ch. 13: an abstention must be given a meaning). Without a policy an unbalanced set is an error;
 * `worst` counts the missing grades as the worst grade (the usual reading of "no opinion" as
 * rejection), `median` as the option's own lower median (neutral: it leaves the majority grade
 * unchanged). `normalise` does not pad: it compares the options' grade shares (`normalise` above).
 */
export function balance(
  tallies: ReadonlyMap<string, Tally>,
  policy: PaddingPolicy | undefined,
  /** The number of voters, when known (ballots cast); default: the largest total. */
  knownVoters?: bigint,
): { tallies: Map<string, Tally>; padded: Map<string, bigint>; scale?: Map<string, bigint> } {
  if (policy === 'normalise') {
    if (knownVoters !== undefined) throw new TallyError('UNBALANCED', 'normalise compares shares of published tallies; a poll with ballots pads instead');
    return { ...normalise(tallies), padded: new Map() };
  }
  let voters = knownVoters ?? 0n;
  for (const tally of tallies.values()) {
    if (total(tally) > voters) {
      if (knownVoters !== undefined) throw new TallyError('UNBALANCED', `an option has ${total(tally)} grades for ${knownVoters} voters`);
      voters = total(tally);
    }
  }
  if (voters === 0n) throw new TallyError('NO_VOTES', 'no option has any grade');
  const balanced = new Map<string, Tally>();
  const padded = new Map<string, bigint>();
  for (const [option, tally] of tallies) {
    const missing = voters - total(tally);
    if (missing === 0n) {
      balanced.set(option, tally);
      continue;
    }
    if (policy === undefined) {
      throw new TallyError(
        'UNBALANCED',
        `option "${option}" has ${total(tally)} grades, others ${voters}: choose a policy — worst or median for ballots where some options were skipped, normalise for published shares whose totals differ by rounding`,
      );
    }
    const grade = policy === 'worst' || total(tally) === 0n ? 0 : lowerMedianGrade(tally);
    balanced.set(
      option,
      tally.map((count, g) => (g === grade ? count + missing : count)),
    );
    padded.set(option, missing);
  }
  return { tallies: balanced, padded };
}

/**
 * The majority grade: the lower median of the grades (for N grades sorted worst to best, the one at
 * 0-based position ⌊(N − 1)/2⌋), the highest grade a majority approves of (Balinski & Laraki 2011,
 * ch. 5). Equivalently, the smallest grade g whose cumulative count from the worst reaches ⌈N/2⌉.
 */
export function lowerMedianGrade(tally: Tally): number {
  const n = total(tally);
  if (n === 0n) throw new TallyError('NO_VOTES', 'an empty tally has no median');
  const target = (n + 1n) / 2n; // ⌈N/2⌉
  let cumulative = 0n;
  for (let grade = 0; grade < tally.length; grade += 1) {
    cumulative += tally[grade];
    if (cumulative >= target) return grade;
  }
  throw new Error('unreachable: the cumulative count reaches the total');
}
