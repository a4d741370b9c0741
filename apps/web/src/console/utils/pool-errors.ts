import type { ApiError } from '../../app/api/errors';

export interface QuotaChange {
  category: string;
  value: string;
  bound: 'minimum' | 'maximum';
  from: number;
  to: number;
}

export type PoolProblem =
  | { kind: 'csv'; file: string; row?: number; column?: number }
  | { kind: 'infeasible'; relaxation: QuotaChange[]; issues: string[]; impossible?: string };

/** Reads the details of POOL_CSV_INVALID and QUOTAS_INFEASIBLE (their shapes: libs/assembly). Pure. */
export function poolProblem(error: ApiError): PoolProblem {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  if (error.code === 'POOL_CSV_INVALID') {
    return {
      kind: 'csv',
      file: typeof details.file === 'string' ? details.file : '—',
      ...(typeof details.row === 'number' ? { row: details.row } : {}),
      ...(typeof details.column === 'number' ? { column: details.column } : {}),
    };
  }
  const relaxation = Array.isArray(details.relaxation)
    ? (details.relaxation as unknown[]).filter(
        (change): change is QuotaChange =>
          typeof change === 'object' && change !== null && typeof (change as QuotaChange).category === 'string' && ((change as QuotaChange).bound === 'minimum' || (change as QuotaChange).bound === 'maximum'),
      )
    : [];
  const issues = Array.isArray(details.issues)
    ? (details.issues as unknown[]).map((issue) => (issue as { message?: unknown }).message).filter((message): message is string => typeof message === 'string')
    : [];
  return { kind: 'infeasible', relaxation, issues, ...(typeof details.relaxationImpossible === 'string' ? { impossible: details.relaxationImpossible } : {}) };
}
