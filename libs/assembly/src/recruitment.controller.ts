import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, CurrentPrincipal, Public, type AppConfig, type Principal } from '@app/shared';
import { AssemblyIdParams } from './dto/assembly.dto.js';
import { DrawRecordQuery } from './dto/draw.dto.js';
import { mapPool, PoolDto } from './dto/pool.dto.js';
import {
  RespondentAnswerDto,
  AnswerReceiptDto,
  EnteredRespondentAnswerDto,
  InvitationCodeDto,
  InvitedPersonDto,
  InvitationIdParams,
  InvitationSearchQuery,
  mapInvitedPerson,
  ReissuedCodeDto,
  RespondentParams,
  WithdrawRespondentDto,
  InvitationDrawDto,
  InvitationDrawIdParams,
  InvitationSeedDto,
  InvitationViewDto,
  mapInvitationDraw,
  mapInvitationView,
  mapRespondent,
  mapSourceList,
  PublishInvitationDrawDto,
  QuotasUploadFormDto,
  RespondentDto,
  SourceAllocationDto,
  SourceListDto,
  SourceListUploadQuery,
  StratumAllocationDto,
} from './dto/recruitment.dto.js';
import type { UploadedCsv } from './pool.service.js';
import { RecruitmentException } from './recruitment.exception.js';
import { RecruitmentService, type Answer } from './recruitment.service.js';

/** Route config read by the `text/csv` body parser (apps/api configure-app): hand this route the raw stream. */
export const STREAMED_CSV = { streamedCsv: true };

function answerOf(body: RespondentAnswerDto): Answer {
  return {
    consent: body.consent,
    answers: body.answers,
    contact: { ...(body.email === undefined ? {} : { email: body.email }), ...(body.phone === undefined ? {} : { phone: body.phone }) },
    availability: body.availability ?? '',
  };
}

@ApiTags('recruitment')
@ApiBearerAuth()
@ApiExtraModels(SourceAllocationDto, StratumAllocationDto)
@Controller()
export class RecruitmentController {
  constructor(
    private readonly recruitment: RecruitmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where letters send people: PUBLIC_URL, else the address this request came to. */
  private answerUrl(request: FastifyRequest): string {
    const base = this.config.publicUrl ?? `${request.protocol}://${request.host}`;
    return `${base.replace(/\/$/, '')}/respond`;
  }

  @Put('assemblies/:id/source-lists')
  @RouteConfig(STREAMED_CSV)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The list as CSV (id, family name, given names, birth date, address, postal code or district; French or English headers; comma or semicolon)', schema: { type: 'string' } })
  @ApiOperation({
    summary:
      "Upload a source list for invitation draws (electoral roll, foreign residents, young people…), streamed: every row checked (problems by line, 422), SHA-256 recorded (the assembly's organisers; audited)",
  })
  @ApiCreatedResponse({ type: SourceListDto })
  async uploadList(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Query() query: SourceListUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<SourceListDto> {
    const body = request.body as AsyncIterable<Buffer> | undefined;
    if (body === undefined || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
      throw RecruitmentException.listInvalid('Send the list as the request body with Content-Type: text/csv', { file: query.fileName, problems: [], problemCount: 0 });
    }
    const list = await this.recruitment.uploadList(principal, params.id, query.source, query.fileName, body);
    void response.status(201);
    return mapSourceList(list);
  }

  @Get('assemblies/:id/source-lists')
  @ApiOperation({ summary: "An assembly's source lists, newest first: source, file, rows, SHA-256 (the assembly's organisers)" })
  @ApiOkResponse({ type: SourceListDto, isArray: true })
  async lists(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams): Promise<SourceListDto[]> {
    return (await this.recruitment.lists(principal, params.id)).map(mapSourceList);
  }

  @Post('assemblies/:id/invitation-draws')
  @ApiOperation({
    summary:
      "Publish an invitation draw: lists and their SHA-256, count, mix, strata, the day ages are counted on, and the parameters' digest — before the seed (the assembly's organisers; audited)",
  })
  @ApiCreatedResponse({ type: InvitationDrawDto })
  async publish(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: PublishInvitationDrawDto): Promise<InvitationDrawDto> {
    const { draw, lists } = await this.recruitment.publishDraw(principal, params.id, {
      listIds: body.listIds,
      mix: body.mix,
      count: body.count,
      strata: body.strata ?? ['district'],
      ...(body.countedOn === undefined ? {} : { countedOn: body.countedOn }),
      questions: body.questions.map((question) => ({ category: question.category.trim(), values: question.values.map((value) => value.trim()) })),
    });
    return mapInvitationDraw(draw, lists);
  }

  @Get('assemblies/:id/invitation-draws')
  @Public()
  @ApiOperation({ summary: "An assembly's invitation draws, newest first: what was published, the seed and the allocation (public; no personal data)" })
  @ApiOkResponse({ type: InvitationDrawDto, isArray: true })
  async draws(@Param() params: AssemblyIdParams): Promise<InvitationDrawDto[]> {
    return (await this.recruitment.draws(params.id)).map(({ draw, lists }) => mapInvitationDraw(draw, lists));
  }

  @Get('invitation-draws/:id')
  @Public()
  @ApiOperation({ summary: 'One invitation draw (public; no personal data)' })
  @ApiOkResponse({ type: InvitationDrawDto })
  async draw(@Param() params: InvitationDrawIdParams): Promise<InvitationDrawDto> {
    const { draw, lists } = await this.recruitment.draw(params.id);
    return mapInvitationDraw(draw, lists);
  }

  @Post('invitation-draws/:id/seed')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Enter the public seed and draw the invitations: the lists are read again and checked against their published SHA-256; tens of seconds for a city-sized roll (the assembly\'s organisers; audited)',
  })
  @ApiOkResponse({ type: InvitationDrawDto })
  async seed(@CurrentPrincipal() principal: Principal, @Param() params: InvitationDrawIdParams, @Body() body: InvitationSeedDto): Promise<InvitationDrawDto> {
    const { draw, lists } = await this.recruitment.seed(principal, params.id, body);
    return mapInvitationDraw(draw, lists);
  }

  @Get('invitation-draws/:id/result.json')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The draw\'s output as `pnyx sortition invite --json` writes it (ids from the lists), for `pnyx sortition verify-invitations --published` (organisers)' })
  @ApiOkResponse({ description: 'pnyx-invitations-v1 JSON' })
  async result(@CurrentPrincipal() principal: Principal, @Param() params: InvitationDrawIdParams, @Res({ passthrough: true }) response: FastifyReply): Promise<unknown> {
    const result = await this.recruitment.result(principal, params.id);
    void response.header('Content-Disposition', `attachment; filename="invitations-${params.id}.json"`);
    return result;
  }

  @Get('invitation-draws/:id/record.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The official record (procès-verbal) of an invitation draw as a PDF to sign: people present, lists and SHA-256, mix and allocation, parameters digest, seed and who gave it (organisers)',
  })
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async record(@CurrentPrincipal() principal: Principal, @Param() params: InvitationDrawIdParams, @Query() query: DrawRecordQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<Buffer> {
    const { fileName, pdf } = await this.recruitment.record(principal, params.id, query.lang ?? 'fr');
    void response.header('Content-Type', 'application/pdf');
    void response.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return pdf;
  }

  @Post('invitation-draws/:id/letters')
  @HttpCode(200)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'The mail merge for the printer: name, address, a one-time invitation code (shown this once; only its hash is kept) and the address to answer at, for every invitation without a code yet (organisers; audited)',
  })
  async letters(@CurrentPrincipal() principal: Principal, @Param() params: InvitationDrawIdParams, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const { csv } = await this.recruitment.letters(principal, params.id, this.answerUrl(request));
    void response.header('Content-Disposition', `attachment; filename="letters-${params.id}.csv"`);
    return csv;
  }

  @Get('assemblies/:id/invitations')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Invitations whose names contain the search (at most 50): a lost letter, a caller without their code (the assembly\'s organisers)' })
  @ApiOkResponse({ type: InvitedPersonDto, isArray: true })
  async searchInvitations(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Query() query: InvitationSearchQuery): Promise<InvitedPersonDto[]> {
    return (await this.recruitment.searchInvitations(principal, params.id, query.search)).map(mapInvitedPerson);
  }

  @Post('invitations/:id/code')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A new code for a lost letter, shown this once; the old code stops working (organisers; audited; not once answered)' })
  @ApiCreatedResponse({ type: ReissuedCodeDto })
  async reissue(@CurrentPrincipal() principal: Principal, @Param() params: InvitationIdParams, @Req() request: FastifyRequest): Promise<ReissuedCodeDto> {
    const { invitation, code } = await this.recruitment.reissueCode(principal, params.id);
    return { invitation: mapInvitedPerson({ ...invitation, codeHash: 'reissued', answered: false }), code, answerUrl: this.answerUrl(request) };
  }

  @Post('respond/lookup')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "With the code on an invitation letter: who it is addressed to, the assembly, and the form's questions (public)" })
  @ApiOkResponse({ type: InvitationViewDto })
  async lookup(@Body() body: InvitationCodeDto): Promise<InvitationViewDto> {
    return mapInvitationView(await this.recruitment.lookup(body.code));
  }

  @Post('respond')
  @Public()
  @ApiOperation({ summary: "Answer an invitation with its code: consent, the form's answers, contact and availability; the answer joins the assembly's respondents (public; once per letter)" })
  @ApiCreatedResponse({ type: AnswerReceiptDto })
  async answer(@Body() body: RespondentAnswerDto): Promise<AnswerReceiptDto> {
    const respondent = await this.recruitment.answer(body.code, answerOf(body));
    return { answeredAt: respondent.createdAt.toISOString(), features: respondent.features };
  }

  @Post('assemblies/:id/respondents')
  @ApiOperation({ summary: 'Enter an answer given by phone or on paper, with the code of the letter (the assembly\'s organisers; audited)' })
  @ApiCreatedResponse({ type: RespondentDto })
  async enter(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: EnteredRespondentAnswerDto): Promise<RespondentDto> {
    const respondent = await this.recruitment.enterAnswer(principal, params.id, body.code, body.channel, answerOf(body));
    return mapRespondent({ ...respondent, invitation: (await this.recruitment.respondents(principal, params.id)).find((r) => r.id === respondent.id)?.invitation });
  }

  @Delete('assemblies/:id/respondents/:respondentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an answer (the person changed their mind or asked for it to go) while no pool holds it (organisers; audited with the reason)' })
  async withdraw(@CurrentPrincipal() principal: Principal, @Param() params: RespondentParams, @Body() body: WithdrawRespondentDto): Promise<void> {
    await this.recruitment.withdraw(principal, params.id, params.respondentId, body.reason);
  }

  @Get('assemblies/:id/respondents')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Everyone who answered, oldest first: names, features, contact, availability (the assembly\'s organisers)' })
  @ApiOkResponse({ type: RespondentDto, isArray: true })
  async respondents(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams): Promise<RespondentDto[]> {
    return (await this.recruitment.respondents(principal, params.id)).map(mapRespondent);
  }

  @Post('assemblies/:id/pools/from-respondents')
  @UseInterceptors(FileInterceptor('quotas'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: QuotasUploadFormDto })
  @ApiOperation({
    summary:
      'Make the stage-2 pool from the respondents (features: source, age, district and the form\'s answers) with these quotas; validated, checked and frozen like any pool (organisers; audited)',
  })
  @ApiCreatedResponse({ type: PoolDto })
  async poolFromRespondents(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @UploadedFile() quotas: UploadedCsv | undefined): Promise<PoolDto> {
    return mapPool(await this.recruitment.poolFromRespondents(principal, params.id, quotas));
  }
}
