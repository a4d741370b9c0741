import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, DownloadFormatQuery, Public, type Principal } from '@app/shared';
import { BallotService } from './ballot.service.js';
import {
  CastBallotDto,
  CastReceiptDto,
  CreatePollDto,
  ListPollsQuery,
  mapPoll,
  mapResult,
  PollDto,
  ParticipationDto,
  PollIdParams,
  PollResultDto,
  ReceiptCheckDto,
  ReceiptDto,
  TurnoutDto,
  UpdatePollDto,
} from './dto/poll.dto.js';
import { PollService } from './poll.service.js';

@ApiTags('polls')
@ApiBearerAuth()
@Controller('polls')
export class PollsController {
  constructor(
    private readonly polls: PollService,
    private readonly ballots: BallotService,
  ) {}

  @Post()
  @ApiOperation({ summary: "Create a draft poll (city organisers for resident polls; an assembly's organisers or facilitators for its polls; audited)" })
  @ApiCreatedResponse({ type: PollDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePollDto): Promise<PollDto> {
    const { poll, options } = await this.polls.create(principal, body);
    return mapPoll(poll, options);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Polls, newest first (public)' })
  @ApiOkResponse({ type: PollDto, isArray: true })
  async list(@Query() query: ListPollsQuery): Promise<PollDto[]> {
    return (await this.polls.list({ assemblyId: query.assemblyId, status: query.status, audience: query.audience }, query.limit ?? 50)).map((poll) => mapPoll(poll));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A poll with its options (public)' })
  @ApiOkResponse({ type: PollDto })
  async get(@Param() params: PollIdParams): Promise<PollDto> {
    const { poll, options } = await this.polls.get(params.id);
    return mapPoll(poll, options);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft poll (options, grades and rules are locked once open; audited)' })
  @ApiOkResponse({ type: PollDto })
  async update(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams, @Body() body: UpdatePollDto): Promise<PollDto> {
    const { poll, options } = await this.polls.update(principal, params.id, body);
    return mapPoll(poll, options);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open for ballots (audited)' })
  @ApiOkResponse({ type: PollDto })
  async open(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams): Promise<PollDto> {
    const { poll, options } = await this.polls.open(principal, params.id);
    return mapPoll(poll, options);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close and count: every acknowledged ballot is counted (audited)' })
  @ApiOkResponse({ type: PollDto })
  async close(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams): Promise<PollDto> {
    const { poll, options } = await this.polls.close(principal, params.id);
    return mapPoll(poll, options);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proclaim the results of a closed poll (audited)' })
  @ApiOkResponse({ type: PollDto })
  async publish(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams): Promise<PollDto> {
    const { poll, options } = await this.polls.publish(principal, params.id);
    return mapPoll(poll, options);
  }

  @Post(':id/ballots')
  @ApiOperation({
    summary: 'Cast a ballot: 201 with a receipt shown once. With `receipt` in the body (polls allowing it), replaces that ballot (200)',
  })
  @ApiCreatedResponse({ type: CastReceiptDto })
  async cast(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams, @Body() body: CastBallotDto, @Res({ passthrough: true }) response: FastifyReply): Promise<CastReceiptDto> {
    const outcome = await this.ballots.cast(principal, params.id, body.grades, body.receipt);
    void response.status(outcome.replaced ? 200 : 201);
    void response.header('Cache-Control', 'no-store');
    return outcome;
  }

  @Get(':id/participation')
  @ApiOperation({ summary: 'Whether you may vote in this poll and whether you already have (never how)' })
  @ApiOkResponse({ type: ParticipationDto })
  participation(@CurrentPrincipal() principal: Principal, @Param() params: PollIdParams): Promise<ParticipationDto> {
    return this.ballots.participation(principal, params.id);
  }

  @Get(':id/turnout')
  @Public()
  @ApiOperation({ summary: 'How many have voted (the only figure visible while the poll is open; public)' })
  @ApiOkResponse({ type: TurnoutDto })
  async turnout(@Param() params: PollIdParams): Promise<TurnoutDto> {
    const { participants, eligible, status } = await this.ballots.turnout(params.id);
    return { participants, status, ...(eligible === null ? {} : { eligible }) };
  }

  @Get(':id/results')
  @Public()
  @ApiOperation({ summary: 'Ranking, merit profiles, majority grades and gauges: 409 POLL_NOT_CLOSED until the poll closes (public)' })
  @ApiOkResponse({ type: PollResultDto })
  async results(@Param() params: PollIdParams): Promise<PollResultDto> {
    const { poll, options, result } = await this.polls.results(params.id);
    return mapResult(poll, options, result);
  }

  @Get(':id/bulletin-board')
  @Public()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Every anonymous ballot with its receipt hash, sorted, and the digest; recount with `pnyx mj recount --bulletin-board FILE` (public, after close)' })
  async bulletinBoard(@Param() params: PollIdParams, @Query() query: DownloadFormatQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<unknown> {
    const { board, csv } = await this.polls.bulletinBoard(params.id);
    if (query.format === 'csv') {
      void response.header('Content-Type', 'text/csv; charset=utf-8');
      void response.header('Content-Disposition', `attachment; filename="bulletin-board-${params.id}.csv"`);
      void response.header('X-Bulletin-Board-Digest', board.digest);
      return csv();
    }
    return board;
  }

  @Post(':id/receipts/verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Is the ballot with this receipt in the box? (POST so the receipt stays out of URLs and logs; public)' })
  @ApiOkResponse({ type: ReceiptCheckDto })
  async verifyReceipt(@Param() params: PollIdParams, @Body() body: ReceiptDto): Promise<ReceiptCheckDto> {
    return this.ballots.verifyReceipt(params.id, body.receipt);
  }
}
