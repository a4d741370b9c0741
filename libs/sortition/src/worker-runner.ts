import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DrawBundle } from './bundle.js';
import { InfeasibleQuotasError, type Algorithm, type DistributionResult } from './distribution.js';
import type { FeasibilityReport } from './feasibility.js';
import type { SortitionInstance } from './instance.js';
import { SortitionCancelled, type SortitionProgress } from './progress.js';
import type { SolverName } from './solvers/solver.js';

interface TaskBase {
  solver: SolverName;
  deadline?: number;
}

export type WorkerTask =
  | (TaskBase & { kind: 'distribution'; instance: SortitionInstance; algorithm: Algorithm; legacyRuns?: number })
  | (TaskBase & { kind: 'bundle'; instance: SortitionInstance; algorithm: Algorithm; lotterySize: number; legacyRuns?: number; seed?: string })
  | (TaskBase & { kind: 'verify'; bundle: DrawBundle; quick?: boolean })
  | (TaskBase & { kind: 'check'; instance: SortitionInstance });

export type WorkerReply =
  | { kind: 'progress'; progress: SortitionProgress }
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; name: string; message: string; details?: unknown };

export interface BundleOutcome {
  bundle: DrawBundle;
  distribution: DistributionResult;
  maxDeviation: number;
}

export interface WorkerOptions {
  onProgress?: (progress: SortitionProgress) => void;
  signal?: AbortSignal;
  /** Milliseconds; the worker stops itself at the next checkpoint, and is terminated soon after. */
  timeBudgetMs?: number;
}

/** The compiled worker beside this file (dist); from TypeScript sources, the build's copy. */
function workerScript(): URL {
  const beside = new URL('./sortition.worker.js', import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL('../../../dist/apps/cli/libs/sortition/src/sortition.worker.js', import.meta.url);
}

/** Runs a sortition task in a worker thread, with progress, cancellation and a time budget. */
export function runInWorker(task: WorkerTask & { kind: 'distribution' }, options?: WorkerOptions): Promise<DistributionResult>;
export function runInWorker(task: WorkerTask & { kind: 'bundle' }, options?: WorkerOptions): Promise<BundleOutcome>;
export function runInWorker(task: WorkerTask & { kind: 'verify' }, options?: WorkerOptions): Promise<{ ok: boolean; checks: Array<{ check: string; ok: boolean; detail?: string }> }>;
export function runInWorker(task: WorkerTask & { kind: 'check' }, options?: WorkerOptions): Promise<Omit<FeasibilityReport, 'witness'>>;
export function runInWorker(task: WorkerTask, options: WorkerOptions = {}): Promise<unknown> {
  const deadline = options.timeBudgetMs === undefined ? undefined : Date.now() + options.timeBudgetMs;
  const worker = new Worker(workerScript(), { workerData: { ...task, ...(deadline === undefined ? {} : { deadline }) } });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardStop);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = (): void => finish(() => reject(new SortitionCancelled('cancelled')));
    // A single long solver call cannot see the deadline: terminate the thread shortly after it.
    const hardStop =
      options.timeBudgetMs === undefined ? undefined : setTimeout(() => finish(() => reject(new SortitionCancelled('time-budget'))), options.timeBudgetMs + 5000);
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.kind) {
        case 'progress':
          options.onProgress?.(reply.progress);
          return;
        case 'result':
          finish(() => resolve(reply.value));
          return;
        case 'error':
          finish(() => {
            if (reply.name === 'InfeasibleQuotasError') reject(new InfeasibleQuotasError(reply.details as FeasibilityReport));
            else if (reply.name === 'SortitionCancelled') reject(new SortitionCancelled(/budget/.test(reply.message) ? 'time-budget' : 'cancelled'));
            else reject(Object.assign(new Error(reply.message), { name: reply.name }));
          });
          return;
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the sortition worker exited (code ${code})`))));
  });
}
