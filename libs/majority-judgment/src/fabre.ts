import { gauge } from './gauge.js';
import type { Tally } from './tally.js';

/** An exact rational number, numerator / denominator with denominator > 0. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

export const FABRE_RULES = ['usual', 'typical', 'central'] as const;
export type FabreRule = (typeof FABRE_RULES)[number];

/**
 * Fabre's tie-breaking scores for the highest median (A. Fabre, "Tie-breaking the highest median:
 * alternatives to the majority judgment", Social Choice and Welfare 56, 2021): with α the majority
 * grade, p and q the shares of voters grading above and below it,
 * - usual judgment (normalised difference): α + (p − q) / (2(1 − p − q)),
 * - typical judgment (difference): α + p − q,
 * - central judgment (relative share): α + (p − q) / (2(p + q)), and α when p + q = 0.
 * Returned as exact fractions (counts, not shares: the N cancels).
 */
export function fabreScore(tally: Tally, rule: FabreRule): Fraction {
  const { majorityGrade, above, below, voters } = gauge(tally);
  const alpha = BigInt(majorityGrade);
  let numerator: bigint;
  let denominator: bigint;
  switch (rule) {
    case 'usual':
      numerator = above - below;
      denominator = 2n * (voters - above - below); // > 0: at least one voter gives the majority grade
      break;
    case 'typical':
      numerator = above - below;
      denominator = voters;
      break;
    case 'central':
      if (above + below === 0n) return { numerator: alpha, denominator: 1n };
      numerator = above - below;
      denominator = 2n * (above + below);
      break;
  }
  return { numerator: alpha * denominator + numerator, denominator };
}

export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left > right ? 1 : left < right ? -1 : 0;
}

/** A fraction as a JavaScript number, for display only (comparisons use `compareFractions`). */
export function fractionToNumber(fraction: Fraction): number {
  // Scale down very large values before converting, keeping about 15 significant digits.
  const scale = 10n ** 15n;
  const whole = fraction.numerator / fraction.denominator;
  const rest = ((fraction.numerator % fraction.denominator) * scale) / fraction.denominator;
  return Number(whole) + Number(rest) / 1e15;
}
