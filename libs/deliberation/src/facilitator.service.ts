import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { AssemblyAccess } from '@app/assembly';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository } from './deliberation.repository.js';
import { SessionAccess } from './session-access.js';

/** A session's own facilitators, named by the assembly's organisers among its active members (audited). */
@Injectable()
export class FacilitatorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DeliberationRepository,
    private readonly access: SessionAccess,
    private readonly assemblies: AssemblyAccess,
    private readonly audit: AuditLogService,
  ) {}

  async list(principal: Principal | undefined, sessionId: string): Promise<string[]> {
    await this.access.requireReader(principal, sessionId);
    return (await this.repository.facilitators(sessionId)).map((row) => row.accountId);
  }

  async replace(principal: Principal, sessionId: string, accountIds: readonly string[]): Promise<string[]> {
    const session = await this.access.session(sessionId);
    await this.assemblies.requireOrganiser(principal, session.assemblyId, "name a session's facilitators");
    const unique = [...new Set(accountIds)];
    const members = await this.repository.activeMembersAmong(session.assemblyId, unique);
    const outsider = unique.find((accountId) => !members.has(accountId));
    if (outsider !== undefined) throw DeliberationException.notFacilitatorCandidate(outsider);
    await inTransaction(this.dataSource, async (manager) => {
      await this.repository.replaceFacilitators(sessionId, unique, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'session.facilitators-named', subjectType: 'session', subjectId: sessionId, data: { accountIds: unique } }, manager);
    });
    return unique;
  }
}
