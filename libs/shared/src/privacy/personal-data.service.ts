import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './personal-data.js';

export interface PersonalDataExport {
  format: 'pnyx-personal-data-v1';
  exportedAt: string;
  accountId: string;
  sections: Record<string, unknown>;
}

/** A person's rights over what Pnyx holds about them: access (export) and erasure (account deletion). */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditLogService,
  ) {}

  /** Everything held about the account, section by section, read in one snapshot. */
  async export(accountId: string): Promise<PersonalDataExport> {
    const sections = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const result: Record<string, unknown> = {};
      for (const section of this.options.sections) result[section.name] = await section.export(manager, accountId);
      return result;
    });
    return { format: 'pnyx-personal-data-v1', exportedAt: this.clock.now().toISOString(), accountId, sections };
  }

  /**
   * Deletes the account: every section erases what it must, in one transaction, the account's own
   * section last. Ballots were never linked to anyone; audit entries name accounts by id only, so the
   * chain is untouched; contributions and records stay, signed by an erased account.
   */
  async deleteAccount(accountId: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (const section of this.options.sections) await section.erase?.(manager, accountId, { now, audit: this.audit });
    });
  }
}
