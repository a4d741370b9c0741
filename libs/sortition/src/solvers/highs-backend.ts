import * as highsPackage from 'highs';
import type { Highs } from 'highs';
import type { IncrementalLp, LinearColumn, LinearModel, LinearSolution, SolveStatus, SolverBackend } from './solver.js';
import { SolverError } from './solver.js';

type HighsRuntime = Highs;
type HighsModel = ReturnType<Highs['createModel']>;

// A CommonJS package: under ESM its loader is the default export (or the module itself).
const highsLoader = (highsPackage as unknown as { default?: () => Promise<Highs> }).default ?? (highsPackage as unknown as () => Promise<Highs>);

const INFINITY = 1e30;

function finite(value: number): number {
  return value === Infinity ? INFINITY : value === -Infinity ? -INFINITY : value;
}

/** CSR matrix of the rows, as HiGHS takes it. */
function toModelData(model: LinearModel, withIntegrality: boolean) {
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const numCols = model.objective.length;
  return {
    numCols,
    numRows: model.rows.length,
    sense: (model.sense === 'maximize' ? -1 : 1),
    colCost: [...model.objective],
    colLower: model.lower.map(finite),
    colUpper: model.upper.map(finite),
    rowLower: model.rows.map((r) => finite(r.lower)),
    rowUpper: model.rows.map((r) => finite(r.upper)),
    matrix: { format: 'csr' as const, numRows: model.rows.length, numCols, starts, indices, values },
    ...(withIntegrality && model.integer !== undefined ? { integrality: model.integer.map((isInteger) => (isInteger ? 1 : 0)) as Array<0 | 1> } : {}),
  };
}

/** HiGHS (Huangfu & Hall's dual simplex; branch-and-cut for MIP), compiled to WASM. */
export class HighsBackend implements SolverBackend {
  readonly name = 'highs' as const;

  private constructor(private readonly runtime: HighsRuntime) {}

  static async load(): Promise<HighsBackend> {
    return new HighsBackend(await highsLoader());
  }

  private newModel(): HighsModel {
    const model = this.runtime.createModel();
    model.options.set('output_flag', false);
    return model;
  }

  solve(model: LinearModel, options: { timeLimitSeconds?: number } = {}): LinearSolution {
    const highs = this.newModel();
    try {
      if (options.timeLimitSeconds !== undefined) highs.options.set('time_limit', options.timeLimitSeconds);
      highs.options.set('mip_rel_gap', 0);
      highs.passModel(toModelData(model, true) as never);
      highs.run();
      return this.read(highs, model.integer?.some(Boolean) !== true);
    } finally {
      highs.dispose?.();
    }
  }

  createIncrementalLp(model: LinearModel): IncrementalLp {
    const highs = this.newModel();
    // Presolve would discard the basis; primal simplex re-optimises from it after a new column.
    highs.options.set('presolve', 'off');
    highs.options.set('solver', 'simplex');
    highs.options.set('simplex_strategy', 4);
    highs.passModel(toModelData(model, false) as never);
    let columnCount = model.objective.length;
    return {
      get columnCount() {
        return columnCount;
      },
      addColumn(column: LinearColumn) {
        highs.addCol(column.cost, finite(column.lower), finite(column.upper), { indices: [...column.rows], values: [...column.values] });
        columnCount += 1;
      },
      setRowBounds(row: number, lower: number, upper: number) {
        highs.changeRowBounds(row, finite(lower), finite(upper));
      },
      setCoefficient(row: number, column: number, value: number) {
        highs.changeCoefficient(row, column, value);
      },
      solve: () => {
        highs.run();
        return this.read(highs, true);
      },
      dispose() {
        highs.dispose?.();
      },
    };
  }

  private read(highs: HighsModel, isLp: boolean): LinearSolution {
    const code = highs.getModelStatus();
    const statuses = this.runtime.constants.modelStatus as Record<string, number>;
    let status: SolveStatus;
    if (code === statuses['optimal']) status = 'optimal';
    else if (code === statuses['infeasible']) status = 'infeasible';
    else if (code === statuses['unbounded'] || code === statuses['unboundedOrInfeasible']) status = 'unbounded';
    else if (code === statuses['timeLimit'] || code === statuses['iterationLimit'] || code === statuses['interrupted']) status = 'limit';
    else status = 'error';
    if (status !== 'optimal') return { status, objective: Number.NaN, values: new Float64Array(0) };
    const solution = highs.getSolution();
    return {
      status,
      objective: highs.getObjectiveValue(),
      values: Float64Array.from(solution.colValue),
      ...(isLp ? { rowDuals: Float64Array.from(solution.rowDual) } : {}),
    };
  }
}

export function assertOptimal(solution: LinearSolution, what: string): LinearSolution {
  if (solution.status !== 'optimal') throw new SolverError(`${what}: the solver returned "${solution.status}"`);
  return solution;
}
