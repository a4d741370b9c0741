import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AssemblyAccess, AssemblyService } from '@app/assembly';
import { DecisionException } from './decision.exception.js';
import { parisToday, type CouncilAnswer, type MilestoneStatus } from './decision-timeline.js';
import { DecisionChangeEntity, type DecisionChangeKind } from './entities/decision-change.entity.js';
import { DecisionMilestoneEntity } from './entities/decision-milestone.entity.js';
import { DecisionEntity } from './entities/decision.entity.js';
import { ProposalEntity } from './entities/proposal.entity.js';

export interface DecisionView {
  decision: DecisionEntity;
  milestones: DecisionMilestoneEntity[];
  poll: { id: string; title: string; status: string };
}

export interface MilestoneChanges {
  title?: string;
  department?: string;
  plannedOn?: string;
  status?: MilestoneStatus;
  doneOn?: string | null;
  committedCents?: number | null;
  note?: string;
}

/**
 * Decisions followed to the end: recorded from a proposal the assembly decided, with the vote that
 * adopted it; then the transmission to the Conseil de Paris, its answer, the milestones. Reading is
 * public; the assembly's organisers write, each change audited and added to the public feed, under
 * the decision's row lock so two edits never overwrite each other.
 */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssemblyAccess,
    private readonly assemblies: AssemblyService,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(principal: Principal, proposalId: string, input: { pollId?: string }): Promise<DecisionView> {
    try {
      const id = await inTransaction(this.dataSource, async (manager) => {
        const proposal = await manager.getRepository(ProposalEntity).findOne({ where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
        if (proposal === null) throw DecisionException.notFound();
        await this.access.requireOrganiser(principal, proposal.assemblyId, 'follow decisions', manager);
        if (proposal.state !== 'decided' && proposal.state !== 'archived') throw DecisionException.proposalNotDecided(proposal.state);
        const existing = await manager.getRepository(DecisionEntity).findOneBy({ proposalId });
        if (existing !== null) throw DecisionException.exists(existing.id);
        const pollId = input.pollId ?? proposal.decisionPollId;
        if (pollId === null) throw DecisionException.pollRequired();
        const polls: Array<{ closed_at: Date | null }> = await manager.query(`SELECT closed_at FROM polls WHERE id = $1 AND assembly_id = $2 AND status IN ('closed','published')`, [pollId, proposal.assemblyId]);
        if (polls[0] === undefined) throw DecisionException.pollRequired();
        const repository = manager.getRepository(DecisionEntity);
        const saved = await repository.save(
          repository.create({
            assemblyId: proposal.assemblyId,
            proposalId,
            pollId,
            title: proposal.title,
            text: proposal.body,
            adoptedOn: parisToday(polls[0].closed_at ?? this.clock.now()),
            createdBy: principal.accountId,
          }),
        );
        await this.record(manager, principal, saved, 'adopted', { pollId, proposalId });
        return saved.id;
      });
      return await this.get(id);
    } catch (error) {
      // Two organisers recording the same decision at once: the unique index lets one through.
      if (isUniqueViolation(error, 'decisions_proposal_key')) {
        const existing = await this.dataSource.getRepository(DecisionEntity).findOneByOrFail({ proposalId });
        throw DecisionException.exists(existing.id);
      }
      throw error;
    }
  }

  async list(assemblyId: string): Promise<DecisionView[]> {
    await this.assemblies.get(assemblyId);
    const decisions = await this.dataSource.getRepository(DecisionEntity).find({ where: { assemblyId }, order: { adoptedOn: 'DESC', createdAt: 'DESC' } });
    return this.views(decisions);
  }

  async get(decisionId: string): Promise<DecisionView> {
    const decision = await this.dataSource.getRepository(DecisionEntity).findOneBy({ id: decisionId });
    if (decision === null) throw DecisionException.notFound();
    const [view] = await this.views([decision]);
    return view;
  }

  /** The decision's changes, oldest first: its public timeline. */
  changesOf(decisionId: string): Promise<DecisionChangeEntity[]> {
    return this.dataSource.getRepository(DecisionChangeEntity).find({ where: { decisionId }, order: { seq: 'ASC' } });
  }

  /** The assembly's latest changes, newest first, with their decisions' titles: the Atom feed. */
  async recentChanges(assemblyId: string, limit: number): Promise<Array<DecisionChangeEntity & { decisionTitle: string }>> {
    await this.assemblies.get(assemblyId);
    const rows = await this.dataSource
      .getRepository(DecisionChangeEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.decision', 'd')
      .where('d.assembly_id = :assemblyId', { assemblyId })
      .orderBy('c.seq', 'DESC')
      .take(limit)
      .getMany();
    return rows.map((row) => Object.assign(row, { decisionTitle: row.decision!.title }));
  }

  async setTransmission(principal: Principal, decisionId: string, input: { transmittedOn: string; reference: string; answerDueOn?: string | null }): Promise<DecisionView> {
    await this.change(principal, decisionId, async (manager, decision) => {
      this.notFuture(input.transmittedOn, 'transmittedOn');
      if (input.transmittedOn < decision.adoptedOn) throw DecisionException.datesInvalid(`The transmission (${input.transmittedOn}) cannot come before the adoption (${decision.adoptedOn})`);
      if (input.answerDueOn !== undefined && input.answerDueOn !== null && input.answerDueOn < input.transmittedOn) throw DecisionException.datesInvalid('The answer cannot be expected before the transmission');
      if (decision.answeredOn !== null && decision.answeredOn < input.transmittedOn) throw DecisionException.datesInvalid(`The council answered on ${decision.answeredOn}, before this transmission day`);
      await manager.update(DecisionEntity, { id: decision.id }, { transmittedOn: input.transmittedOn, transmissionReference: input.reference, answerDueOn: input.answerDueOn ?? null });
      await this.record(manager, principal, decision, 'transmitted', { transmittedOn: input.transmittedOn, reference: input.reference, answerDueOn: input.answerDueOn ?? null });
    });
    return this.get(decisionId);
  }

  async setAnswer(principal: Principal, decisionId: string, input: { answer: CouncilAnswer; answeredOn: string; text?: string; reasons?: string }): Promise<DecisionView> {
    await this.change(principal, decisionId, async (manager, decision) => {
      if (decision.transmittedOn === null) throw DecisionException.notTransmitted();
      this.notFuture(input.answeredOn, 'answeredOn');
      if (input.answeredOn < decision.transmittedOn) throw DecisionException.datesInvalid(`The answer (${input.answeredOn}) cannot come before the transmission (${decision.transmittedOn})`);
      await manager.update(
        DecisionEntity,
        { id: decision.id },
        { councilAnswer: input.answer, answeredOn: input.answeredOn, councilText: input.answer === 'amended' ? (input.text ?? null) : null, councilReasons: input.answer === 'rejected' ? (input.reasons ?? null) : null },
      );
      await this.record(manager, principal, decision, 'answered', { answer: input.answer, answeredOn: input.answeredOn, ...(input.answer === 'rejected' ? { reasons: input.reasons } : {}) });
    });
    return this.get(decisionId);
  }

  async addMilestone(principal: Principal, decisionId: string, input: { title: string; department: string; plannedOn: string; committedCents?: number | null; note?: string }): Promise<DecisionView> {
    await this.change(principal, decisionId, async (manager, decision) => {
      const repository = manager.getRepository(DecisionMilestoneEntity);
      const saved = await repository.save(
        repository.create({ decisionId, title: input.title, department: input.department, plannedOn: input.plannedOn, committedCents: input.committedCents === undefined || input.committedCents === null ? null : String(input.committedCents), note: input.note ?? '' }),
      );
      await this.record(manager, principal, decision, 'milestone-added', { milestoneId: saved.id, title: saved.title, department: saved.department, plannedOn: saved.plannedOn });
    });
    return this.get(decisionId);
  }

  /** Changes only the fields given; "done" needs its day (given, or today). */
  async updateMilestone(principal: Principal, decisionId: string, milestoneId: string, input: MilestoneChanges): Promise<DecisionView> {
    await this.change(principal, decisionId, async (manager, decision) => {
      const repository = manager.getRepository(DecisionMilestoneEntity);
      const milestone = await repository.findOneBy({ id: milestoneId, decisionId });
      if (milestone === null) throw DecisionException.milestoneNotFound();
      const status = input.status ?? milestone.status;
      let doneOn = input.doneOn === undefined ? milestone.doneOn : input.doneOn;
      if (status === 'done') doneOn ??= parisToday(this.clock.now());
      else doneOn = null;
      if (doneOn !== null) this.notFuture(doneOn, 'doneOn');
      const changes = {
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.department === undefined ? {} : { department: input.department }),
        ...(input.plannedOn === undefined ? {} : { plannedOn: input.plannedOn }),
        ...(input.committedCents === undefined ? {} : { committedCents: input.committedCents === null ? null : String(input.committedCents) }),
        ...(input.note === undefined ? {} : { note: input.note }),
        status,
        doneOn,
      };
      await repository.update({ id: milestoneId }, changes);
      await this.record(manager, principal, decision, 'milestone-updated', { ...input, milestoneId, title: changes.title ?? milestone.title, status, doneOn });
    });
    return this.get(decisionId);
  }

  private async change(principal: Principal, decisionId: string, work: (manager: EntityManager, decision: DecisionEntity) => Promise<void>): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const decision = await manager.getRepository(DecisionEntity).findOne({ where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (decision === null) throw DecisionException.notFound();
      await this.access.requireOrganiser(principal, decision.assemblyId, 'update decisions', manager);
      await work(manager, decision);
      await manager.update(DecisionEntity, { id: decision.id }, { updatedAt: this.clock.now() });
    });
  }

  private async record(manager: EntityManager, principal: Principal, decision: DecisionEntity, kind: DecisionChangeKind, data: Record<string, unknown>): Promise<void> {
    const clean = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
    await manager.getRepository(DecisionChangeEntity).save(manager.getRepository(DecisionChangeEntity).create({ decisionId: decision.id, kind, data: clean, at: this.clock.now() }));
    await this.audit.record({ actor: actorOf(principal.accountId), action: `decision.${kind}`, subjectType: 'decision', subjectId: decision.id, data: clean }, manager);
  }

  private notFuture(day: string, field: string): void {
    if (day > parisToday(this.clock.now())) throw DecisionException.datesInvalid(`${field} (${day}) is in the future: record what has happened`);
  }

  private async views(decisions: DecisionEntity[]): Promise<DecisionView[]> {
    if (decisions.length === 0) return [];
    const ids = decisions.map((decision) => decision.id);
    const milestones = await this.dataSource.getRepository(DecisionMilestoneEntity).createQueryBuilder('m').where('m.decision_id = ANY(:ids)', { ids }).orderBy('m.planned_on', 'ASC').addOrderBy('m.created_at', 'ASC').getMany();
    const polls: Array<{ id: string; title: string; status: string }> = await this.dataSource.query(`SELECT id, title, status FROM polls WHERE id = ANY($1::uuid[])`, [decisions.map((decision) => decision.pollId)]);
    const pollById = new Map(polls.map((poll) => [poll.id, poll]));
    return decisions.map((decision) => ({ decision, milestones: milestones.filter((milestone) => milestone.decisionId === decision.id), poll: pollById.get(decision.pollId)! }));
  }
}
