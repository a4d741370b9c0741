import { Body, Controller, Get, Header, Param, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, OptionalPrincipal, Public, type Principal } from '@app/shared';
import { AssemblyIdParams } from './dto/assembly.dto.js';
import { ExportQuery, mapPool, mapVolunteer, PoolDto, PoolIdParams, UploadPoolDto, UploadPoolFormDto, VolunteerDto, VolunteersQuery } from './dto/pool.dto.js';
import { mapQuotaRow, QuotaRowDto } from './dto/quota.dto.js';
import { PoolService, type UploadedCsv } from './pool.service.js';

@ApiTags('pools')
@ApiBearerAuth()
@Controller()
export class PoolsController {
  constructor(private readonly pools: PoolService) {}

  @Post('assemblies/:id/pools')
  @UseInterceptors(FileFieldsInterceptor([{ name: 'quotas', maxCount: 1 }, { name: 'pool', maxCount: 1 }]))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadPoolFormDto })
  @ApiOperation({
    summary: "Upload quotas and a pool of volunteers (CSV, Panelot or Sortition Foundation layout), validated, checked and frozen (the assembly's organisers; audited)",
  })
  @ApiCreatedResponse({ type: PoolDto })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param() params: AssemblyIdParams,
    @Body() body: UploadPoolDto,
    @UploadedFiles() files: { quotas?: UploadedCsv[]; pool?: UploadedCsv[] } | undefined,
  ): Promise<PoolDto> {
    const householdColumns = (body.householdColumns ?? '').split(',').map((column) => column.trim()).filter(Boolean);
    return mapPool(await this.pools.upload(principal, params.id, { quotas: files?.quotas?.[0], pool: files?.pool?.[0] }, householdColumns));
  }

  @Get('assemblies/:id/pools')
  @Public()
  @ApiOperation({ summary: "An assembly's pools, newest first (public: digests and counts)" })
  @ApiOkResponse({ type: PoolDto, isArray: true })
  async list(@Param() params: AssemblyIdParams): Promise<PoolDto[]> {
    return (await this.pools.list(params.id)).map(mapPool);
  }

  @Get('pools/:id')
  @Public()
  @ApiOperation({ summary: 'One pool (public)' })
  @ApiOkResponse({ type: PoolDto })
  async get(@Param() params: PoolIdParams): Promise<PoolDto> {
    return mapPool(await this.pools.get(params.id));
  }

  @Get('pools/:id/quotas')
  @Public()
  @ApiOperation({ summary: 'The quota table: each category and value with its minimum, maximum and the volunteers in the pool who have it (public)' })
  @ApiOkResponse({ type: QuotaRowDto, isArray: true })
  async quotas(@Param() params: PoolIdParams): Promise<QuotaRowDto[]> {
    return (await this.pools.quotaTable(params.id)).map(mapQuotaRow);
  }

  @Get('pools/:id/volunteers')
  @Public()
  @ApiOperation({ summary: "Volunteers in file order: pseudonymous ids and features for everyone, personal data for the assembly's organisers" })
  @ApiOkResponse({ type: VolunteerDto, isArray: true })
  async volunteers(@OptionalPrincipal() principal: Principal | undefined, @Param() params: PoolIdParams, @Query() query: VolunteersQuery): Promise<VolunteerDto[]> {
    return (await this.pools.volunteers(principal, params.id, query.after ?? 0, query.limit ?? 100)).map(mapVolunteer);
  }

  @Get('pools/:id/export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "CSV of selected and/or remaining volunteers with personal data (the assembly's organisers; audited)" })
  async export(@CurrentPrincipal() principal: Principal, @Param() params: PoolIdParams, @Query() query: ExportQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    const { fileName, csv } = await this.pools.exportCsv(principal, params.id, query.selection ?? 'all');
    void response.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return csv;
  }
}
