import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeKeysetCursor, encodeKeysetCursor, inTransaction, isUniqueViolation } from '@app/persistence';
import { ParisTimeError, parisLocalToInstant } from '@app/referendum';
import { actorOf, AuditLogService, type Principal } from '@app/shared';
import { BudgetException } from './budget.exception.js';
import { BudgetRepository } from './budget.repository.js';
import { BudgetVoteService } from './budget-vote.service.js';
import { FollowUpService } from './follow-up.service.js';
import { BUDGET_GRADE_PRESETS, type CreateEditionDto, type CreateEnvelopeDto, type CreateIdeaDto, type CreateProjectDto, type FeasibilityDto, type IdeaView, type ListIdeasQuery, type LinkedTitleDto } from './dto/budget.dto.js';
import { EDITION_PHASES, EditionEntity, type EditionPhase } from './entities/edition.entity.js';
import { EnvelopeEntity } from './entities/envelope.entity.js';
import { IdeaEntity } from './entities/idea.entity.js';
import { ProjectEntity, ProjectIdeaEntity } from './entities/project.entity.js';

/** Phases an edition can move into (all of them: kept as a list so a phase can be held back). */
/** Editions and their envelopes, residents' ideas, the projects made of them, and feasibility. */
@Injectable()
export class BudgetService {
  private readonly logger = new Logger(BudgetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BudgetRepository,
    private readonly audit: AuditLogService,
    private readonly vote: BudgetVoteService,
    private readonly followUps: FollowUpService,
  ) {}

  private requireOrganiser(principal: Principal, action: string): void {
    if (!principal.roles.includes('organiser')) throw BudgetException.notOrganiser(action);
  }

  private requirePhase(edition: EditionEntity, action: string, allowed: readonly EditionPhase[]): void {
    if (!allowed.includes(edition.phase)) throw BudgetException.wrongPhase(action, edition.phase, allowed);
  }

  async edition(id: string): Promise<EditionEntity> {
    const edition = await this.repository.edition(id);
    if (edition === null) throw BudgetException.notFound('EDITION');
    return edition;
  }

  editions(): Promise<EditionEntity[]> {
    return this.repository.editions();
  }

  async createEdition(principal: Principal, draft: CreateEditionDto): Promise<EditionEntity> {
    this.requireOrganiser(principal, 'create participatory budget editions');
    const grades = draft.grades ?? [...BUDGET_GRADE_PRESETS[draft.gradePreset ?? 'paris-4']];
    if (new Set(grades.map((grade) => grade.trim().toLowerCase())).size !== grades.length) throw BudgetException.invalid('grades must be distinct');
    const approvalThreshold = draft.approvalThreshold ?? grades.length - 2;
    if (approvalThreshold < 1 || approvalThreshold >= grades.length) throw BudgetException.invalid(`approvalThreshold must be a grade index from 1 to ${grades.length - 1} (worst = 0)`);
    if (draft.completion !== undefined && draft.rule !== 'equal-shares') throw BudgetException.invalid('completion applies to the equal-shares rule only');
    const calendar = draft.calendar;
    let voteOpensAt: Date;
    let voteClosesAt: Date;
    try {
      voteOpensAt = parisLocalToInstant(calendar.voteOpensAt);
      voteClosesAt = parisLocalToInstant(calendar.voteClosesAt);
    } catch (error) {
      if (error instanceof ParisTimeError) throw BudgetException.invalid(error.message);
      throw error;
    }
    const order: Array<[string, string]> = [
      ['ideasFrom', calendar.ideasFrom],
      ['coConstructionFrom', calendar.coConstructionFrom],
      ['feasibilityFrom', calendar.feasibilityFrom],
      ['ballotFrom', calendar.ballotFrom],
      ['voteOpensAt', calendar.voteOpensAt.slice(0, 10)],
      ['voteClosesAt', calendar.voteClosesAt.slice(0, 10)],
      ['resultsFrom', calendar.resultsFrom],
      ['followUpFrom', calendar.followUpFrom],
    ];
    for (let i = 1; i < order.length; i += 1) {
      if (order[i][1] < order[i - 1][1]) throw BudgetException.invalid(`The calendar runs in order: ${order[i][0]} (${order[i][1]}) comes before ${order[i - 1][0]} (${order[i - 1][1]})`);
    }
    if (voteClosesAt <= voteOpensAt) throw BudgetException.invalid('voteClosesAt must come after voteOpensAt');
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(EditionEntity);
      const edition = await repository.save(
        repository.create({
          title: draft.title.trim(),
          description: draft.description ?? '',
          rule: draft.rule,
          completion: draft.completion ?? null,
          grades,
          approvalThreshold,
          ideasFrom: calendar.ideasFrom,
          coConstructionFrom: calendar.coConstructionFrom,
          feasibilityFrom: calendar.feasibilityFrom,
          ballotFrom: calendar.ballotFrom,
          voteOpensAt,
          voteClosesAt,
          resultsFrom: calendar.resultsFrom,
          followUpFrom: calendar.followUpFrom,
          createdBy: principal.accountId,
        }),
      );
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.edition-created', subjectType: 'budget-edition', subjectId: edition.id, data: { title: edition.title, rule: edition.rule } }, manager);
      return edition;
    });
  }

  /**
   * One step forward. Entering `ballot` makes one poll per envelope; `vote` opens them; `results`
   * closes them and computes each envelope's winners; `follow-up` starts following the winners. That work is done first (the polls in their
   * own transactions); the phase then moves under the edition's row lock, so of two organisers at
   * once one moves it and the other is told (a loser's ballot polls stay unused drafts).
   */
  async advancePhase(principal: Principal, id: string, phase: EditionPhase): Promise<EditionEntity> {
    this.requireOrganiser(principal, 'move an edition to its next phase');
    const current = await this.edition(id);
    const next = EDITION_PHASES[EDITION_PHASES.indexOf(current.phase) + 1];
    if (phase !== next) throw BudgetException.of('conflict', 'PHASE_ORDER', `The edition is in ${current.phase}; its next phase is ${next ?? 'none'}, one step at a time`, { phase: current.phase, next: next ?? null });
    const ballot = phase === 'ballot' ? await this.vote.makeBallot(principal, current) : [];
    if (phase === 'vote') await this.vote.openVote(principal, id);
    const results = phase === 'results' ? await this.vote.closeVote(current) : [];
    // Before following up, the polls are published (normally long done, in the background, below).
    if (phase === 'follow-up') await this.vote.publishPolls(principal, id);
    const moved = await inTransaction(this.dataSource, async (manager) => {
      const edition = await this.repository.edition(id, manager, true);
      if (edition === null) throw BudgetException.notFound('EDITION');
      if (edition.phase !== current.phase) throw BudgetException.of('conflict', 'PHASE_ORDER', `The edition has just moved to ${edition.phase}`, { phase: edition.phase });
      await this.vote.link(ballot, manager);
      await this.vote.saveResults(principal, id, results, manager);
      if (phase === 'follow-up') await this.followUps.start(id, await this.vote.results(id), principal, manager);
      edition.phase = phase;
      await manager.getRepository(EditionEntity).save(edition);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.phase-changed', subjectType: 'budget-edition', subjectId: id, data: { from: current.phase, to: phase } }, manager);
      return edition;
    });
    if (phase === 'results') {
      // The winners are committed and served; the polls' publication waits for their ballot boxes' mixing, so it follows.
      void this.vote.publishPolls(principal, id).catch((error: unknown) => this.logger.warn({ msg: 'publishing the budget polls failed; entering follow-up publishes them', editionId: id, error: String(error) }));
    }
    return moved;
  }

  async envelopes(editionId: string): Promise<EnvelopeEntity[]> {
    await this.edition(editionId);
    return this.repository.envelopes(editionId);
  }

  async createEnvelope(principal: Principal, editionId: string, draft: CreateEnvelopeDto): Promise<EnvelopeEntity> {
    this.requireOrganiser(principal, 'set up envelopes');
    if ((draft.kind === 'district') !== (draft.district !== undefined)) throw BudgetException.invalid('A district envelope names its district, and only a district envelope does');
    if (draft.maxProjectCostCents !== undefined && draft.maxProjectCostCents > draft.amountCents) throw BudgetException.invalid('maxProjectCostCents cannot exceed the envelope');
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const edition = await this.repository.edition(editionId, manager, true);
        if (edition === null) throw BudgetException.notFound('EDITION');
        this.requirePhase(edition, 'Setting up envelopes', ['draft', 'ideas', 'co-construction', 'feasibility']);
        const repository = manager.getRepository(EnvelopeEntity);
        const envelope = await repository.save(
          repository.create({ editionId, kind: draft.kind, district: draft.district?.trim() ?? null, name: draft.name.trim(), amountCents: String(draft.amountCents), maxProjectCostCents: draft.maxProjectCostCents === undefined ? null : String(draft.maxProjectCostCents) }),
        );
        await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.envelope-created', subjectType: 'budget-edition', subjectId: editionId, data: { envelopeId: envelope.id, kind: envelope.kind, district: envelope.district, amountCents: envelope.amountCents } }, manager);
        return envelope;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw BudgetException.of('conflict', 'ENVELOPE_TAKEN', draft.kind === 'citywide' ? 'The edition already has its citywide envelope' : draft.kind === 'district' ? `The edition already has an envelope for ${draft.district}` : `An envelope is already named "${draft.name}"`);
      throw error;
    }
  }

  /** A district named by an idea or a project must have its envelope in the edition. */
  private async checkDistrict(editionId: string, district: string | undefined): Promise<string | null> {
    return district === undefined ? null : this.repository.knownDistrict(editionId, district);
  }

  async fileIdea(principal: Principal, editionId: string, draft: CreateIdeaDto): Promise<IdeaView> {
    if (!principal.roles.includes('resident')) throw BudgetException.of('forbidden', 'IDEAS_RESIDENTS_ONLY', 'Only residents file ideas');
    const edition = await this.edition(editionId);
    this.requirePhase(edition, 'Filing an idea', ['ideas']);
    const district = await this.checkDistrict(editionId, draft.district);
    const repository = this.dataSource.getRepository(IdeaEntity);
    const idea = await repository.save(repository.create({ editionId, authorId: principal.accountId, title: draft.title.trim(), body: draft.body ?? '', district, location: draft.location?.trim() ?? '' }));
    return (await this.repository.idea(idea.id, principal.accountId))!;
  }

  async ideas(editionId: string, query: ListIdeasQuery, accountId: string | null): Promise<{ views: IdeaView[]; nextCursor: string | null }> {
    await this.edition(editionId);
    const after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor);
    if (after === null) throw BudgetException.of('invalid', 'BUDGET_INVALID', 'cursor is not one this API gave');
    const { views, last } = await this.repository.ideaPage(editionId, { q: query.q, district: query.district, limit: query.limit ?? 20, after }, accountId);
    return { views, nextCursor: last === null ? null : encodeKeysetCursor(last) };
  }

  async idea(id: string, accountId: string | null): Promise<IdeaView> {
    const view = await this.repository.idea(id, accountId);
    if (view === null) throw BudgetException.notFound('IDEA');
    return view;
  }

  /** Following is idempotent: following twice is following. */
  async follow(principal: Principal, ideaId: string, on: boolean): Promise<IdeaView> {
    await this.idea(ideaId, principal.accountId);
    await this.repository.follow(ideaId, principal.accountId, on);
    return this.idea(ideaId, principal.accountId);
  }

  async createProject(principal: Principal, editionId: string, draft: CreateProjectDto): Promise<{ project: ProjectEntity; ideas: LinkedTitleDto[] }> {
    this.requireOrganiser(principal, 'make projects from ideas');
    const district = await this.checkDistrict(editionId, draft.district);
    const ideaIds = [...new Set(draft.ideaIds)];
    return inTransaction(this.dataSource, async (manager) => {
      const edition = await this.repository.edition(editionId, manager);
      if (edition === null) throw BudgetException.notFound('EDITION');
      this.requirePhase(edition, 'Making projects from ideas', ['co-construction']);
      const ideas = await this.repository.ideasOfEdition(editionId, ideaIds, manager);
      const missing = ideaIds.filter((id) => !ideas.some((idea) => idea.id === id));
      if (missing.length > 0) throw BudgetException.of('not-found', 'IDEA_NOT_FOUND', `No idea of this edition with id ${missing.join(', ')}`, { missing });
      const repository = manager.getRepository(ProjectEntity);
      const project = await repository.save(repository.create({ editionId, title: draft.title.trim(), description: draft.description ?? '', district, location: draft.location?.trim() ?? '' }));
      await manager.getRepository(ProjectIdeaEntity).insert(ideaIds.map((ideaId) => ({ projectId: project.id, ideaId })));
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'budget.project-created', subjectType: 'budget-project', subjectId: project.id, data: { editionId, title: project.title, ideas: ideaIds } }, manager);
      return { project, ideas: (await this.repository.lineage([project.id], manager)).get(project.id)! };
    });
  }

  async projects(editionId: string): Promise<Array<{ project: ProjectEntity; ideas: LinkedTitleDto[] }>> {
    await this.edition(editionId);
    const projects = await this.repository.projects(editionId);
    const lineage = await this.repository.lineage(projects.map((project) => project.id));
    return projects.map((project) => ({ project, ideas: lineage.get(project.id)! }));
  }

  async project(id: string): Promise<{ project: ProjectEntity; ideas: LinkedTitleDto[] }> {
    const project = await this.repository.project(id);
    if (project === null) throw BudgetException.notFound('PROJECT');
    return { project, ideas: (await this.repository.lineage([id])).get(id)! };
  }

  /**
   * The services' study: admissible with a cost and an envelope that fits it (the project's district's
   * envelope or a ring-fenced one; citywide projects the citywide or a ring-fenced one; within the
   * envelope's maximum cost), or inadmissible, always with a public reason. Can be revised during the
   * feasibility phase.
   */
  async decideFeasibility(principal: Principal, projectId: string, decision: FeasibilityDto): Promise<{ project: ProjectEntity; ideas: LinkedTitleDto[] }> {
    this.requireOrganiser(principal, 'record feasibility studies');
    return inTransaction(this.dataSource, async (manager) => {
      const project = await this.repository.project(projectId, manager, true);
      if (project === null) throw BudgetException.notFound('PROJECT');
      const edition = (await this.repository.edition(project.editionId, manager))!;
      this.requirePhase(edition, 'Recording feasibility', ['feasibility']);
      if (decision.admissible) {
        if (decision.costCents === undefined || decision.envelopeId === undefined) throw BudgetException.invalid('An admissible project needs costCents and envelopeId');
        const envelope = await this.repository.envelope(decision.envelopeId, manager);
        if (envelope === null || envelope.editionId !== project.editionId) throw BudgetException.notFound('ENVELOPE');
        const fits = envelope.kind === 'ring-fenced' || (project.district === null ? envelope.kind === 'citywide' : envelope.district === project.district);
        if (!fits) throw BudgetException.of('unprocessable', 'ENVELOPE_MISMATCH', project.district === null ? 'A citywide project goes in the citywide envelope or a ring-fenced one' : `A project of ${project.district} goes in that district's envelope or a ring-fenced one`);
        const limit = BigInt(envelope.maxProjectCostCents ?? envelope.amountCents);
        if (BigInt(decision.costCents) > limit) throw BudgetException.of('unprocessable', 'COST_OVER_LIMIT', `The cost (${decision.costCents} cents) is above what the envelope allows for one project (${limit} cents)`, { limitCents: limit.toString() });
        project.feasibility = 'admissible';
        project.costCents = String(decision.costCents);
        project.envelopeId = envelope.id;
      } else {
        project.feasibility = 'inadmissible';
        project.costCents = null;
        project.envelopeId = null;
      }
      project.feasibilityReason = decision.reason.trim();
      await manager.getRepository(ProjectEntity).save(project);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'budget.feasibility-decided', subjectType: 'budget-project', subjectId: project.id, data: { feasibility: project.feasibility, reason: project.feasibilityReason, costCents: project.costCents, envelopeId: project.envelopeId } },
        manager,
      );
      return { project, ideas: (await this.repository.lineage([project.id], manager)).get(project.id)! };
    });
  }
}
