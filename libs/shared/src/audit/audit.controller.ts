import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../auth/auth.decorators.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditPageDto, AuditQueryDto, AuditVerificationDto, mapAuditEntry, mapVerification } from './dto/audit.dto.js';

/** The audit log for those who answer for it: admins and city organisers. */
@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('admin', 'organiser')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by action, actor and dates (admins and organisers)' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    const entries = await this.audit.search({ ...query, limit: limit + 1 });
    const page = entries.slice(0, limit);
    return { entries: page.map(mapAuditEntry), nextBefore: entries.length > limit ? page[page.length - 1].seq : null };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the whole hash chain, as `pnyx audit verify` does: its head hash, or the first broken entry (admins and organisers)' })
  @ApiOkResponse({ type: AuditVerificationDto })
  async verify(): Promise<AuditVerificationDto> {
    return mapVerification(await this.audit.verify(), this.clock.now());
  }
}
