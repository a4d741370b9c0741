import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@app/persistence';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { BudgetException } from './budget.exception.js';
import { BudgetRepository } from './budget.repository.js';
import type { EnvelopeResultEntity } from './entities/envelope-result.entity.js';
import { FollowUpEntity, FollowUpEventEntity, type FollowUpStatus } from './entities/follow-up.entity.js';
import type { ProjectEntity } from './entities/project.entity.js';

/** The steps a follow-up may take from each status: forward, or abandoned before delivery. */
const NEXT: Record<FollowUpStatus, readonly FollowUpStatus[]> = {
  study: ['study', 'works', 'abandoned'],
  works: ['works', 'delivered', 'abandoned'],
  delivered: ['delivered'],
  abandoned: ['abandoned'],
};

export interface FollowUpUpdate {
  status: FollowUpStatus;
  reason?: string;
  committedCents: number;
  spentCents: number;
}

export interface FollowUpView {
  project: ProjectEntity;
  followUp: FollowUpEntity;
  timeline: FollowUpEventEntity[];
}

/** What becomes of the winners: status, money committed and spent, every update kept as a timeline. */
@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BudgetRepository,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Entering the follow-up phase: every funded project starts "study", nothing committed yet. */
  async start(editionId: string, results: readonly EnvelopeResultEntity[], principal: Principal, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    for (const line of results.flatMap((result) => result.lines.filter((entry) => entry.funded))) {
      await manager.getRepository(FollowUpEntity).insert({ projectId: line.projectId, status: 'study', reason: null, committedCents: '0', spentCents: '0', updatedAt: now });
      await manager.getRepository(FollowUpEventEntity).insert({ projectId: line.projectId, status: 'study', reason: null, committedCents: '0', spentCents: '0', recordedBy: principal.accountId, recordedAt: now });
    }
    await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.follow-up-started', subjectType: 'budget-edition', subjectId: editionId, data: { projects: results.flatMap((result) => result.lines.filter((entry) => entry.funded).map((entry) => entry.projectId)) } }, manager);
  }

  async update(principal: Principal, projectId: string, update: FollowUpUpdate): Promise<FollowUpView> {
    if (!principal.roles.includes('organiser')) throw BudgetException.notOrganiser('update the follow-up of projects');
    if (update.status === 'abandoned' && (update.reason ?? '').trim() === '') throw BudgetException.invalid('An abandoned project needs a public reason');
    return inTransaction(this.dataSource, async (manager) => {
      const project = await this.repository.project(projectId, manager);
      if (project === null) throw BudgetException.notFound('PROJECT');
      const edition = (await this.repository.edition(project.editionId, manager))!;
      if (edition.phase !== 'follow-up') throw BudgetException.wrongPhase('Following a project up', edition.phase, ['follow-up']);
      const followUp = await manager.getRepository(FollowUpEntity).findOne({ where: { projectId }, lock: { mode: 'pessimistic_write' } });
      if (followUp === null) throw BudgetException.of('not-found', 'PROJECT_NOT_FOUND', 'This project was not funded: only winners are followed up');
      if (!NEXT[followUp.status].includes(update.status)) throw BudgetException.of('conflict', 'PHASE_ORDER', `A project in ${followUp.status} cannot go to ${update.status}`, { status: followUp.status, allowed: NEXT[followUp.status] });
      const now = this.clock.now();
      Object.assign(followUp, { status: update.status, reason: update.reason?.trim() || null, committedCents: String(update.committedCents), spentCents: String(update.spentCents), updatedAt: now });
      await manager.getRepository(FollowUpEntity).save(followUp);
      await manager.getRepository(FollowUpEventEntity).insert({ projectId, status: followUp.status, reason: followUp.reason, committedCents: followUp.committedCents, spentCents: followUp.spentCents, recordedBy: principal.accountId, recordedAt: now });
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.follow-up-updated', subjectType: 'budget-project', subjectId: projectId, data: { status: followUp.status, reason: followUp.reason, committedCents: followUp.committedCents, spentCents: followUp.spentCents } }, manager);
      return this.view(projectId, manager);
    });
  }

  private async view(projectId: string, manager: EntityManager): Promise<FollowUpView> {
    const [project, followUp, timeline] = await Promise.all([
      this.repository.project(projectId, manager),
      manager.getRepository(FollowUpEntity).findOneByOrFail({ projectId }),
      manager.getRepository(FollowUpEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } }),
    ]);
    return { project: project!, followUp, timeline };
  }

  /** Every followed project of the edition with its timeline (public). */
  async list(editionId: string): Promise<FollowUpView[]> {
    const projects = (await this.repository.projects(editionId)).filter((project) => project.feasibility === 'admissible');
    const followUps = await this.dataSource.getRepository(FollowUpEntity).createQueryBuilder('f').where('f.project_id IN (:...ids)', { ids: projects.length === 0 ? ['00000000-0000-0000-0000-000000000000'] : projects.map((p) => p.id) }).getMany();
    const events = followUps.length === 0 ? [] : await this.dataSource.getRepository(FollowUpEventEntity).createQueryBuilder('e').where('e.project_id IN (:...ids)', { ids: followUps.map((f) => f.projectId) }).orderBy('e.seq', 'ASC').getMany();
    return followUps.map((followUp) => ({ project: projects.find((p) => p.id === followUp.projectId)!, followUp, timeline: events.filter((event) => event.projectId === followUp.projectId) }));
  }
}
