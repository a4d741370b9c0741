/** A count as the API publishes it: a number while exact, a decimal string past 2^53. */
export type Count = number | string;

export function countValue(count: Count): number {
  return typeof count === 'number' ? count : Number(count);
}

export interface MeritSegment {
  grade: number;
  label: string;
  count: number;
  /** Share of the votes, 0 to 1. */
  share: number;
  /** Where the segment starts along the bar, 0 to 1. */
  start: number;
}

export interface MeritProfileView {
  total: number;
  /** Worst grade first, so the bar reads from the opponents to the proponents. */
  segments: MeritSegment[];
}

/**
 * A merit profile (votes per grade, worst first) as drawn: segments stacked worst to best, each
 * with its share and where it starts along the bar. The 50 % line falls in the majority grade,
 * which the API names (libs/majority-judgment).
 */
export function meritProfileView(profile: readonly Count[], grades: readonly string[]): MeritProfileView {
  const counts = profile.map(countValue);
  const total = counts.reduce((sum, count) => sum + count, 0);
  let start = 0;
  const segments = counts.map((count, grade) => {
    const share = total === 0 ? 0 : count / total;
    const segment = { grade, label: grades[grade] ?? String(grade), count, share, start };
    start += share;
    return segment;
  });
  return { total, segments };
}
