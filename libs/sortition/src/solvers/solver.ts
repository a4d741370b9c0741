/**
 * The linear-programming port. The algorithms speak only this interface; `highs` (HiGHS, WASM) and
 * `glpk.js` (GLPK, WASM) implement it. Both are synchronous and single-threaded: run them in a
 * worker thread (see worker.ts), never on the API's event loop.
 */
export interface LinearRow {
  indices: readonly number[];
  values: readonly number[];
  lower: number; // -Infinity for none
  upper: number; // +Infinity for none
}

export interface LinearModel {
  sense: 'maximize' | 'minimize';
  objective: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  /** Integer variables (for mixed-integer models); omitted = all continuous. */
  integer?: readonly boolean[];
  rows: readonly LinearRow[];
}

export type SolveStatus = 'optimal' | 'infeasible' | 'unbounded' | 'limit' | 'error';

export interface LinearSolution {
  status: SolveStatus;
  objective: number;
  values: Float64Array;
  /** Row duals (LP only): the objective's rate of change per unit of the row's bound. */
  rowDuals?: Float64Array;
}

/** A sparse column: its objective cost, bounds and entries by row. */
export interface LinearColumn {
  cost: number;
  lower: number;
  upper: number;
  rows: readonly number[];
  values: readonly number[];
}

/**
 * An LP kept in the solver between solves, so adding a column (column generation) re-solves from
 * the last basis instead of from scratch.
 */
export interface IncrementalLp {
  readonly columnCount: number;
  addColumn(column: LinearColumn): void;
  setRowBounds(row: number, lower: number, upper: number): void;
  setCoefficient(row: number, column: number, value: number): void;
  solve(): LinearSolution;
  dispose(): void;
}

export interface SolverBackend {
  readonly name: SolverName;
  /** Solves a (mixed-integer) model from scratch. */
  solve(model: LinearModel, options?: { timeLimitSeconds?: number }): LinearSolution;
  /** An LP (integrality ignored) that can grow by rows. */
  createIncrementalLp(model: LinearModel): IncrementalLp;
}

export const SOLVER_NAMES = ['highs', 'glpk'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];

export class SolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverError';
  }
}
