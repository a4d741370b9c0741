import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './personal-data.js';

export interface PurgeReport {
  dryRun: boolean;
  at: string;
  rules: Array<{ name: string; description: string; rows: number }>;
  total: number;
}

/** One purge at a time across every instance and the command line. */
const PURGE_LOCK_KEY = 7_302_020_001;

/**
 * Retention enforced: every rule in one transaction, under a cluster-wide advisory lock, audited
 * with the counts only (never the data). Run by `pnyx data purge [--dry-run]` and on a schedule.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditLogService,
  ) {}

  onApplicationBootstrap(): void {
    const hours = this.config.retention.jobIntervalHours;
    if (!this.options.api || hours === 0) return;
    this.timer = setInterval(() => void this.scheduledRun(), hours * 3_600_000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** What each rule would erase now. */
  preview(): Promise<PurgeReport> {
    return this.purge({ dryRun: true });
  }

  async purge(options: { dryRun: boolean; actor?: string }): Promise<PurgeReport> {
    const now = this.clock.now();
    const retention = this.config.retention;
    return this.dataSource.transaction(async (manager) => {
      // Waits for a purge running elsewhere rather than running beside it.
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [PURGE_LOCK_KEY]);
      const rules: PurgeReport['rules'] = [];
      for (const rule of this.options.rules) {
        rules.push({ name: rule.name, description: rule.describe(retention), rows: await rule.purge(manager, { now, retention, dryRun: options.dryRun }) });
      }
      const total = rules.reduce((sum, rule) => sum + rule.rows, 0);
      if (!options.dryRun && total > 0) {
        await this.audit.record(
          { actor: options.actor ?? 'system', action: 'data.purged', subjectType: 'retention', subjectId: now.toISOString().slice(0, 10), data: { rows: Object.fromEntries(rules.map((rule) => [rule.name, rule.rows])), retention } },
          manager,
        );
      }
      return { dryRun: options.dryRun, at: now.toISOString(), rules, total };
    });
  }

  private async scheduledRun(): Promise<void> {
    if (this.running !== undefined) return;
    this.running = this.purge({ dryRun: false })
      .then((report) => {
        if (report.total > 0) this.logger.log({ msg: 'personal data purged', rows: Object.fromEntries(report.rules.map((rule) => [rule.name, rule.rows])) });
      })
      .catch((error: unknown) => this.logger.error({ msg: 'retention purge failed', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
