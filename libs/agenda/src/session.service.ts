import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { AssemblyAccess, AssemblyService } from '@app/assembly';
import { AgendaException } from './agenda.exception.js';
import type { ProposalEntity } from './entities/proposal.entity.js';
import { SessionEntity, type SessionVisibility } from './entities/session.entity.js';
import { ProposalRepository } from './proposal.repository.js';

/** A sitting's length when its end is not given: a Paris half-day. */
const DEFAULT_SITTING_MS = 3 * 3600_000;

/** Sessions of an assembly and their public agendas; petition settings. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly access: AssemblyAccess,
    private readonly assemblies: AssemblyService,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    assemblyId: string,
    session: { title: string; scheduledAt: Date; endsAt?: Date; halfDays?: number; remoteAttendance?: boolean; visibility?: SessionVisibility },
  ): Promise<SessionEntity> {
    await this.assemblies.get(assemblyId);
    const endsAt = session.endsAt ?? new Date(session.scheduledAt.getTime() + DEFAULT_SITTING_MS);
    if (!(endsAt.getTime() > session.scheduledAt.getTime()) || endsAt.getTime() - session.scheduledAt.getTime() > 24 * 3600_000) throw AgendaException.sessionHoursInvalid();
    if (!(await this.access.isOrganiserOrFacilitator(principal, assemblyId))) throw AgendaException.notChair('schedule sessions');
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(SessionEntity);
      const saved = await repository.save(repository.create({
          assemblyId,
          title: session.title.trim(),
          scheduledAt: session.scheduledAt,
          endsAt,
          halfDays: session.halfDays ?? 1,
          remoteAttendance: session.remoteAttendance ?? false,
          visibility: session.visibility ?? 'public', createdBy: principal.accountId }));
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'session.scheduled', subjectType: 'assembly', subjectId: assemblyId, data: { sessionId: saved.id } }, manager);
      return saved;
    });
  }

  async list(assemblyId: string): Promise<SessionEntity[]> {
    await this.assemblies.get(assemblyId);
    // Workshop groups are rooms of their plenary, not sittings of their own.
    return this.dataSource.getRepository(SessionEntity).find({ where: { assemblyId, plenarySessionId: IsNull() }, order: { scheduledAt: 'ASC' } });
  }

  /**
   * Public sessions of every assembly that are running or coming: live and paused first, then those
   * scheduled from 12 hours ago on (a sitting that starts late still shows), soonest first.
   */
  upcomingPublic(limit: number): Promise<SessionEntity[]> {
    return this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where(`s.visibility = 'public' AND s.plenary_session_id IS NULL`)
      .andWhere(`(s.status IN ('live', 'paused') OR (s.status = 'scheduled' AND s.scheduled_at >= :since))`, { since: new Date(this.clock.now().getTime() - 12 * 3600_000) })
      .orderBy(`CASE WHEN s.status = 'scheduled' THEN 1 ELSE 0 END`, 'ASC')
      .addOrderBy('s.scheduled_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** The session and its agenda in order: public. */
  async agenda(sessionId: string): Promise<{ session: SessionEntity; items: ProposalEntity[] }> {
    const session = await this.dataSource.getRepository(SessionEntity).findOneBy({ id: sessionId });
    if (session === null) throw AgendaException.sessionNotFound();
    return { session, items: await this.proposals.scheduledOn(sessionId) };
  }

  async settings(assemblyId: string): Promise<{ petitionThreshold: number; petitionDays: number }> {
    await this.assemblies.get(assemblyId);
    const { petitionThreshold, petitionDays } = await this.proposals.settings(assemblyId);
    return { petitionThreshold, petitionDays };
  }

  async saveSettings(principal: Principal, assemblyId: string, settings: { petitionThreshold: number; petitionDays: number }): Promise<{ petitionThreshold: number; petitionDays: number }> {
    await this.assemblies.get(assemblyId);
    await this.access.requireOrganiser(principal, assemblyId, 'set petition rules');
    await inTransaction(this.dataSource, async (manager) => {
      await this.proposals.saveSettings({ assemblyId, ...settings }, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'agenda.settings-changed', subjectType: 'assembly', subjectId: assemblyId, data: settings }, manager);
    });
    return settings;
  }
}
