import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public, type Principal } from '@app/shared';
import { BallotCastService } from './ballot-cast.service.js';
import {
  BallotBoxDto,
  CastReferendumBallotDto,
  CreateReferendumDto,
  ElectorCheckDto,
  ElectorParams,
  IdentityBallotDto,
  ListReferendumsQuery,
  mapReferendum,
  OfficerAssignmentDto,
  OfficersDto,
  PaperVoteDto,
  PaperVoteMarkedDto,
  ReferendumDto,
  ReferendumIdParams,
  ReferendumReceiptDto,
  ReferendumResultsDto,
  ReferendumTurnoutDto,
  RollImportQuery,
  RollImportReportDto,
  RollUploadFormDto,
  StationCountDto,
  StationCountResultDto,
  StationDto,
  StationParams,
} from './dto/referendum.dto.js';
import { PollingStationService } from './polling-station.service.js';
import { ReferendumException } from './referendum.exception.js';
import { ReferendumService, type RollImportReport } from './referendum.service.js';

@ApiTags('referendums')
@ApiBearerAuth()
@Controller('referendums')
export class ReferendumsController {
  constructor(
    private readonly referendums: ReferendumService,
    private readonly ballots: BallotCastService,
    private readonly stations: PollingStationService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a referendum: questions (yes-no, single choice, majority judgment), a window in Paris time, eligibility (city organisers; audited)' })
  @ApiCreatedResponse({ type: ReferendumDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateReferendumDto): Promise<ReferendumDto> {
    const { referendum, questions } = await this.referendums.create(principal, body);
    return mapReferendum(referendum, questions);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Referendums, newest window first, optionally by status (public)' })
  @ApiOkResponse({ type: ReferendumDto, isArray: true })
  async list(@Query() query: ListReferendumsQuery): Promise<ReferendumDto[]> {
    return (await this.referendums.list(query.status, query.limit ?? 50)).map(({ referendum, questions }) => mapReferendum(referendum, questions));
  }

  @Get('officer-assignments')
  @ApiOperation({ summary: 'The referendums and polling stations where the caller serves as an officer' })
  @ApiOkResponse({ type: OfficerAssignmentDto, isArray: true })
  async assignments(@CurrentPrincipal() principal: Principal): Promise<OfficerAssignmentDto[]> {
    return (await this.stations.assignments(principal)).map((a) => ({ ...a, opensAt: a.opensAt.toISOString(), closesAt: a.closesAt.toISOString() }));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A referendum, its questions, window and roll digest (public)' })
  @ApiOkResponse({ type: ReferendumDto })
  async get(@Param() params: ReferendumIdParams): Promise<ReferendumDto> {
    const { referendum, questions } = await this.referendums.get(params.id);
    return mapReferendum(referendum, questions);
  }

  @Put(':id/roll')
  @UseInterceptors(FileInterceptor('roll'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: RollUploadFormDto })
  @ApiOperation({
    summary:
      'Import (or re-import) the electoral roll while the referendum is a draft: row-by-row report, the difference with the current roll; rejected rows refuse the import unless acceptValid=true (city organisers; audited)',
  })
  @ApiOkResponse({ type: RollImportReportDto })
  async importRoll(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams, @Query() query: RollImportQuery, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<RollImportReport> {
    if (file === undefined) throw ReferendumException.of('invalid', 'ROLL_CSV_INVALID', 'The multipart field "roll" (a CSV file) is required');
    return this.referendums.importRoll(principal, params.id, file.buffer, { acceptValid: query.acceptValid ?? false, dryRun: query.dryRun ?? false });
  }

  @Post(':id/codes')
  @HttpCode(200)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Generate voting codes for electors without one and return them once, as CSV for the mailing; only hashes are kept (city organisers; audited)' })
  async codes(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const { csv, count } = await this.referendums.generateCodes(principal, params.id);
    void response.header('Content-Disposition', `attachment; filename="voting-codes-${params.id}.csv"`);
    void response.header('X-Codes-Count', String(count));
    return csv;
  }

  @Get(':id/stations')
  @ApiOperation({ summary: "Polling stations: electors, paper votes, officers and where each count's double entry stands (city organisers: all; an officer: theirs)" })
  @ApiOkResponse({ type: StationDto, isArray: true })
  async pollingStations(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams): Promise<StationDto[]> {
    return (await this.stations.stations(principal, params.id)).map(({ accepted: _accepted, ...station }) => station);
  }

  @Get(':id/electors/:externalId')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "An elector as the officer at the table checks them: names, birth date, station, and whether they have voted (their station's officers; city organisers)" })
  @ApiOkResponse({ type: ElectorCheckDto })
  async elector(@CurrentPrincipal() principal: Principal, @Param() params: ElectorParams): Promise<ElectorCheckDto> {
    const { channel, ...elector } = await this.stations.elector(principal, params.id, params.externalId);
    return { ...elector, voted: channel !== null, ...(channel === null ? {} : { channel }) };
  }

  @Post(':id/electors/:externalId/reissue')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Lost letter: revoke the elector’s code and return a new one, once (city organisers; audited)' })
  reissue(@CurrentPrincipal() principal: Principal, @Param() params: ElectorParams): Promise<{ externalId: string; code: string }> {
    return this.referendums.reissueCode(principal, params.id, params.externalId);
  }

  @Post(':id/electors/:externalId/unlock')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlock an elector locked after repeated wrong birth dates (city organisers; audited)' })
  async unlock(@CurrentPrincipal() principal: Principal, @Param() params: ElectorParams): Promise<void> {
    await this.referendums.unlock(principal, params.id, params.externalId);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the vote: freeze the roll (SHA-256 digest) and open one ballot box per question and district (city organisers; audited)' })
  @ApiOkResponse({ type: ReferendumDto })
  async open(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams): Promise<ReferendumDto> {
    await this.referendums.open(principal, params.id);
    return this.get(params);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the vote early and count (city organisers; audited). It closes by itself at closesAt.' })
  @ApiOkResponse({ type: ReferendumDto })
  async close(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams): Promise<ReferendumDto> {
    await this.referendums.close(principal, params.id);
    return this.get(params);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: "Publish: every ballot box's bulletin board, once all polling stations' counts are accepted (city organisers; audited)" })
  @ApiOkResponse({ type: ReferendumDto })
  async publish(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams): Promise<ReferendumDto> {
    await this.referendums.publish(principal, params.id);
    return this.get(params);
  }

  @Post(':id/ballots')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Vote online with the code from the letter and your birth date, no account needed: one answer per question. 201 means stored; the receipt is shown once (public; rate-limited; wrong birth dates lock the code)',
  })
  @ApiCreatedResponse({ type: ReferendumReceiptDto })
  cast(@Req() request: FastifyRequest, @Param() params: ReferendumIdParams, @Body() body: CastReferendumBallotDto): Promise<ReferendumReceiptDto> {
    return this.ballots.cast(request.ip ?? 'unknown', params.id, body);
  }

  @Post(':id/identity-ballots')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "Vote online with the identity of an accepted provider linked to your account, instead of the letter's code: found on the roll by names and birth date. 201 means stored; the receipt is shown once",
    description: 'Errors: IDENTITY_VOTING_OFF, IDENTITY_PROVIDER_REQUIRED, IDENTITY_CLAIMS_MISSING, IDENTITY_NOT_ON_ROLL (403), IDENTITY_AMBIGUOUS, ALREADY_VOTED, REFERENDUM_NOT_OPEN (409)',
  })
  @ApiCreatedResponse({ type: ReferendumReceiptDto })
  castWithIdentity(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams, @Body() body: IdentityBallotDto): Promise<ReferendumReceiptDto> {
    return this.ballots.castWithIdentity(principal.accountId, params.id, body.answers);
  }

  @Get(':id/turnout')
  @Public()
  @ApiOperation({ summary: 'Live turnout, overall and by district, online and on paper (public)' })
  @ApiOkResponse({ type: ReferendumTurnoutDto })
  turnout(@Param() params: ReferendumIdParams): Promise<ReferendumTurnoutDto> {
    return this.referendums.turnout(params.id);
  }

  @Get(':id/results')
  @Public()
  @ApiOperation({ summary: 'Results after the close: totals, and districts with enough voters (public)' })
  @ApiOkResponse({ type: ReferendumResultsDto })
  async results(@Param() params: ReferendumIdParams): Promise<ReferendumResultsDto> {
    return this.referendums.results(params.id);
  }

  @Get(':id/ballot-boxes')
  @Public()
  @ApiOperation({ summary: 'The ballot-box polls (question × district) whose bulletin boards recount the result (GET /api/polls/:id/bulletin-board) (public)' })
  @ApiOkResponse({ type: BallotBoxDto, isArray: true })
  async boxes(@Param() params: ReferendumIdParams): Promise<BallotBoxDto[]> {
    return this.referendums.ballotBoxes(params.id);
  }

  @Put(':id/officers')
  @ApiOperation({ summary: 'Appoint the polling-station officers (city organisers; audited)' })
  async officers(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams, @Body() body: OfficersDto): Promise<{ officers: number }> {
    await this.stations.setOfficers(principal, params.id, body.officers);
    return { officers: body.officers.length };
  }

  @Post(':id/paper-votes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Mark an elector as having voted on paper at your station; refused if they voted either way (officers; audited)' })
  @ApiCreatedResponse({ type: PaperVoteMarkedDto })
  async paperVote(@CurrentPrincipal() principal: Principal, @Param() params: ReferendumIdParams, @Body() body: PaperVoteDto): Promise<{ externalId: string; channel: 'paper' }> {
    await this.stations.markPaperVote(principal, params.id, body.externalId);
    return { externalId: body.externalId, channel: 'paper' };
  }

  @Put(':id/stations/:station/count')
  @ApiOperation({ summary: "Enter your station's paper count after the close; accepted when a second officer enters the same figures (officers; audited)" })
  @ApiOkResponse({ type: StationCountResultDto })
  count(@CurrentPrincipal() principal: Principal, @Param() params: StationParams, @Body() body: StationCountDto): ReturnType<PollingStationService['enterCount']> {
    return this.stations.enterCount(principal, params.id, params.station, body.counts);
  }
}
