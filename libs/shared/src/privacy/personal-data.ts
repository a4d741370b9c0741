import type { EntityManager } from 'typeorm';
import type { AuditLogService } from '../audit/audit-log.service.js';
import type { RetentionConfig } from '../config/app-config.js';

/**
 * What one feature library holds about a person with an account, for their rights: an export of it
 * (`GET /api/me/data`) and what deleting their account erases (`DELETE /api/me`). Each library
 * declares its own next to its tables; the privacy module runs them all.
 */
export interface PersonalDataSection {
  /** Key of the section in the export. */
  name: string;
  export(manager: EntityManager, accountId: string): Promise<unknown>;
  /** Inside the deletion's transaction, before the account row itself is erased. */
  erase?(manager: EntityManager, accountId: string, context: { now: Date; audit: AuditLogService }): Promise<void>;
}

/**
 * A retention period, enforced: personal data older than its period is erased (or pseudonymised),
 * while ids, ballots, bulletin boards, draw bundles and results stay. Returns the rows concerned;
 * with `dryRun` only counts them.
 */
export interface RetentionRule {
  name: string;
  /** What is erased, and after how long (for the dry run's report and the register). */
  describe(retention: RetentionConfig): string;
  purge(manager: EntityManager, context: { now: Date; retention: RetentionConfig; dryRun: boolean }): Promise<number>;
}

export interface PrivacyOptions {
  /** In the export's order; the account's own section last (its erase runs last). */
  sections: PersonalDataSection[];
  rules: RetentionRule[];
  /** The API process: the /api/me routes and the purge job on a schedule (the command line has neither). */
  api: boolean;
}

export const PRIVACY_OPTIONS = Symbol('PRIVACY_OPTIONS');

/** Rows one purge statement changes at most: each stays well within the statement timeout (30 s). */
export const PURGE_BATCH = 20_000;

/**
 * Runs `statement` (an UPDATE or DELETE whose rows are chosen with `LIMIT $n`, `n` being the batch
 * size appended to `params`) until a batch changes fewer rows than the limit; returns the rows
 * changed. A Paris-sized roll is 1.35 million rows: one statement would outlast the timeout.
 */
export async function repeatInBatches(manager: EntityManager, statement: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const [, changed] = await manager.query<[unknown[], number]>(statement, [...params, PURGE_BATCH]);
    total += changed;
    if (changed < PURGE_BATCH) return total;
  }
}

/** `N` days before `now`, as a timestamp. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
