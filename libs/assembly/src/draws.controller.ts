import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, type Principal } from '@app/shared';
import { AssemblyIdParams } from './dto/assembly.dto.js';
import { CancelDrawDto, DrawDto, DrawIdParams, DrawRecordQuery, LegacyComparisonRequestDto, mapDraw, ReplacementDrawDto, RequestDrawDto, SeedDto } from './dto/draw.dto.js';
import { DrawService } from './draw.service.js';

@ApiTags('draws')
@ApiBearerAuth()
@Controller()
export class DrawsController {
  constructor(private readonly draws: DrawService) {}

  @Post('assemblies/:id/draws')
  @HttpCode(202)
  @ApiOperation({
    summary: "Start the assembly's draw: a job computing the fair distribution and its lottery; follow it at Location or over socket.io /sortition (organisers; audited)",
  })
  @ApiAcceptedResponse({ type: DrawDto })
  async request(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: RequestDrawDto, @Res({ passthrough: true }) response: FastifyReply): Promise<DrawDto> {
    const draw = await this.draws.requestInitial(principal, params.id, body);
    void response.header('Location', `/api/draws/${draw.id}`);
    return mapDraw(draw);
  }

  @Post('assemblies/:id/replacement-draws')
  @HttpCode(202)
  @ApiOperation({ summary: 'Draw replacements for the empty seats, from volunteers never drawn, so the assembly meets its quotas again (organisers; audited)' })
  @ApiAcceptedResponse({ type: DrawDto })
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Param() params: AssemblyIdParams,
    @Body() body: ReplacementDrawDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<DrawDto> {
    const draw = await this.draws.requestReplacement(principal, params.id, body);
    void response.header('Location', `/api/draws/${draw.id}`);
    return mapDraw(draw);
  }

  @Get('assemblies/:id/draws')
  @Public()
  @ApiOperation({ summary: "An assembly's draws, newest first (public; without probabilities)" })
  @ApiOkResponse({ type: DrawDto, isArray: true })
  async list(@Param() params: AssemblyIdParams): Promise<DrawDto[]> {
    return (await this.draws.list(params.id)).map((draw) => mapDraw(draw, false));
  }

  @Get('draws/:id')
  @Public()
  @ApiOperation({ summary: 'A draw: status, progress, and once computed the probabilities and the lottery digest (public)' })
  @ApiOkResponse({ type: DrawDto })
  async get(@Param() params: DrawIdParams): Promise<DrawDto> {
    return mapDraw(await this.draws.get(params.id));
  }

  @Get('draws/:id/bundle')
  @Public()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'The audit bundle (anonymised pool, quotas, algorithm, lottery, seed): check it with `pnyx sortition verify --bundle FILE` (public)' })
  async bundle(@Param() params: DrawIdParams, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const { fileName, json } = await this.draws.bundle(params.id);
    void response.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return json;
  }

  @Post('draws/:id/seed')
  @HttpCode(200)
  @ApiOperation({ summary: "Enter the public seed: selects the panel from the published lottery and seats its members (organisers; audited)" })
  @ApiOkResponse({ type: DrawDto })
  async seed(@CurrentPrincipal() principal: Principal, @Param() params: DrawIdParams, @Body() body: SeedDto): Promise<DrawDto> {
    return mapDraw(await this.draws.seed(principal, params.id, body));
  }

  @Get('draws/:id/record.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The official record (procès-verbal) of a seeded draw as a PDF to sign: people present, files and SHA-256, quotas, algorithm and version, lottery digest, seed and who gave it, members drawn with the quota check (organisers)',
  })
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async record(@CurrentPrincipal() principal: Principal, @Param() params: DrawIdParams, @Query() query: DrawRecordQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<Buffer> {
    const { fileName, pdf } = await this.draws.recordPdf(principal, params.id, query.lang ?? 'fr');
    void response.header('Content-Type', 'application/pdf');
    void response.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return pdf;
  }

  @Post('draws/:id/legacy-comparison')
  @HttpCode(202)
  @ApiOperation({
    summary: "Compute LEGACY's empirical distribution on the draw's instance, to chart beside the fair one; it changes nothing in the draw (organisers; in the background, announced on /sortition)",
  })
  @ApiAcceptedResponse({ type: DrawDto })
  async compare(@CurrentPrincipal() principal: Principal, @Param() params: DrawIdParams, @Body() body: LegacyComparisonRequestDto): Promise<DrawDto> {
    return mapDraw(await this.draws.compareWithLegacy(principal, params.id, body.runs ?? 10_000));
  }

  @Post('draws/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running draw, or discard a computed one before its seed (organisers; audited)' })
  @ApiOkResponse({ type: DrawDto })
  async cancel(@CurrentPrincipal() principal: Principal, @Param() params: DrawIdParams, @Body() body: CancelDrawDto): Promise<DrawDto> {
    return mapDraw(await this.draws.cancel(principal, params.id, body.reason));
  }
}
