import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, OptionalPrincipal, Public, toCsvText, type Principal } from '@app/shared';
import { BudgetService } from './budget.service.js';
import { BudgetVoteService } from './budget-vote.service.js';
import { BudgetException } from './budget.exception.js';
import { FollowUpService } from './follow-up.service.js';
import {
  AdvancePhaseDto,
  BallotEnvelopeDto,
  DeclareDistrictDto,
  EnvelopeResultDto,
  FollowUpDto,
  FollowUpExportQuery,
  FollowUpUpdateDto,
  mapFollowUp,
  VoterDto,
  CreateEditionDto,
  CreateEnvelopeDto,
  CreateIdeaDto,
  CreateProjectDto,
  EditionDto,
  EnvelopeDto,
  FeasibilityDto,
  IdeaDto,
  IdeaPageDto,
  IdParams,
  ListIdeasQuery,
  mapEdition,
  mapEnvelope,
  mapIdea,
  mapProject,
  ProjectDto,
} from './dto/budget.dto.js';

@ApiTags('participatory budget')
@ApiBearerAuth()
@Controller('budget')
export class BudgetController {
  constructor(
    private readonly budget: BudgetService,
    private readonly vote: BudgetVoteService,
    private readonly followUps: FollowUpService,
  ) {}

  @Post('editions')
  @ApiOperation({ summary: 'Create an edition: its calendar, grade scale and selection rule (city organisers; audited)' })
  @ApiCreatedResponse({ type: EditionDto })
  async createEdition(@CurrentPrincipal() principal: Principal, @Body() body: CreateEditionDto): Promise<EditionDto> {
    return mapEdition(await this.budget.createEdition(principal, body));
  }

  @Get('editions')
  @Public()
  @ApiOperation({ summary: 'Editions, newest vote first (public)' })
  @ApiOkResponse({ type: EditionDto, isArray: true })
  async editions(): Promise<EditionDto[]> {
    return (await this.budget.editions()).map(mapEdition);
  }

  @Get('editions/:id')
  @Public()
  @ApiOperation({ summary: 'An edition (public)' })
  @ApiOkResponse({ type: EditionDto })
  async edition(@Param() params: IdParams): Promise<EditionDto> {
    return mapEdition(await this.budget.edition(params.id));
  }

  @Post('editions/:id/phase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the edition to its next phase, one step at a time (city organisers; audited)' })
  @ApiOkResponse({ type: EditionDto })
  async advance(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: AdvancePhaseDto): Promise<EditionDto> {
    return mapEdition(await this.budget.advancePhase(principal, params.id, body.phase));
  }

  @Get('editions/:id/envelopes')
  @Public()
  @ApiOperation({ summary: "The edition's envelopes: citywide, per district, ring-fenced (public)" })
  @ApiOkResponse({ type: EnvelopeDto, isArray: true })
  async envelopes(@Param() params: IdParams): Promise<EnvelopeDto[]> {
    return (await this.budget.envelopes(params.id)).map(mapEnvelope);
  }

  @Post('editions/:id/envelopes')
  @ApiOperation({ summary: 'Add an envelope, in whole cents, with an optional maximum cost per project (city organisers, before the ballot; audited)' })
  @ApiCreatedResponse({ type: EnvelopeDto })
  async createEnvelope(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateEnvelopeDto): Promise<EnvelopeDto> {
    return mapEnvelope(await this.budget.createEnvelope(principal, params.id, body));
  }

  @Post('editions/:id/ideas')
  @ApiOperation({ summary: 'File an idea, for a district or citywide (residents, in the ideas phase)' })
  @ApiCreatedResponse({ type: IdeaDto })
  async fileIdea(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateIdeaDto): Promise<IdeaDto> {
    return mapIdea(await this.budget.fileIdea(principal, params.id, body), principal.accountId);
  }

  @Get('editions/:id/ideas')
  @Public()
  @ApiOperation({ summary: 'Ideas, newest first, searchable in French and English, by district ("citywide" for the others); keyset-paginated (public)' })
  @ApiOkResponse({ type: IdeaPageDto })
  async ideas(@OptionalPrincipal() principal: Principal | null, @Param() params: IdParams, @Query() query: ListIdeasQuery): Promise<IdeaPageDto> {
    const accountId = principal?.accountId ?? null;
    const { views, nextCursor } = await this.budget.ideas(params.id, query, accountId);
    return { items: views.map((view) => mapIdea(view, accountId)), nextCursor };
  }

  @Get('ideas/:id')
  @Public()
  @ApiOperation({ summary: 'An idea, with its followers and the projects it became (public)' })
  @ApiOkResponse({ type: IdeaDto })
  async idea(@OptionalPrincipal() principal: Principal | null, @Param() params: IdParams): Promise<IdeaDto> {
    const accountId = principal?.accountId ?? null;
    return mapIdea(await this.budget.idea(params.id, accountId), accountId);
  }

  @Put('ideas/:id/follow')
  @ApiOperation({ summary: 'Follow an idea, to see what becomes of it (signed in; idempotent)' })
  @ApiOkResponse({ type: IdeaDto })
  async follow(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<IdeaDto> {
    return mapIdea(await this.budget.follow(principal, params.id, true), principal.accountId);
  }

  @Delete('ideas/:id/follow')
  @ApiOperation({ summary: 'Stop following an idea (idempotent)' })
  @ApiOkResponse({ type: IdeaDto })
  async unfollow(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<IdeaDto> {
    return mapIdea(await this.budget.follow(principal, params.id, false), principal.accountId);
  }

  @Post('editions/:id/projects')
  @ApiOperation({ summary: 'Make a project from one or more ideas, keeping its lineage (city organisers, in co-construction; audited)' })
  @ApiCreatedResponse({ type: ProjectDto })
  async createProject(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateProjectDto): Promise<ProjectDto> {
    const { project, ideas } = await this.budget.createProject(principal, params.id, body);
    return mapProject(project, ideas);
  }

  @Get('editions/:id/projects')
  @Public()
  @ApiOperation({ summary: "The edition's projects with their feasibility and the ideas they come from (public)" })
  @ApiOkResponse({ type: ProjectDto, isArray: true })
  async projects(@Param() params: IdParams): Promise<ProjectDto[]> {
    return (await this.budget.projects(params.id)).map(({ project, ideas }) => mapProject(project, ideas));
  }

  @Get('projects/:id')
  @Public()
  @ApiOperation({ summary: 'A project (public)' })
  @ApiOkResponse({ type: ProjectDto })
  async project(@Param() params: IdParams): Promise<ProjectDto> {
    const { project, ideas } = await this.budget.project(params.id);
    return mapProject(project, ideas);
  }

  @Put('projects/:id/feasibility')
  @ApiOperation({ summary: "The services' study: admissible with a cost and an envelope, or not, with a public reason (city organisers, in feasibility; audited)" })
  @ApiOkResponse({ type: ProjectDto })
  async feasibility(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: FeasibilityDto): Promise<ProjectDto> {
    const { project, ideas } = await this.budget.decideFeasibility(principal, params.id, body);
    return mapProject(project, ideas);
  }

  @Put('editions/:id/district')
  @ApiOperation({ summary: 'Declare the district you vote in (residents); it can change until your first ballot in the edition' })
  @ApiOkResponse({ type: VoterDto })
  async declare(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: DeclareDistrictDto): Promise<VoterDto> {
    const voter = await this.vote.declareDistrict(principal, params.id, body.district.trim());
    return { district: voter.district, locked: voter.firstBallotAt !== null };
  }

  @Get('editions/:id/voter')
  @ApiOperation({ summary: 'Your district in this edition, and whether it is fixed by a ballot (signed in)' })
  @ApiOkResponse({ type: VoterDto })
  async voter(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<VoterDto> {
    await this.budget.edition(params.id);
    const voter = await this.vote.voter(principal, params.id);
    return { district: voter?.district ?? null, locked: (voter?.firstBallotAt ?? null) !== null };
  }

  @Get('editions/:id/ballot')
  @Public()
  @ApiOperation({ summary: "The ballot: each envelope's poll and its projects with their cost (public, once the ballot is fixed)" })
  @ApiOkResponse({ type: BallotEnvelopeDto, isArray: true })
  async ballot(@Param() params: IdParams): Promise<BallotEnvelopeDto[]> {
    const envelopes = await this.budget.envelopes(params.id);
    const projects = await this.budget.projects(params.id);
    return envelopes.flatMap((envelope) =>
      envelope.pollId === null
        ? []
        : [
            {
              envelope: mapEnvelope(envelope),
              pollId: envelope.pollId,
              projects: projects
                .filter(({ project }) => project.envelopeId === envelope.id && project.pollOptionId !== null)
                .map(({ project }) => ({ projectId: project.id, optionId: project.pollOptionId!, title: project.title, costCents: project.costCents! })),
            },
          ],
    );
  }

  @Get('editions/:id/results')
  @Public()
  @ApiOperation({ summary: "Each envelope's winners: every project in ranking order, funded or not with what was left, spent and left; for equal shares, who paid what (public, from the results phase)" })
  @ApiOkResponse({ type: EnvelopeResultDto, isArray: true })
  async results(@Param() params: IdParams): Promise<EnvelopeResultDto[]> {
    const edition = await this.budget.edition(params.id);
    if (!['results', 'follow-up'].includes(edition.phase)) throw BudgetException.of('conflict', 'RESULTS_NOT_READY', `The results come with the results phase; the edition is in ${edition.phase}`);
    const [envelopes, projects, results] = await Promise.all([this.budget.envelopes(params.id), this.budget.projects(params.id), this.vote.results(params.id)]);
    const titles = new Map(projects.map(({ project }) => [project.id, project.title]));
    return results.flatMap((result) => {
      const envelope = envelopes.find((candidate) => candidate.id === result.envelopeId)!;
      return [
        {
          envelope: mapEnvelope(envelope),
          pollId: envelope.pollId!,
          rule: result.rule,
          completion: result.completion,
          voters: result.voters,
          budgetCents: result.budgetCents,
          spentCents: result.spentCents,
          leftCents: (BigInt(result.budgetCents) - BigInt(result.spentCents)).toString(),
          lines: result.lines.map((line) => ({ ...line, title: titles.get(line.projectId) ?? '' })),
          rounds: result.rounds,
        },
      ];
    });
  }

  @Put('projects/:id/follow-up')
  @ApiOperation({ summary: "A winning project's progress: study → works → delivered, or abandoned with a public reason; money committed and spent (city organisers, in the follow-up phase; audited)" })
  @ApiOkResponse({ type: FollowUpDto })
  async updateFollowUp(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: FollowUpUpdateDto): Promise<FollowUpDto> {
    return mapFollowUp(await this.followUps.update(principal, params.id, body));
  }

  @Get('editions/:id/follow-up')
  @Public()
  @ApiOperation({ summary: 'What becomes of the winners: each one’s status, money committed and spent, and timeline (public)' })
  @ApiOkResponse({ type: FollowUpDto, isArray: true })
  async followUp(@Param() params: IdParams): Promise<FollowUpDto[]> {
    await this.budget.edition(params.id);
    return (await this.followUps.list(params.id)).map(mapFollowUp);
  }

  @Get('editions/:id/follow-up/export')
  @Public()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'The follow-up as open data: JSON, or CSV with one line per project (public)' })
  @ApiOkResponse({ type: FollowUpDto, isArray: true })
  async exportFollowUp(@Param() params: IdParams, @Query() query: FollowUpExportQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<FollowUpDto[] | string> {
    await this.budget.edition(params.id);
    const rows = (await this.followUps.list(params.id)).map(mapFollowUp);
    if (query.format !== 'csv') return rows;
    void response.header('Content-Type', 'text/csv; charset=utf-8');
    void response.header('Content-Disposition', `attachment; filename="follow-up-${params.id}.csv"`);
    return toCsvText([
      ['project_id', 'title', 'district', 'cost_cents', 'status', 'reason', 'committed_cents', 'spent_cents', 'updated_at'],
      ...rows.map((row) => [row.projectId, row.title, row.district ?? '', row.costCents, row.status, row.reason ?? '', row.committedCents, row.spentCents, row.updatedAt]),
    ]);
  }
}
