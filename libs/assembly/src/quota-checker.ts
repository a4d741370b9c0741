import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { runInWorker, type SortitionInstance } from '@app/sortition';
import { AssemblyException } from './assembly.exception.js';

/** Exact feasibility of quotas (one committee ILP), off the event loop; 422 QUOTAS_INFEASIBLE when no panel exists. */
@Injectable()
export class QuotaChecker {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async requireFeasible(instance: SortitionInstance, overQuota: string[] = []): Promise<void> {
    const report = await runInWorker({ kind: 'check', instance, solver: this.config.sortitionSolver }, { timeBudgetMs: 120_000 });
    if (report.feasible && overQuota.length === 0) return;
    const sentences = (report.relaxation ?? []).map((change) => change.sentence);
    throw AssemblyException.quotasInfeasible(
      {
        issues: [...report.issues.filter((issue) => issue.severity === 'error'), ...overQuota.map((message) => ({ severity: 'error', code: 'OVER_QUOTA', message }))],
        ...(report.relaxation === undefined ? {} : { relaxation: report.relaxation }),
        ...(report.relaxationImpossible === undefined ? {} : { relaxationImpossible: report.relaxationImpossible }),
      },
      sentences,
    );
  }
}
