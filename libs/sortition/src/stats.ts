/**
 * Gini coefficient of the selection probabilities: 0 when everyone has the same chance.
 * G = Σ_i (2i − n − 1)·p_(i) / (n·Σ p), with p sorted ascending and i from 1.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((value, index) => {
    weighted += (2 * (index + 1) - n - 1) * value;
  });
  return weighted / (n * total);
}

export interface ProbabilityStats {
  minProbability: number;
  maxProbability: number;
  gini: number;
  /** k/n: everyone's chance if there were no quotas. */
  kOverN: number;
}

export function probabilityStats(probabilities: readonly number[], size: number): ProbabilityStats {
  return {
    minProbability: Math.min(...probabilities),
    maxProbability: Math.max(...probabilities),
    gini: gini(probabilities),
    kOverN: size / probabilities.length,
  };
}
