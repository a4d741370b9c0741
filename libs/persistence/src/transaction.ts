import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { sqlStateOf } from './postgres-errors.js';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Extra attempts after a serialization failure or deadlock (default 3). */
  retries?: number;
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
      const state = sqlStateOf(error);
      if (attempt >= retries || state === undefined || !RETRYABLE.has(state)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + randomInt(5)));
    }
  }
}
