import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, DownloadFormatQuery, OptionalPrincipal, Public, toCsvText, type Principal } from '@app/shared';
import { AgendaException } from './agenda.exception.js';
import { AmendmentService } from './amendment.service.js';
import {
  AgendaSettingsDto,
  AmendmentDto,
  CreateProposalDto,
  CreateSessionDto,
  DecideAmendmentDto,
  decodeCursor,
  DismissedReportsDto,
  DiffQuery,
  EditDraftDto,
  encodeCursor,
  IdParams,
  ListProposalsQuery,
  mapAmendment,
  mapProposal,
  mapReport,
  mapSession,
  mapVersion,
  ProposalDto,
  ProposalDiffDto,
  ProposalPageDto,
  ProposalVersionDto,
  ProposeAmendmentDto,
  ReasonDto,
  ReportDto,
  ReportedProposalDto,
  ReportsQuery,
  SessionAgendaDto,
  SessionDto,
  TransitionDto,
  TransitionParams,
  UpcomingSessionsQuery,
} from './dto/agenda.dto.js';
import { ProposalRepository } from './proposal.repository.js';
import { ProposalService } from './proposal.service.js';
import { SessionService } from './session.service.js';

@ApiTags('agenda')
@ApiBearerAuth()
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalService,
    private readonly amendments: AmendmentService,
    private readonly sessions: SessionService,
    private readonly repository: ProposalRepository,
  ) {}

  @Post('assemblies/:id/proposals')
  @ApiOperation({ summary: "Draft a proposal: a motion (the assembly's members) or a petition (residents)" })
  @ApiCreatedResponse({ type: ProposalDto })
  async create(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateProposalDto): Promise<ProposalDto> {
    return mapProposal(await this.proposals.create(principal, params.id, body));
  }

  @Get('assemblies/:id/proposals')
  @Public()
  @ApiOperation({ summary: 'Proposals, newest first: filters, French/English full-text search, stable cursor pagination (public)' })
  @ApiOkResponse({ type: ProposalPageDto })
  async list(@OptionalPrincipal() principal: Principal | undefined, @Param() params: IdParams, @Query() query: ListProposalsQuery): Promise<ProposalPageDto> {
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (before === null) throw AgendaException.cursorInvalid();
    const limit = query.limit ?? 20;
    const { items, organiserView } = await this.proposals.list(principal, { assemblyId: params.id, state: query.state, kind: query.kind, category: query.category, q: query.q, before, limit });
    return {
      items: items.map(({ proposal }) => mapProposal(proposal, { showHidden: organiserView, withBody: false })),
      ...(items.length === limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}),
    };
  }

  @Get('assemblies/:id/proposals/export')
  @Public()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Open data: every public proposal with its support count and decision, as JSON or CSV (public)' })
  async export(@Param() params: IdParams, @Query() query: DownloadFormatQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<unknown> {
    const rows = (await this.repository.openData(params.id)).map((p) => ({
      id: p.id,
      kind: p.kind,
      state: p.state,
      title: p.title,
      category: p.category,
      supportCount: p.supportCount,
      supportThreshold: p.supportThreshold,
      decisionPollId: p.decisionPollId,
      stateReason: p.stateReason,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
    }));
    if (query.format !== 'csv') return rows;
    void response.header('Content-Type', 'text/csv; charset=utf-8');
    void response.header('Content-Disposition', `attachment; filename="proposals-${params.id}.csv"`);
    const columns = ['id', 'kind', 'state', 'title', 'category', 'supportCount', 'supportThreshold', 'decisionPollId', 'stateReason', 'submittedAt', 'createdAt'] as const;
    return toCsvText([columns, ...rows.map((row) => columns.map((column) => (row[column] === null ? '' : String(row[column]))))]);
  }

  @Get('proposals/:id')
  @Public()
  @ApiOperation({ summary: 'A proposal with its rendered text; drafts only for their author (public)' })
  @ApiOkResponse({ type: ProposalDto })
  async get(@OptionalPrincipal() principal: Principal | undefined, @Param() params: IdParams): Promise<ProposalDto> {
    const { proposal, actors, supported } = await this.proposals.get(principal, params.id);
    return { ...mapProposal(proposal, { showHidden: actors.includes('organiser') }), ...(principal === undefined ? {} : { yourRoles: actors, supported }) };
  }

  @Patch('proposals/:id')
  @ApiOperation({ summary: 'Edit your draft' })
  @ApiOkResponse({ type: ProposalDto })
  async edit(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: EditDraftDto): Promise<ProposalDto> {
    return mapProposal(await this.proposals.editDraft(principal, params.id, body));
  }

  @Post('proposals/:id/transitions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move a proposal along its lifecycle: submit and withdraw (author); start-review, admit, reject (with reason), archive (organisers); schedule (sessionId, position, allottedMinutes), unschedule, mark-deliberated, decide (pollId) (organisers and facilitators). Audited.',
  })
  @ApiOkResponse({ type: ProposalDto })
  async transition(@CurrentPrincipal() principal: Principal, @Param() params: TransitionParams, @Body() body: TransitionDto): Promise<ProposalDto> {
    if (params.action === 'schedule' && (body.sessionId === undefined || body.position === undefined || body.allottedMinutes === undefined)) {
      throw AgendaException.refused('REASON_REQUIRED', 'schedule needs sessionId, position and allottedMinutes');
    }
    return mapProposal(await this.proposals.transition(principal, params.id, params.action, body), { showHidden: true });
  }

  @Put('proposals/:id/support')
  @ApiOperation({ summary: 'Support a petition (residents; once; until its deadline)' })
  @ApiOkResponse({ type: ProposalDto })
  async support(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<ProposalDto> {
    return mapProposal(await this.proposals.support(principal, params.id), { withBody: false });
  }

  @Delete('proposals/:id/support')
  @ApiOperation({ summary: 'Withdraw your support (until the deadline)' })
  @ApiOkResponse({ type: ProposalDto })
  async withdrawSupport(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<ProposalDto> {
    return mapProposal(await this.proposals.withdrawSupport(principal, params.id), { withBody: false });
  }

  @Post('proposals/:id/reports')
  @HttpCode(204)
  @ApiOperation({ summary: 'Report a proposal to the moderators (once per person)' })
  async report(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: ReasonDto): Promise<void> {
    await this.proposals.report(principal, params.id, body.reason);
  }

  @Get('proposals/:id/reports')
  @ApiOperation({ summary: "Reports on a proposal (the assembly's organisers)" })
  @ApiOkResponse({ type: ReportDto, isArray: true })
  async reports(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<ReportDto[]> {
    return (await this.proposals.reports(principal, params.id)).map(mapReport);
  }

  @Post('proposals/:id/reports/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep the proposal as it is: its open reports leave the moderation queue, with the reason (organisers; audited)' })
  @ApiOkResponse({ type: DismissedReportsDto })
  async dismissReports(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: ReasonDto): Promise<DismissedReportsDto> {
    return { dismissed: await this.proposals.dismissReports(principal, params.id, body.reason) };
  }

  @Get('assemblies/:id/reports')
  @ApiOperation({ summary: "The moderation queue: the assembly's reported proposals with their reports, most recently reported first (organisers)" })
  @ApiOkResponse({ type: ReportedProposalDto, isArray: true })
  async reportedProposals(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Query() query: ReportsQuery): Promise<ReportedProposalDto[]> {
    return (await this.proposals.reportedProposals(principal, params.id, query.status === 'all')).map(({ proposal, reports }) => ({
      proposal: mapProposal(proposal, { showHidden: true }),
      reports: reports.map(mapReport),
      openReports: reports.filter((report) => report.reviewedAt === null).length,
    }));
  }

  @Put('proposals/:id/hidden')
  @ApiOperation({ summary: 'Hide a proposal with a public reason (organisers; audited)' })
  @ApiOkResponse({ type: ProposalDto })
  async hide(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: ReasonDto): Promise<ProposalDto> {
    return mapProposal(await this.proposals.hide(principal, params.id, body.reason), { showHidden: true });
  }

  @Delete('proposals/:id/hidden')
  @ApiOperation({ summary: 'Show a hidden proposal again (organisers; audited)' })
  @ApiOkResponse({ type: ProposalDto })
  async unhide(@CurrentPrincipal() principal: Principal, @Param() params: IdParams): Promise<ProposalDto> {
    return mapProposal(await this.proposals.hide(principal, params.id, null));
  }

  @Post('proposals/:id/amendments')
  @ApiOperation({ summary: "Propose an amendment to a motion (the assembly's members)" })
  @ApiCreatedResponse({ type: AmendmentDto })
  async amend(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: ProposeAmendmentDto): Promise<AmendmentDto> {
    return mapAmendment(await this.amendments.propose(principal, params.id, body));
  }

  @Get('proposals/:id/amendments')
  @Public()
  @ApiOperation({ summary: 'Amendments of a proposal (public)' })
  @ApiOkResponse({ type: AmendmentDto, isArray: true })
  async listAmendments(@OptionalPrincipal() principal: Principal | undefined, @Param() params: IdParams): Promise<AmendmentDto[]> {
    await this.proposals.get(principal, params.id);
    return (await this.amendments.list(params.id)).map(mapAmendment);
  }

  @Post('amendments/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept or reject: the motion's author, or its chair citing the closed poll by which the assembly decided (audited)" })
  @ApiOkResponse({ type: AmendmentDto })
  async decide(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: DecideAmendmentDto): Promise<AmendmentDto> {
    return mapAmendment(await this.amendments.decide(principal, params.id, body.decision, body.pollId));
  }

  @Get('proposals/:id/versions')
  @Public()
  @ApiOperation({ summary: 'Every version of the text (public)' })
  @ApiOkResponse({ type: ProposalVersionDto, isArray: true })
  async versions(@OptionalPrincipal() principal: Principal | undefined, @Param() params: IdParams): Promise<ProposalVersionDto[]> {
    return (await this.amendments.versions(principal, params.id)).map(mapVersion);
  }

  @Get('proposals/:id/diff')
  @Public()
  @ApiOperation({ summary: 'Line diff between two versions (public)' })
  @ApiOkResponse({ type: ProposalDiffDto })
  async diff(@OptionalPrincipal() principal: Principal | undefined, @Param() params: IdParams, @Query() query: DiffQuery): Promise<ProposalDiffDto> {
    return this.amendments.diff(principal, params.id, query.from, query.to);
  }

  @Post('assemblies/:id/sessions')
  @ApiOperation({ summary: 'Schedule a session of the assembly (organisers and facilitators; audited)' })
  @ApiCreatedResponse({ type: SessionDto })
  async createSession(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateSessionDto): Promise<SessionDto> {
    return mapSession(await this.sessions.create(principal, params.id, body));
  }

  @Get('assemblies/:id/sessions')
  @Public()
  @ApiOperation({ summary: "An assembly's sessions (public)" })
  @ApiOkResponse({ type: SessionDto, isArray: true })
  async listSessions(@Param() params: IdParams): Promise<SessionDto[]> {
    return (await this.sessions.list(params.id)).map(mapSession);
  }

  @Get('sessions')
  @Public()
  @ApiOperation({ summary: 'Public sessions of every assembly that are live or coming: live first, then soonest first (public)' })
  @ApiOkResponse({ type: SessionDto, isArray: true })
  async upcomingSessions(@Query() query: UpcomingSessionsQuery): Promise<SessionDto[]> {
    return (await this.sessions.upcomingPublic(query.limit ?? 10)).map(mapSession);
  }

  @Get('sessions/:id/agenda')
  @Public()
  @ApiOperation({ summary: 'A session and its agenda in order, with minutes allotted (public)' })
  @ApiOkResponse({ type: SessionAgendaDto })
  async agenda(@Param() params: IdParams): Promise<SessionAgendaDto> {
    const { session, items } = await this.sessions.agenda(params.id);
    return { session: mapSession(session), items: items.map((p) => ({ position: p.agendaPosition, allottedMinutes: p.allottedMinutes, proposal: mapProposal(p, { withBody: false }) })) };
  }

  @Get('assemblies/:id/agenda-settings')
  @Public()
  @ApiOperation({ summary: 'Supports a petition needs and for how long it collects them (public)' })
  @ApiOkResponse({ type: AgendaSettingsDto })
  async settings(@Param() params: IdParams): Promise<AgendaSettingsDto> {
    return this.sessions.settings(params.id);
  }

  @Put('assemblies/:id/agenda-settings')
  @ApiOperation({ summary: 'Set petition threshold and duration (organisers; audited; applies to petitions submitted afterwards)' })
  @ApiOkResponse({ type: AgendaSettingsDto })
  async saveSettings(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: AgendaSettingsDto): Promise<AgendaSettingsDto> {
    return this.sessions.saveSettings(principal, params.id, body);
  }
}
