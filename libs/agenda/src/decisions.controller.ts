import { Body, Controller, Get, Inject, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, CLOCK, CurrentPrincipal, Public, toCsvText, type AppConfig, type Clock, type Principal } from '@app/shared';
import { AssemblyService } from '@app/assembly';
import { answerOverdue, decisionStage, milestoneOverdue, parisToday } from './decision-timeline.js';
import { DecisionService, type DecisionView } from './decision.service.js';
import { decisionsAtom } from './decisions-feed.js';
import { IdParams } from './dto/agenda.dto.js';
import {
  CouncilAnswerDto,
  CreateDecisionDto,
  CreateMilestoneDto,
  DecisionDetailDto,
  DecisionDto,
  DecisionIdParams,
  DecisionsQuery,
  FeedQuery,
  MilestoneParams,
  TransmissionDto,
  UpdateMilestoneDto,
} from './dto/decision.dto.js';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionService,
    private readonly assemblies: AssemblyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('proposals/:id/decision')
  @ApiOperation({ summary: "Follow a proposal the assembly decided as a decision: its text and the vote that adopted it, then its timeline (the assembly's organisers; audited)" })
  @ApiCreatedResponse({ type: DecisionDto })
  async create(@CurrentPrincipal() principal: Principal, @Param() params: IdParams, @Body() body: CreateDecisionDto): Promise<DecisionDto> {
    return this.map(await this.decisions.create(principal, params.id, body));
  }

  @Get('assemblies/:id/decisions')
  @Public()
  @ApiOperation({ summary: "The assembly's decisions and where each stands: transmission, the council's answer, milestones, what is overdue (public; JSON or CSV open data)" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DecisionDto, isArray: true, description: 'JSON; or CSV (format=csv), one row per decision' })
  async list(@Param() params: IdParams, @Query() query: DecisionsQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<DecisionDto[] | string> {
    const decisions = (await this.decisions.list(params.id)).map((view) => this.map(view));
    if (query.format !== 'csv') return decisions;
    void response.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="decisions-${params.id}.csv"`);
    const columns = ['id', 'title', 'adopted_on', 'poll_id', 'stage', 'transmitted_on', 'transmission_reference', 'answer_due_on', 'answer_overdue', 'council_answer', 'answered_on', 'milestones', 'milestones_done', 'milestones_overdue', 'committed_cents'];
    return toCsvText([
      columns,
      ...decisions.map((d) => [
        d.id,
        d.title,
        d.adoptedOn,
        d.poll.id,
        d.stage,
        d.transmittedOn ?? '',
        d.transmissionReference ?? '',
        d.answerDueOn ?? '',
        String(d.answerOverdue),
        d.councilAnswer ?? '',
        d.answeredOn ?? '',
        String(d.milestones.length),
        String(d.milestones.filter((m) => m.status === 'done').length),
        String(d.milestones.filter((m) => m.overdue).length),
        d.committedCents,
      ]),
    ]);
  }

  @Get('assemblies/:id/decisions.atom')
  @Public()
  @ApiOperation({ summary: "An Atom feed of the changes to the assembly's decisions, newest first (public)" })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'Atom (RFC 4287)', content: { 'application/atom+xml': { schema: { type: 'string' } } } })
  async feed(@Param() params: IdParams, @Query() query: FeedQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const assembly = await this.assemblies.get(params.id);
    const changes = await this.decisions.recentChanges(params.id, 100);
    void response.header('Content-Type', 'application/atom+xml; charset=utf-8');
    return decisionsAtom({
      assemblyId: params.id,
      assembly: assembly.name,
      baseUrl: this.config.publicUrl ?? `${request.protocol}://${request.host}`,
      language: query.lang ?? 'fr',
      updated: (changes[0]?.at ?? assembly.createdAt).toISOString(),
      changes: changes.map((change) => ({ seq: change.seq, decisionId: change.decisionId, decisionTitle: change.decisionTitle, kind: change.kind, data: change.data, at: change.at.toISOString() })),
    });
  }

  @Get('decisions/:id')
  @Public()
  @ApiOperation({ summary: 'A decision with its milestones and every change, oldest first (public)' })
  @ApiOkResponse({ type: DecisionDetailDto })
  async get(@Param() params: DecisionIdParams): Promise<DecisionDetailDto> {
    const view = await this.decisions.get(params.id);
    const changes = await this.decisions.changesOf(params.id);
    return { ...this.map(view), changes: changes.map((change) => ({ seq: change.seq, kind: change.kind, data: change.data, at: change.at.toISOString() })) };
  }

  @Put('decisions/:id/transmission')
  @ApiOperation({ summary: 'Record (or correct) its transmission to the Conseil de Paris: day, reference, when the answer is expected (organisers; audited)' })
  @ApiOkResponse({ type: DecisionDto })
  async transmission(@CurrentPrincipal() principal: Principal, @Param() params: DecisionIdParams, @Body() body: TransmissionDto): Promise<DecisionDto> {
    return this.map(await this.decisions.setTransmission(principal, params.id, body));
  }

  @Put('decisions/:id/council-answer')
  @ApiOperation({ summary: "Record (or correct) the council's answer: adopted, amended with the text, rejected with the reasons (organisers; audited)" })
  @ApiOkResponse({ type: DecisionDto })
  async answer(@CurrentPrincipal() principal: Principal, @Param() params: DecisionIdParams, @Body() body: CouncilAnswerDto): Promise<DecisionDto> {
    return this.map(await this.decisions.setAnswer(principal, params.id, body));
  }

  @Post('decisions/:id/milestones')
  @ApiOperation({ summary: 'Add an implementation milestone: what, the department responsible, the planned day, money committed (organisers; audited)' })
  @ApiCreatedResponse({ type: DecisionDto })
  async addMilestone(@CurrentPrincipal() principal: Principal, @Param() params: DecisionIdParams, @Body() body: CreateMilestoneDto): Promise<DecisionDto> {
    return this.map(await this.decisions.addMilestone(principal, params.id, body));
  }

  @Patch('decisions/:id/milestones/:milestoneId')
  @ApiOperation({ summary: "Change a milestone's fields given: status (done takes its day, today by default), planned day, money committed, note (organisers; audited)" })
  @ApiOkResponse({ type: DecisionDto })
  async updateMilestone(@CurrentPrincipal() principal: Principal, @Param() params: MilestoneParams, @Body() body: UpdateMilestoneDto): Promise<DecisionDto> {
    return this.map(await this.decisions.updateMilestone(principal, params.id, params.milestoneId, body));
  }

  private map({ decision, milestones, poll }: DecisionView): DecisionDto {
    const today = parisToday(this.clock.now());
    const timeline = { transmittedOn: decision.transmittedOn, answerDueOn: decision.answerDueOn, councilAnswer: decision.councilAnswer, milestones };
    return {
      id: decision.id,
      assemblyId: decision.assemblyId,
      proposalId: decision.proposalId,
      title: decision.title,
      text: decision.text,
      poll,
      adoptedOn: decision.adoptedOn,
      stage: decisionStage(timeline),
      transmittedOn: decision.transmittedOn,
      transmissionReference: decision.transmissionReference,
      answerDueOn: decision.answerDueOn,
      answerOverdue: answerOverdue(timeline, today),
      councilAnswer: decision.councilAnswer,
      answeredOn: decision.answeredOn,
      councilText: decision.councilText,
      councilReasons: decision.councilReasons,
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, department: m.department, plannedOn: m.plannedOn, status: m.status, doneOn: m.doneOn, committedCents: m.committedCents, note: m.note, overdue: milestoneOverdue(m, today) })),
      // A cancelled milestone's money is no longer committed.
      committedCents: milestones.filter((m) => m.status !== 'cancelled').reduce((sum, m) => sum + BigInt(m.committedCents ?? '0'), 0n).toString(),
      updatedAt: decision.updatedAt.toISOString(),
    };
  }
}
