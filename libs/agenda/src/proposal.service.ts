import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AssemblyAccess, AssemblyService } from '@app/assembly';
import { AgendaEvents, type ProposalTransitioned } from './agenda-events.js';
import { AgendaException } from './agenda.exception.js';
import type { ProposalEntity } from './entities/proposal.entity.js';
import { ProposalReportEntity } from './entities/report.entity.js';
import { SessionEntity } from './entities/session.entity.js';
import { acceptsSupports, nextState, TransitionRefused, type Actor, type ProposalAction, type ProposalKind } from './proposal-lifecycle.js';
import { ProposalRepository, type ProposalFilter } from './proposal.repository.js';

export interface NewProposal {
  kind: ProposalKind;
  title: string;
  body?: string;
  category?: string;
  links?: string[];
}

export interface TransitionInput {
  reason?: string;
  sessionId?: string;
  position?: number;
  allottedMinutes?: number;
  pollId?: string;
}

/** Proposals: drafting, the lifecycle (pure rules in proposal-lifecycle.ts), supports, moderation. */
@Injectable()
export class ProposalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly access: AssemblyAccess,
    private readonly assemblies: AssemblyService,
    private readonly events: AgendaEvents,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every capacity the caller holds towards a proposal of this assembly. */
  async actorsFor(principal: Principal | undefined, proposal: Pick<ProposalEntity, 'assemblyId' | 'authorId'>, manager?: EntityManager): Promise<Actor[]> {
    if (principal === undefined) return [];
    const actors: Actor[] = [];
    if (proposal.authorId === principal.accountId) actors.push('author');
    const roles = await this.access.rolesOf(principal, proposal.assemblyId, manager);
    if (roles.includes('organiser') && principal.roles.includes('organiser')) actors.push('organiser');
    if (roles.includes('facilitator') && principal.roles.includes('facilitator')) actors.push('facilitator');
    return actors;
  }

  /** Motions are filed by the assembly's seated members, petitions by residents. */
  async create(principal: Principal, assemblyId: string, proposal: NewProposal): Promise<ProposalEntity> {
    const assembly = await this.assemblies.get(assemblyId);
    if (proposal.kind === 'motion') {
      if (!(await this.access.rolesOf(principal, assemblyId)).includes('member')) throw AgendaException.motionsMembersOnly();
    } else if (!principal.roles.includes('resident')) throw AgendaException.petitionsResidentsOnly();
    return inTransaction(this.dataSource, async (manager) => {
      const created = await this.proposals.insert(
        {
          assemblyId: assembly.id,
          kind: proposal.kind,
          title: proposal.title.trim(),
          body: proposal.body ?? '',
          category: proposal.category?.trim() ?? '',
          links: proposal.links ?? [],
          authorId: principal.accountId,
        },
        manager,
      );
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'proposal.created', subjectType: 'proposal', subjectId: created.id, data: { assemblyId, kind: created.kind } },
        manager,
      );
      return created;
    });
  }

  /** The author edits a draft; after submission the text changes only by amendment. */
  async editDraft(principal: Principal, proposalId: string, changes: Partial<Pick<ProposalEntity, 'title' | 'body' | 'category' | 'links'>>): Promise<ProposalEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const proposal = await this.proposals.lockById(proposalId, manager);
      if (proposal === null) throw AgendaException.proposalNotFound();
      if (proposal.authorId !== principal.accountId) throw AgendaException.notTheAuthor();
      if (proposal.state !== 'draft') throw AgendaException.notADraft();
      const updated = await this.proposals.update(proposalId, { ...changes, ...(changes.title === undefined ? {} : { title: changes.title.trim() }) }, manager);
      // A draft has one version, kept equal to its text.
      await manager.query(`UPDATE proposal_versions SET title = $2, body = $3 WHERE proposal_id = $1 AND version = 1`, [proposalId, updated.title, updated.body]);
      return updated;
    });
  }

  async get(principal: Principal | undefined, proposalId: string): Promise<{ proposal: ProposalEntity; actors: Actor[]; supported: boolean }> {
    const proposal = await this.proposals.findById(proposalId);
    if (proposal === null) throw AgendaException.proposalNotFound();
    const actors = await this.actorsFor(principal, proposal);
    if (proposal.state === 'draft' && !actors.includes('author')) throw AgendaException.proposalNotFound();
    const supported = principal !== undefined && proposal.kind === 'petition' ? await this.proposals.supports(proposalId, principal.accountId) : false;
    return { proposal, actors, supported };
  }

  async list(principal: Principal | undefined, filter: Omit<ProposalFilter, 'includeHidden' | 'draftsOf'>): Promise<{ items: Array<{ proposal: ProposalEntity; cursorAt: string }>; organiserView: boolean }> {
    const organiserView = await this.access.isOrganiser(principal, filter.assemblyId);
    const items = await this.proposals.list({ ...filter, includeHidden: organiserView, ...(principal === undefined ? {} : { draftsOf: principal.accountId }) });
    if (items.length === 0) await this.assemblies.get(filter.assemblyId); // 404 for an unknown assembly (checked only when nothing was found)
    return { items, organiserView };
  }

  /** Applies a lifecycle action with its side effects; audited; emits `proposal.transitioned` after commit. */
  async transition(principal: Principal | undefined, proposalId: string, action: ProposalAction, input: TransitionInput = {}): Promise<ProposalEntity> {
    const events: ProposalTransitioned[] = [];
    let after: ProposalEntity;
    try {
      after = await inTransaction(this.dataSource, async (manager) => {
        events.length = 0; // a retried transaction starts over
        return this.applyTransition(principal, proposalId, action, input, manager, events);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AgendaException.slotTaken();
      throw error;
    }
    for (const event of events) this.events.publish(event);
    return after;
  }

  /** One transition inside the caller's transaction; the events to publish once it commits are pushed to `events`. */
  private async applyTransition(
    principal: Principal | undefined,
    proposalId: string,
    action: ProposalAction,
    input: TransitionInput,
    tx: EntityManager,
    events: ProposalTransitioned[],
  ): Promise<ProposalEntity> {
    const proposal = await this.proposals.lockById(proposalId, tx);
    if (proposal === null) throw AgendaException.proposalNotFound();
    const actors: Actor[] = principal === undefined ? ['system'] : await this.actorsFor(principal, proposal, tx);
    if (proposal.state === 'draft' && !actors.includes('author') && !actors.includes('system')) throw AgendaException.proposalNotFound();
    let to;
    try {
      to = nextState({ state: proposal.state, kind: proposal.kind, action, actors, reason: input.reason });
    } catch (error) {
      if (error instanceof TransitionRefused) throw AgendaException.refused(error.code, error.message);
      throw error;
    }
    const changes: Partial<ProposalEntity> = { state: to };
    const now = this.clock.now();
    switch (action) {
      case 'submit':
        changes.submittedAt = now;
        break;
      case 'open-supports': {
        const settings = await this.proposals.settings(proposal.assemblyId, tx);
        changes.supportThreshold = settings.petitionThreshold;
        changes.supportDeadline = new Date(now.getTime() + settings.petitionDays * 86_400_000);
        break;
      }
      case 'admit':
      case 'reject':
        changes.stateReason = input.reason?.trim() ?? null;
        break;
      case 'schedule':
        await this.requireSession(proposal.assemblyId, input.sessionId!, tx);
        changes.sessionId = input.sessionId!;
        changes.agendaPosition = input.position!;
        changes.allottedMinutes = input.allottedMinutes!;
        break;
      case 'unschedule':
        changes.sessionId = null;
        changes.agendaPosition = null;
        changes.allottedMinutes = null;
        break;
      case 'decide':
        if (input.pollId !== undefined) {
          const polls = await tx.query<unknown[]>(`SELECT 1 FROM polls WHERE id = $1 AND assembly_id = $2 AND status IN ('closed','published')`, [input.pollId, proposal.assemblyId]);
          if (polls.length === 0) throw AgendaException.pollNotFound();
          changes.decisionPollId = input.pollId;
        }
        break;
      default:
        break;
    }
    const after = await this.proposals.update(proposalId, changes, tx);
    const data: Record<string, unknown> = { from: proposal.state, to };
    if (input.reason !== undefined) data['reason'] = input.reason;
    if (input.sessionId !== undefined) Object.assign(data, { sessionId: input.sessionId, position: input.position, allottedMinutes: input.allottedMinutes });
    if (input.pollId !== undefined) data['pollId'] = input.pollId;
    await this.audit.record({ actor: principal === undefined ? 'system' : actorOf(principal.accountId), action: `proposal.${action}`, subjectType: 'proposal', subjectId: proposalId, data }, tx);
    events.push({ type: 'proposal.transitioned', proposalId, assemblyId: after.assemblyId, action, from: proposal.state, to });
    // A submitted petition starts collecting supports at once, in the same transaction.
    if (action === 'submit' && after.kind === 'petition') return this.applyTransition(undefined, proposalId, 'open-supports', {}, tx, events);
    return after;
  }

  private async requireSession(assemblyId: string, sessionId: string, manager: EntityManager): Promise<void> {
    const session = await manager.getRepository(SessionEntity).findOneBy({ id: sessionId });
    // A workshop group's session has no agenda of its own.
    if (session === null || session.plenarySessionId !== null) throw AgendaException.sessionNotFound();
    if (session.assemblyId !== assemblyId) throw AgendaException.sessionOfOtherAssembly();
  }

  /**
   * One support per resident (primary key), counted in the same transaction under the proposal's
   * row lock, so the stored count always equals the number of support rows. Reaching the threshold
   * moves the petition on, in that transaction too.
   */
  async support(principal: Principal, proposalId: string): Promise<ProposalEntity> {
    if (!principal.roles.includes('resident')) throw AgendaException.petitionsResidentsOnly();
    const events: ProposalTransitioned[] = [];
    const outcome = await inTransaction(this.dataSource, async (manager) => {
      events.length = 0;
      const proposal = await this.lockCollecting(proposalId, manager);
      if (!(await this.proposals.addSupport(proposalId, principal.accountId, manager))) throw AgendaException.alreadySupported();
      if (proposal.supportCount + 1 >= proposal.supportThreshold!) return this.applyTransition(undefined, proposalId, 'reach-threshold', {}, manager, events);
      return (await this.proposals.findById(proposalId, manager))!;
    });
    this.events.publish({ type: 'proposal.supports-changed', proposalId, assemblyId: outcome.assemblyId });
    for (const event of events) this.events.publish(event);
    return outcome;
  }

  async withdrawSupport(principal: Principal, proposalId: string): Promise<ProposalEntity> {
    const outcome = await inTransaction(this.dataSource, async (manager) => {
      await this.lockCollecting(proposalId, manager);
      if (!(await this.proposals.removeSupport(proposalId, principal.accountId, manager))) throw AgendaException.notSupported();
      return (await this.proposals.findById(proposalId, manager))!;
    });
    this.events.publish({ type: 'proposal.supports-changed', proposalId, assemblyId: outcome.assemblyId });
    return outcome;
  }

  private async lockCollecting(proposalId: string, manager: EntityManager): Promise<ProposalEntity> {
    const proposal = await this.proposals.lockById(proposalId, manager);
    if (proposal === null || proposal.state === 'draft') throw AgendaException.proposalNotFound();
    if (proposal.kind !== 'petition') throw AgendaException.supportsClosed('only petitions take supports');
    if (!acceptsSupports(proposal.kind, proposal.state)) throw AgendaException.supportsClosed(`the petition is ${proposal.state}`);
    if (proposal.supportDeadline !== null && this.clock.now() >= proposal.supportDeadline) throw AgendaException.supportsClosed('the deadline has passed');
    return proposal;
  }

  /** Petitions past their deadline without enough supports expire (the scheduler calls this). */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (const id of await this.proposals.dueToExpire(this.clock.now())) {
      await this.transition(undefined, id, 'expire').then(
        () => (expired += 1),
        () => undefined, // reached its threshold or moved on meanwhile
      );
    }
    return expired;
  }

  /** Organisers hide a proposal with a public reason; it stays in the record and the audit log. */
  async hide(principal: Principal, proposalId: string, reason: string | null): Promise<ProposalEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const proposal = await this.proposals.lockById(proposalId, manager);
      if (proposal === null) throw AgendaException.proposalNotFound();
      await this.access.requireOrganiser(principal, proposal.assemblyId, 'moderate proposals', manager);
      const updated = await this.proposals.update(proposalId, reason === null ? { hiddenAt: null, hiddenReason: null } : { hiddenAt: this.clock.now(), hiddenReason: reason.trim() }, manager);
      // Hiding deals with the reports that led to it.
      if (reason !== null) await manager.getRepository(ProposalReportEntity).update({ proposalId, reviewedAt: IsNull() }, { reviewedAt: this.clock.now() });
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: reason === null ? 'proposal.unhidden' : 'proposal.hidden', subjectType: 'proposal', subjectId: proposalId, data: reason === null ? {} : { reason: reason.trim() } },
        manager,
      );
      return updated;
    });
  }

  async report(principal: Principal, proposalId: string, reason: string): Promise<void> {
    const proposal = await this.proposals.findById(proposalId);
    if (proposal === null || proposal.state === 'draft') throw AgendaException.proposalNotFound();
    try {
      await this.dataSource.getRepository(ProposalReportEntity).insert({ proposalId, reporterId: principal.accountId, reason: reason.trim() });
    } catch (error) {
      if (isUniqueViolation(error)) throw AgendaException.alreadyReported();
      throw error;
    }
  }

  async reports(principal: Principal, proposalId: string): Promise<ProposalReportEntity[]> {
    const proposal = await this.proposals.findById(proposalId);
    if (proposal === null) throw AgendaException.proposalNotFound();
    await this.access.requireOrganiser(principal, proposal.assemblyId, 'read reports');
    return this.dataSource.getRepository(ProposalReportEntity).find({ where: { proposalId }, order: { createdAt: 'ASC' } });
  }

  /**
   * The moderation queue: the assembly's proposals with reports nobody has dealt with yet (or, with
   * `all`, every reported one), most recently reported first, each with its reports.
   */
  async reportedProposals(principal: Principal, assemblyId: string, all: boolean): Promise<Array<{ proposal: ProposalEntity; reports: ProposalReportEntity[] }>> {
    await this.assemblies.get(assemblyId);
    await this.access.requireOrganiser(principal, assemblyId, 'read reports');
    const reports = await this.dataSource
      .getRepository(ProposalReportEntity)
      .createQueryBuilder('r')
      .innerJoin('r.proposal', 'p')
      .where('p.assembly_id = :assemblyId', { assemblyId })
      .andWhere(all ? 'TRUE' : 'r.proposal_id IN (SELECT proposal_id FROM proposal_reports WHERE reviewed_at IS NULL)')
      .orderBy('r.created_at', 'ASC')
      .limit(5000)
      .getMany();
    const byProposal = new Map<string, ProposalReportEntity[]>();
    for (const report of reports) byProposal.set(report.proposalId, [...(byProposal.get(report.proposalId) ?? []), report]);
    const proposals = await this.proposals.findByIds([...byProposal.keys()]);
    return proposals
      .map((proposal) => ({ proposal, reports: byProposal.get(proposal.id)! }))
      .sort((a, b) => b.reports[b.reports.length - 1].createdAt.getTime() - a.reports[a.reports.length - 1].createdAt.getTime());
  }

  /** An organiser read the reports and keeps the proposal as it is: they leave the queue. Audited. */
  async dismissReports(principal: Principal, proposalId: string, reason: string): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const proposal = await this.proposals.lockById(proposalId, manager);
      if (proposal === null) throw AgendaException.proposalNotFound();
      await this.access.requireOrganiser(principal, proposal.assemblyId, 'moderate proposals', manager);
      const result = await manager.getRepository(ProposalReportEntity).update({ proposalId, reviewedAt: IsNull() }, { reviewedAt: this.clock.now() });
      const dismissed = result.affected ?? 0;
      if (dismissed === 0) throw AgendaException.noOpenReports();
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'proposal.reports-dismissed', subjectType: 'proposal', subjectId: proposalId, data: { reports: dismissed, reason: reason.trim() } },
        manager,
      );
      return dismissed;
    });
  }
}
