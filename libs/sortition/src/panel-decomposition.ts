import { committeeFrom, committeeRows, type TypeCommittee, type TypeModel } from './committee-model.js';
import { checkpoint, type RunControl } from './progress.js';
import type { LinearRow, SolverBackend } from './solvers/solver.js';

/** A coordinate or row this close to one of its bounds is on it. */
const TIGHT = 1e-9;
/** Stop once the part of the point left to decompose weighs less than this. */
const NEGLIGIBLE_MASS = 1e-12;

export interface PanelDecomposition {
  committees: TypeCommittee[];
  /** The weight of each committee; they sum to 1 − `remainder`. */
  weights: number[];
  /** The weight of the point left undecomposed (0 when the decomposition is complete). */
  remainder: number;
}

/**
 * Writes a fractional committee `point` (a point of the quota polytope P: size k, quotas, household
 * rule, 0 ≤ c_t ≤ |t|) as a convex combination of panels, greedily along the faces of P: this is
 * the constructive proof of Carathéodory's theorem (Grötschel, Lovász & Schrijver, "Geometric
 * Algorithms and Combinatorial Optimization", Springer 1988, chapter 6) with integer points.
 *
 * Each step takes the residual point r (start: the point), finds a panel c on the smallest face of
 * P containing r (every bound and row tight at r kept tight; each c_t rounded from r_t where it
 * can be, preferring the types whose r_t has the largest fractional part, which keeps the step long),
 * then moves r away from c as far as P allows: r ← (r − λc)/(1 − λ) with the largest λ < 1 that
 * keeps r in P. A new bound or row becomes tight, so the face shrinks at every step and at most
 * dim(P) + 1 panels are used. Each step is one committee ILP on a face, where the column
 * generation it replaces needed a master LP re-solve per handful of panels.
 *
 * When P's faces are integral near the point, the decomposition is complete. P is not integral in
 * general (several overlapping categories), so r may leave the convex hull of the panels, and then
 * a face holds no panel: the decomposition stops there and returns what it found, with the weight
 * left over; the caller finishes with an LP over these panels (and column generation if needed).
 */
export function decomposeIntoPanels(model: TypeModel, point: ArrayLike<number>, solver: SolverBackend, control?: RunControl, onStep?: (step: number, remainder: number, panels: number) => void): PanelDecomposition {
  const T = model.types.length;
  const capacity = model.types.map((type) => type.members.length);
  const rows = committeeRows(model);
  const committees: TypeCommittee[] = [];
  const weights: number[] = [];
  const residual = Float64Array.from(point);
  let remainder = 1;
  const sumOver = (row: LinearRow, values: ArrayLike<number>): number => row.indices.reduce((sum, t) => sum + values[t], 0);
  // Each step makes a bound or row tight for good, so there are at most this many (the guard only
  // matters if round-off hid a tight one).
  const maxSteps = T + rows.length + 1;
  for (let step = 0; remainder > NEGLIGIBLE_MASS && step < maxSteps; step += 1) {
    checkpoint(control);
    if (residual.every((value) => Math.abs(value - Math.round(value)) <= TIGHT)) {
      // The residual is itself a panel.
      committees.push(Int32Array.from(residual, (value) => Math.round(value)));
      weights.push(remainder);
      remainder = 0;
      break;
    }
    const committee = panelOnFace(model, rows, residual, capacity, solver);
    if (committee === undefined) break; // no panel on this face: the residual left the panels' hull
    // The longest step: r' = (r − λc)/(1 − λ) stays within every bound and row of P.
    let lambda = 1;
    const limit = (room: number, rate: number): void => {
      if (rate > 0) lambda = Math.min(lambda, Math.max(0, room) / rate);
    };
    for (let t = 0; t < T; t += 1) {
      if (committee[t] > residual[t]) limit(residual[t], committee[t]); // c_t ≥ 0
      else if (committee[t] < residual[t]) limit(capacity[t] - residual[t], capacity[t] - committee[t]); // c_t ≤ |t|
    }
    for (const row of rows) {
      const atResidual = sumOver(row, residual);
      const atCommittee = sumOver(row, committee);
      if (atCommittee > atResidual && row.lower > -Infinity) limit(atResidual - row.lower, atCommittee - row.lower);
      else if (atCommittee < atResidual && row.upper < Infinity) limit(row.upper - atResidual, row.upper - atCommittee);
    }
    if (lambda <= 1e-13) break; // a bound round-off pushed past: no progress on this face
    committees.push(committee);
    if (lambda >= 1 - 1e-12) {
      weights.push(remainder);
      remainder = 0;
      break;
    }
    weights.push(remainder * lambda);
    remainder *= 1 - lambda;
    for (let t = 0; t < T; t += 1) {
      const next = (residual[t] - lambda * committee[t]) / (1 - lambda);
      residual[t] = Math.abs(next) <= 1e-12 ? 0 : next; // round-off below zero is zero
    }
    onStep?.(step, remainder, committees.length);
  }
  return { committees, weights, remainder };
}

/**
 * A panel on the smallest face of P containing r: the bounds and rows tight at r stay tight. First
 * with each c_t between ⌊r_t⌋ and ⌈r_t⌉, maximising Σ c_t·frac(r_t); if no such panel exists, any
 * panel on the face. Undefined when the face holds no panel.
 */
function panelOnFace(model: TypeModel, rows: LinearRow[], residual: Float64Array, capacity: number[], solver: SolverBackend): TypeCommittee | undefined {
  const T = model.types.length;
  const fixedLow = (t: number): boolean => residual[t] <= TIGHT;
  const fixedHigh = (t: number): boolean => residual[t] >= capacity[t] - TIGHT;
  const faceRows = rows.map((row) => {
    const sum = row.indices.reduce((total, t) => total + residual[t], 0);
    if (row.lower > -Infinity && sum <= row.lower + TIGHT) return { ...row, upper: row.lower };
    if (row.upper < Infinity && sum >= row.upper - TIGHT) return { ...row, lower: row.upper };
    return row;
  });
  const objective = Array.from(residual, (value) => value - Math.floor(value + TIGHT));
  const integer = model.types.map(() => true);
  const rounded = solver.solve({
    sense: 'maximize',
    objective,
    lower: Array.from(residual, (value, t) => (fixedHigh(t) ? capacity[t] : fixedLow(t) ? 0 : Math.floor(value + TIGHT))),
    upper: Array.from(residual, (value, t) => (fixedLow(t) ? 0 : fixedHigh(t) ? capacity[t] : Math.ceil(value - TIGHT))),
    integer,
    rows: faceRows,
  });
  if (rounded.status === 'optimal') return committeeFrom(rounded.values, T);
  const anywhere = solver.solve({
    sense: 'maximize',
    objective,
    lower: Array.from(residual, (_, t) => (fixedHigh(t) ? capacity[t] : 0)),
    upper: Array.from(residual, (_, t) => (fixedLow(t) ? 0 : capacity[t])),
    integer,
    rows: faceRows,
  });
  return anywhere.status === 'optimal' ? committeeFrom(anywhere.values, T) : undefined;
}
