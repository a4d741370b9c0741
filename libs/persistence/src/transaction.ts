import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Extra attempts after a serialization failure or deadlock (default 3). */
  retries?: number;
}

function sqlState(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const withDriver = error as { driverError?: { code?: unknown }; code?: unknown };
  const code = withDriver.driverError?.code ?? withDriver.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `work` in one transaction and retries it when PostgreSQL reports a serialization failure
 * or deadlock. `work` must therefore have no side effects outside the database.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return options.isolation === undefined
        ? await dataSource.transaction(work)
        : await dataSource.transaction(options.isolation, work);
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= retries || state === undefined || !RETRYABLE.has(state)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + randomInt(5)));
    }
  }
}

/** True when `error` is PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23505') return false;
  if (constraint === undefined) return true;
  const driverError = (error as { driverError?: { constraint?: unknown } }).driverError;
  return driverError?.constraint === constraint;
}
