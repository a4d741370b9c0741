/** Selection probabilities as the draw page charts and tabulates them. Pure. */

export interface ProbabilitySummary {
  count: number;
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
}

/** The probabilities in ascending order (the chart's x axis ranks volunteers by probability). */
export function ascending(probabilities: Readonly<Record<string, number>>): number[] {
  return Object.values(probabilities).sort((a, b) => a - b);
}

/** The value at quantile q (0–1) of ascending values, by linear interpolation between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function summarise(sorted: readonly number[]): ProbabilitySummary {
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p10: quantile(sorted, 0.1),
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sorted.reduce((sum, p) => sum + p, 0) / sorted.length,
  };
}

/**
 * The SVG path of ascending probabilities as a step line: volunteer i spans [i, i+1) on x; y grows
 * upwards from `height` (0) to 0 (`yMax`). At most one vertex pair per volunteer, so 2,000
 * volunteers make one path of a few tens of kilobytes, drawn at once.
 */
export function stepPath(sorted: readonly number[], width: number, height: number, yMax: number): string {
  if (sorted.length === 0 || yMax <= 0) return '';
  const x = (i: number): string => ((i / sorted.length) * width).toFixed(1);
  const y = (p: number): string => (height - (Math.min(p, yMax) / yMax) * height).toFixed(1);
  const parts = [`M0 ${y(sorted[0])}`];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i] !== sorted[i - 1]) parts.push(`H${x(i)}V${y(sorted[i])}`);
  }
  parts.push(`H${width}`);
  return parts.join('');
}

/** A round upper bound for the y axis, a little above every value shown. */
export function niceMax(values: readonly number[]): number {
  const top = Math.max(...values.filter((v) => Number.isFinite(v)), 0.01);
  const steps = [0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
  for (const step of steps) {
    const bound = Math.ceil((top * 1.05) / step) * step;
    // Rounded to the step's precision: 7 × 0.1 is 0.7000000000000001 in floating point.
    if (bound / step <= 10) return Math.min(1, Number(bound.toFixed(3)));
  }
  return 1;
}

/** Every volunteer's probability, by pseudonymous id, as CSV (with LEGACY's beside it when computed). */
export function probabilitiesCsv(fair: Readonly<Record<string, number>>, legacy?: Readonly<Record<string, number>>): string {
  const header = legacy === undefined ? 'person_id,probability' : 'person_id,probability,legacy_probability';
  const rows = Object.keys(fair)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((id) => (legacy === undefined ? `${id},${fair[id]}` : `${id},${fair[id]},${legacy[id] ?? ''}`));
  return `${[header, ...rows].join('\n')}\n`;
}
