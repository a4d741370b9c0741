import { committeeFrom, committeeIlp, committeeKey, committeeRows, type TypeCommittee, type TypeModel } from './committee-model.js';
import { decomposeIntoPanels } from './panel-decomposition.js';
import { checkpoint, type RunControl } from './progress.js';
import { assertOptimal } from './solvers/highs-backend.js';
import type { LinearColumn, LinearRow, SolverBackend } from './solvers/solver.js';
import { SolverError } from './solvers/solver.js';

export interface LeximinOptions {
  /** Stop after the first level: MAXIMIN. */
  maximinOnly?: boolean;
  control?: RunControl;
  /**
   * How the distribution is found. 'decomposition' (the default, algorithm pnyx-sortition-2): the
   * relaxation's optimum decomposed into panels. 'column-generation' (pnyx-sortition-1's LEXIMIN,
   * kept so that its draws still verify bit for bit): the relaxation's optimum realised by column
   * generation from the initial panels. 'levels' (pnyx-sortition-1's MAXIMIN): level by level only.
   */
  strategy?: 'decomposition' | 'column-generation' | 'levels';
}

/** A distribution over type committees, and the resulting probability of each person of each type. */
export interface TypeDistribution {
  committees: TypeCommittee[];
  weights: number[];
  /** Selection probability of every person of type t. */
  typeProbabilities: number[];
}

/** A pricing ILP must beat the current bound by this much to count as a new panel. */
const PRICING_TOLERANCE = 1e-7;
/** A level is settled when its upper and lower bounds are this close (probability units). */
const GAP_TOLERANCE = 1e-6;
/** How far below its targets a realised distribution may fall (probability units). */
const REALISE_TOLERANCE = 1e-7;
/** Weight of the stability centre in the smoothed dual prices (Wentges 1997). */
const SMOOTHING = 0.7;
/** Panels priced per master LP solve. */
const BATCH = 10;
/** Factor on the price of a type already used in the batch. */
const DAMPING = 0.8;
/** Dual weights below this are zero. */
const DUAL_ZERO = 1e-9;
/** Settled probabilities are set this much below the level found, so later LPs stay feasible. */
const SETTLE_MARGIN = 1e-9;

function share(model: TypeModel, committee: TypeCommittee, t: number): number {
  return committee[t] / model.types[t].members.length;
}

/** A panel as a master-LP column: 1 in row 0 (Σ p = 1), c_t/|t| in row 1 + t. */
function panelColumn(model: TypeModel, committee: TypeCommittee): LinearColumn {
  const rows = [0];
  const values = [1];
  committee.forEach((count, t) => {
    if (count > 0) {
      rows.push(1 + t);
      values.push(share(model, committee, t));
    }
  });
  return { cost: 0, lower: 0, upper: Infinity, rows, values };
}

/**
 * Initial panels: each ILP maximises the number of not-yet-covered types it includes (weighted by
 * 1/|type|), until every type that can sit on some panel is on one. Types no panel can include
 * have probability 0 under every distribution.
 */
function initialCommittees(model: TypeModel, solver: SolverBackend, control?: RunControl): { committees: TypeCommittee[]; impossible: Set<number> } {
  const T = model.types.length;
  const covered = new Uint8Array(T);
  const committees: TypeCommittee[] = [];
  const seen = new Set<string>();
  for (let iteration = 0; ; iteration += 1) {
    checkpoint(control);
    const weights = model.types.map((type, t) => (covered[t] === 1 ? 0 : 1 / type.members.length));
    if (weights.every((w) => w === 0)) break;
    const solution = solver.solve(committeeIlp(model, weights));
    if (solution.status === 'infeasible') throw new SolverError('no panel satisfies the quotas; run the feasibility check');
    assertOptimal(solution, 'initial panel ILP');
    const committee = committeeFrom(solution.values, T);
    let gained = 0;
    committee.forEach((count, t) => {
      if (count > 0 && covered[t] === 0) {
        covered[t] = 1;
        gained += 1;
      }
    });
    const key = committeeKey(committee);
    if (!seen.has(key)) {
      seen.add(key);
      committees.push(committee);
    }
    control?.onProgress?.({ phase: 'initial-panels', iteration, panelsGenerated: committees.length });
    if (gained === 0) break; // the remaining types fit on no panel
  }
  const impossible = new Set<number>();
  covered.forEach((isCovered, t) => {
    if (isCovered === 0) impossible.add(t);
  });
  return { committees, impossible };
}

/**
 * LEXIMIN (Flanigan, Gölz, Gupta, Hennig & Procaccia, "Fair algorithms for selecting citizens'
 * assemblies", Nature 596, 2021, Methods "Algorithm" and Supplementary Information §7): maximise the
 * lowest selection probability, fix the people who cannot do better, then maximise the next lowest,
 * and so on. Each level solves the dual LP
 *     minimise ŷ − Σ_{t settled} φ_t·y_t  s.t.  Σ_{t unsettled} y_t = 1,  y ≥ 0,
 *              Σ_t y_t·c_t(P)/|t| ≤ ŷ  for every panel P,
 * by column generation: the most violated panel constraint comes from the committee ILP with
 * weights y_t/|t|. When none is violated, the optimum z is the level; the types with positive
 * dual weight settle at z (complementary slackness). Here on interchangeable types (see
 * committee-model.ts) rather than on people.
 *
 * With `maximinOnly`, stops after the first level: that is MAXIMIN.
 */
export function leximinDistribution(model: TypeModel, solver: SolverBackend, lpSolver: SolverBackend, options: LeximinOptions = {}): TypeDistribution {
  const { control } = options;
  const phase = options.maximinOnly === true ? 'maximin' : 'leximin';
  const strategy = options.strategy ?? 'decomposition';
  const T = model.types.length;
  const { committees, impossible } = initialCommittees(model, solver, control);
  const known = new Set(committees.map(committeeKey));
  const settled = new Float64Array(T).fill(Number.NaN);
  for (const t of impossible) settled[t] = 0;
  const isSettled = (t: number): boolean => !Number.isNaN(settled[t]);
  const people = (types: Iterable<number>): number => {
    let count = 0;
    for (const t of types) count += model.types[t].members.length;
    return count;
  };

  // Fast path: compute the leximin (or the maximin) of the LP relaxation, one LP per level, then
  // realise it with actual panels. The relaxation contains every mixture of panels, so when its
  // leximin is realisable it is the leximin. The relaxation's optimum is a fractional committee;
  // decomposing it into panels along the faces of the quota polytope (panel-decomposition.ts)
  // finds the panels with one ILP each, and an LP over them gives the weights. Should the
  // decomposition stop short, column generation (`realise`) goes on from its panels; should the
  // relaxation's optimum be out of reach of panels, the level-by-level algorithm below runs,
  // keeping every panel found.
  if (strategy !== 'levels') {
    const relaxed = relaxedLeximin(model, settled, lpSolver, control, options.maximinOnly === true);
    if (relaxed !== undefined) {
      if (strategy === 'decomposition') {
        const lowest = Math.min(...relaxed.targets);
        const decomposition = decomposeIntoPanels(model, relaxed.point, solver, control, (step, remainder, panels) =>
          control?.onProgress?.({ phase, iteration: step, minProbability: Math.max(0, lowest - remainder), panelsGenerated: committees.length + panels }),
        );
        for (const committee of decomposition.committees) {
          const key = committeeKey(committee);
          if (!known.has(key)) {
            known.add(key);
            committees.push(committee);
          }
        }
      }
      const realised = realise(model, relaxed.targets, committees, known, solver, lpSolver, phase, control);
      if (realised !== undefined) return distributionFrom(model, committees, realised);
    }
  }

  // The restricted master LP (primal): column 0 is z, then one column per panel.
  // Row 0: Σ p = 1. Row 1+t: Σ_P p_P·c_t(P)/|t| − z ≥ 0 (unsettled) or ≥ φ_t (settled).
  const column = (committee: TypeCommittee): LinearColumn => panelColumn(model, committee);
  // The master LP holds only the panels in play (`active`, column 1 + i); the rest wait in
  // `committees` and come back when their reduced cost turns positive. Without this the LP grows
  // past a thousand columns and each re-solve takes seconds.
  let active: number[] = committees.map((_, j) => j);
  const buildMaster = () => {
    const master = lpSolver.createIncrementalLp({
      sense: 'maximize',
      objective: [1],
      lower: [-Infinity],
      upper: [Infinity],
      rows: [
        { indices: [], values: [], lower: 1, upper: 1 },
        ...model.types.map((_, t) =>
          isSettled(t) ? { indices: [], values: [], lower: settled[t], upper: Infinity } : { indices: [0], values: [-1], lower: 0, upper: Infinity },
        ),
      ],
    });
    for (const j of active) master.addColumn(column(committees[j]));
    return master;
  };
  let lp = buildMaster();
  const isActive = new Set(active);
  const activate = (j: number): void => {
    if (isActive.has(j)) return;
    isActive.add(j);
    active.push(j);
    lp.addColumn(column(committees[j]));
  };
  const addCommittee = (committee: TypeCommittee): boolean => {
    const key = committeeKey(committee);
    if (known.has(key)) return false;
    known.add(key);
    committees.push(committee);
    activate(committees.length - 1);
    return true;
  };
  /** Σ_t y_t·c_t(P)/|t|: what panel P is worth at dual prices y. */
  const worth = (committee: TypeCommittee, y: Float64Array): number => committee.reduce((sum, count, t) => sum + (count * y[t]) / model.types[t].members.length, 0);
  const price = (y: Float64Array): { committee: TypeCommittee; value: number } => {
    const weights = model.types.map((type, t) => y[t] / type.members.length);
    const committee = committeeFrom(assertOptimal(solver.solve(committeeIlp(model, weights)), 'pricing ILP').values, T);
    return { committee, value: worth(committee, y) };
  };

  let iteration = 0;
  let lastPrimal: Float64Array = new Float64Array(0);
  let lastWeights = new Map<number, number>();
  try {
    while (model.types.some((_, t) => !isSettled(t))) {
      if (active.length > T + 1 && lastWeights.size > 0) {
        // Start the level from the panels carrying weight; the others stay in the pool.
        lp.dispose();
        active = active.filter((j) => (lastWeights.get(j) ?? 0) > 1e-12);
        isActive.clear();
        for (const j of active) isActive.add(j);
        lp = buildMaster();
      }
      // Column generation for this level, with Wentges dual smoothing: price at a point between the
      // best dual found so far (the stability centre) and the current one. It damps the oscillation
      // of dual prices that otherwise makes column generation tail off for hundreds of iterations.
      // The LP relaxation of this level (committees as fractional points of the quota polytope)
      // bounds it from above, and its dual prices are an excellent stability centre: on sortition
      // instances the bound is usually tight, so column generation stops as soon as it reaches it.
      const relaxation = relaxedLevel(model, settled, lpSolver);
      let center: Float64Array | undefined = relaxation?.prices;
      let bestUpper = relaxation?.bound ?? Infinity;
      let lowerBound = 0;
      let y = new Float64Array(T);
      for (;;) {
        checkpoint(control);
        iteration += 1;
        const solution = assertOptimal(lp.solve(), 'leximin master LP');
        lowerBound = solution.objective;
        lastPrimal = solution.values;
        const duals = solution.rowDuals!;
        y = Float64Array.from(model.types, (_, t) => Math.max(0, -duals[1 + t]));
        const cap = duals[0];
        const settledTerm = (prices: Float64Array): number => model.types.reduce((sum, _, t) => (isSettled(t) ? sum + settled[t] * prices[t] : sum), 0);
        const normalise = (prices: Float64Array): Float64Array => {
          // Dual feasibility of the full problem needs Σ_{unsettled} y = 1.
          const total = model.types.reduce((sum, _, t) => (isSettled(t) ? sum : sum + prices[t]), 0);
          return total > 0 ? prices.map((value) => value / total) : prices;
        };
        // Panels from the pool that the current prices want back, before any ILP.
        let revived = 0;
        for (let j = 0; j < committees.length && revived < BATCH; j += 1) {
          if (!isActive.has(j) && worth(committees[j], y) > cap + PRICING_TOLERANCE) {
            activate(j);
            revived += 1;
          }
        }
        if (revived > 0) continue;
        const smoothed = center === undefined ? y : normalise(Float64Array.from(y, (value, t) => SMOOTHING * center![t] + (1 - SMOOTHING) * value));
        let priced = price(smoothed);
        let upper = priced.value - settledTerm(smoothed);
        if (upper < bestUpper) {
          bestUpper = upper;
          center = smoothed;
        }
        let improving = worth(priced.committee, y) > cap + PRICING_TOLERANCE;
        if (!improving && smoothed !== y) {
          // Mispricing: the smoothed prices found nothing the current ones want; price at y itself.
          priced = price(y);
          upper = priced.value - settledTerm(y);
          if (upper < bestUpper) {
            bestUpper = upper;
            center = y;
          }
          improving = priced.value > cap + PRICING_TOLERANCE;
        }
        control?.onProgress?.({
          phase: options.maximinOnly === true ? 'maximin' : 'leximin',
          iteration,
          minProbability: Math.max(0, lowerBound),
          settledPeople: people(model.types.map((_, t) => t).filter(isSettled)),
          people: model.instance.people.length,
          panelsGenerated: committees.length,
        });
        if (!improving || bestUpper - lowerBound <= GAP_TOLERANCE) break;
        if (!addCommittee(priced.committee)) break;
        // A distribution that pins hundreds of types needs hundreds of panels: add a batch per LP
        // solve. Each extra pricing damps the prices of the types the batch already uses, which
        // yields different panels that are still good at the current prices.
        const damped = Float64Array.from(smoothed);
        let lastBatchCommittee = priced.committee;
        for (let extra = 0; extra < BATCH - 1; extra += 1) {
          lastBatchCommittee.forEach((count, t) => {
            if (count > 0) damped[t] = damped[t] * DAMPING;
          });
          const next = price(damped).committee;
          if (worth(next, y) > cap + PRICING_TOLERANCE) addCommittee(next);
          lastBatchCommittee = next;
        }
      }
      const level = Math.max(0, lowerBound - SETTLE_MARGIN);
      lastWeights = new Map(active.map((j, i) => [j, lastPrimal[1 + i] ?? 0]));
      if (options.maximinOnly === true) {
        model.types.forEach((_, t) => {
          if (!isSettled(t)) settled[t] = level;
        });
        break;
      }
      // Settle the types with positive dual weight at this level (complementary slackness), using
      // the best dual found (the stability centre): it is feasible for the full problem and within
      // the gap of optimal, whereas the restricted master's own duals need not be.
      const prices = center ?? y;
      let newlySettled = model.types.map((_, t) => t).filter((t) => !isSettled(t) && prices[t] > DUAL_ZERO);
      if (newlySettled.length === 0) newlySettled = model.types.map((_, t) => t).filter((t) => !isSettled(t));
      for (const t of newlySettled) {
        settled[t] = level;
        lp.setCoefficient(1 + t, 0, 0);
        lp.setRowBounds(1 + t, level, Infinity);
      }
    }
  } finally {
    lp.dispose();
  }
  return finalDistribution(model, committees, settled, lpSolver, control, iteration, options.maximinOnly === true);
}

/**
 * Leximin over the LP relaxation of the quota polytope: one LP per level, settled by duals (with
 * `firstLevelOnly`, the maximin: every type settles at the first level). Returns each type's
 * probability (its target) and the last LP's fractional committee, which meets every target.
 */
function relaxedLeximin(
  model: TypeModel,
  initial: Float64Array,
  lpSolver: SolverBackend,
  control: RunControl | undefined,
  firstLevelOnly: boolean,
): { targets: Float64Array; point: Float64Array } | undefined {
  const settled = Float64Array.from(initial);
  const T = model.types.length;
  let point: Float64Array = new Float64Array(T);
  for (let level = 0; settled.some((value) => Number.isNaN(value)); level += 1) {
    checkpoint(control);
    const relaxation = relaxedLevel(model, settled, lpSolver);
    if (relaxation === undefined) return undefined;
    point = relaxation.point;
    const value = Math.max(0, relaxation.bound - SETTLE_MARGIN);
    let newly = [...Array(T).keys()].filter((t) => Number.isNaN(settled[t]) && relaxation.prices[t] > DUAL_ZERO);
    if (newly.length === 0 || firstLevelOnly) newly = [...Array(T).keys()].filter((t) => Number.isNaN(settled[t]));
    for (const t of newly) settled[t] = value;
    control?.onProgress?.({ phase: firstLevelOnly ? 'maximin' : 'leximin', iteration: level, minProbability: Math.min(...settled.filter((v) => !Number.isNaN(v))) });
  }
  return { targets: settled, point };
}

/**
 * Column generation for: maximise z s.t. Σ p = 1, Σ_P p_P·c_t(P)/|t| − z ≥ target_t. When z reaches
 * 0 the targets are met by a mixture of the panels in `committees` (to which the new panels are
 * added): returns its weights, aligned with `committees`; undefined when the targets are out of reach.
 */
function realise(
  model: TypeModel,
  targets: Float64Array,
  committees: TypeCommittee[],
  known: Set<string>,
  solver: SolverBackend,
  lpSolver: SolverBackend,
  phase: 'leximin' | 'maximin',
  control?: RunControl,
): Float64Array | undefined {
  const T = model.types.length;
  const column = (committee: TypeCommittee): LinearColumn => panelColumn(model, committee);
  const lp = lpSolver.createIncrementalLp({
    sense: 'maximize',
    objective: [1],
    lower: [-Infinity],
    upper: [Infinity],
    rows: [{ indices: [], values: [], lower: 1, upper: 1 }, ...model.types.map((_, t) => ({ indices: [0], values: [-1], lower: targets[t], upper: Infinity }))],
  });
  try {
    for (const committee of committees) lp.addColumn(column(committee));
    for (let iteration = 1; ; iteration += 1) {
      checkpoint(control);
      const solution = lp.solve();
      if (solution.status !== 'optimal' || solution.rowDuals === undefined) return undefined;
      control?.onProgress?.({ phase, iteration, minProbability: Math.max(0, Math.min(...targets) + solution.objective), panelsGenerated: committees.length });
      if (solution.objective >= -REALISE_TOLERANCE) return solution.values.subarray(1, 1 + committees.length);
      const duals = solution.rowDuals;
      const y = Float64Array.from(model.types, (_, t) => Math.max(0, -duals[1 + t]));
      const cap = duals[0];
      const worth = (committee: TypeCommittee): number => committee.reduce((sum, count, t) => sum + (count * y[t]) / model.types[t].members.length, 0);
      const damped = Float64Array.from(y);
      let added = 0;
      for (let extra = 0; extra < BATCH; extra += 1) {
        const weights = model.types.map((type, t) => damped[t] / type.members.length);
        const priced = solver.solve(committeeIlp(model, weights));
        if (priced.status !== 'optimal') return undefined;
        const committee = committeeFrom(priced.values, T);
        if (extra === 0 && worth(committee) <= cap + PRICING_TOLERANCE) return undefined; // no panel helps: out of reach
        const key = committeeKey(committee);
        if (worth(committee) > cap + PRICING_TOLERANCE && !known.has(key)) {
          known.add(key);
          committees.push(committee);
          lp.addColumn(column(committee));
          added += 1;
        }
        committee.forEach((count, t) => {
          if (count > 0) damped[t] *= DAMPING;
        });
      }
      if (added === 0) return undefined;
    }
  } finally {
    lp.dispose();
  }
}

/** Keeps the panels with weight, renormalises, and computes each type's probability. */
function distributionFrom(model: TypeModel, committees: TypeCommittee[], weightsOf: ArrayLike<number>): TypeDistribution {
  const kept: TypeCommittee[] = [];
  const weights: number[] = [];
  let total = 0;
  committees.forEach((committee, j) => {
    const weight = weightsOf[j] ?? 0;
    if (weight > 1e-12) {
      kept.push(committee);
      weights.push(weight);
      total += weight;
    }
  });
  for (let j = 0; j < weights.length; j += 1) weights[j] = weights[j] / total; // remove solver drift from Σ = 1
  const typeProbabilities = model.types.map((_, t) => kept.reduce((sum, committee, j) => sum + weights[j] * share(model, committee, t), 0));
  return { committees: kept, weights, typeProbabilities };
}

/**
 * The level's LP relaxation: maximise z over fractional committees c in the quota polytope with
 * c_t/|t| ≥ z for unsettled types and ≥ φ_t for settled ones. Returns the bound and the dual prices
 * of the unsettled rows (normalised to sum to 1), or undefined if the solver fails.
 */
function relaxedLevel(model: TypeModel, settled: Float64Array, lpSolver: SolverBackend): { bound: number; prices: Float64Array; point: Float64Array } | undefined {
  const T = model.types.length;
  const rows = committeeRows(model).map((row) => ({ ...row }));
  const first = rows.length;
  model.types.forEach((type, t) => {
    const unsettled = Number.isNaN(settled[t]);
    rows.push({
      indices: unsettled ? [t, T] : [t],
      values: unsettled ? [1 / type.members.length, -1] : [1 / type.members.length],
      lower: unsettled ? 0 : settled[t],
      upper: Infinity,
    });
  });
  const solution = lpSolver.solve({
    sense: 'maximize',
    objective: [...model.types.map(() => 0), 1],
    lower: [...model.types.map(() => 0), -Infinity],
    upper: [...model.types.map((type) => type.members.length), Infinity],
    rows,
  });
  if (solution.status !== 'optimal' || solution.rowDuals === undefined) return undefined;
  const prices = new Float64Array(T);
  let total = 0;
  model.types.forEach((_, t) => {
    prices[t] = Math.max(0, -solution.rowDuals![first + t]);
    if (Number.isNaN(settled[t])) total += prices[t];
  });
  if (total <= 0) return undefined;
  for (let t = 0; t < T; t += 1) prices[t] = prices[t] / total;
  return { bound: solution.objective, prices, point: solution.values.slice(0, T) };
}

/**
 * The primal: weights on the generated panels giving every type at least its settled probability.
 * A basic solution puts weight on at most (types + 1) panels.
 */
function finalDistribution(
  model: TypeModel,
  committees: TypeCommittee[],
  settled: Float64Array,
  lpSolver: SolverBackend,
  control: RunControl | undefined,
  iteration: number,
  maximin: boolean,
): TypeDistribution {
  checkpoint(control);
  control?.onProgress?.({ phase: 'final-distribution', iteration, minProbability: Math.min(...settled), panelsGenerated: committees.length });
  const T = model.types.length;
  const rows: LinearRow[] = [{ indices: committees.map((_, j) => j), values: committees.map(() => 1), lower: 1, upper: 1 }];
  for (let t = 0; t < T; t += 1) {
    const indices: number[] = [];
    const values: number[] = [];
    committees.forEach((committee, j) => {
      if (committee[t] > 0) {
        indices.push(j);
        values.push(share(model, committee, t));
      }
    });
    rows.push({ indices, values, lower: settled[t], upper: Infinity });
  }
  // MAXIMIN: any distribution meeting the level; LEXIMIN: the settled probabilities already pin it.
  const solve = () =>
    lpSolver.solve({ sense: 'maximize', objective: committees.map(() => 0), lower: committees.map(() => 0), upper: committees.map(() => Infinity), rows });
  let solution = solve();
  if (solution.status === 'infeasible') {
    // Solver round-off in the levels: allow a hair below them.
    for (const row of rows.slice(1)) row.lower -= 1e-7;
    solution = solve();
  }
  assertOptimal(solution, maximin ? 'maximin distribution LP' : 'leximin distribution LP');
  return distributionFrom(model, committees, solution.values);
}
