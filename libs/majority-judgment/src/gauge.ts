import { lowerMedianGrade, total, type Tally } from './tally.js';

/**
 * The majority gauge (Balinski & Laraki, "Judge: Don't Vote!", Operations Research 62(3), 2014):
 * α the majority grade, p the voters grading strictly above it, q strictly below. The sign is `+`
 * when p > q (the option leans to a better grade), else `−`. Counts stay exact (`bigint`).
 */
export interface Gauge {
  majorityGrade: number;
  /** Voters grading above the majority grade. */
  above: bigint;
  /** Voters grading below it. */
  below: bigint;
  voters: bigint;
  sign: '+' | '-';
}

export function gauge(tally: Tally): Gauge {
  const majorityGrade = lowerMedianGrade(tally);
  let above = 0n;
  let below = 0n;
  tally.forEach((count, grade) => {
    if (grade > majorityGrade) above += count;
    if (grade < majorityGrade) below += count;
  });
  return { majorityGrade, above, below, voters: total(tally), sign: above > below ? '+' : '-' };
}
