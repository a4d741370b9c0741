import { Body, Controller, Delete, Get, Header, HttpCode, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Equals } from 'class-validator';
import { CurrentPrincipal, Public } from '../auth/auth.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Principal } from '../auth/principal.js';
import { PersonalDataService, type PersonalDataExport } from './personal-data.service.js';

export class PersonalDataExportDto {
  @ApiProperty({ enum: ['pnyx-personal-data-v1'] }) format!: 'pnyx-personal-data-v1';
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'One section per kind of data: account (with linked identities and sign-ins), assemblies, agenda, deliberation, votes (where you took part, never how), budget',
  })
  sections!: Record<string, unknown>;
}

export class DeleteAccountDto {
  @ApiProperty({ enum: [true], description: 'true: yes, delete my account (it cannot be undone)' })
  @Equals(true, { message: 'confirm must be true: deleting an account cannot be undone' })
  confirm!: true;
}

export class RetentionPeriodsDto {
  @ApiProperty({ description: "Pools' personal columns, source lists, invitations and respondents' contacts: months after the assembly's term" }) poolMonths!: number;
  @ApiProperty({ description: "Electoral rolls' names, birth dates and voting codes: days after the referendum's results are published" }) rollDays!: number;
  @ApiProperty({ description: 'Ended sign-ins: days after they ended or expired' }) sessionDays!: number;
}

@ApiTags('privacy')
@Controller('privacy')
export class PrivacyController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get('retention')
  @ApiOperation({ summary: 'How long personal data are kept here, as configured (public; the register: docs/personal-data.md)' })
  @ApiOkResponse({ type: RetentionPeriodsDto })
  retention(): RetentionPeriodsDto {
    const { poolMonths, rollDays, sessionDays } = this.config.retention;
    return { poolMonths, rollDays, sessionDays };
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('data')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Disposition', 'attachment; filename="pnyx-my-data.json"')
  @ApiOperation({ summary: 'Everything Pnyx holds about you, as JSON (right of access and portability)' })
  @ApiOkResponse({ type: PersonalDataExportDto })
  export(@CurrentPrincipal() principal: Principal): Promise<PersonalDataExport> {
    return this.personalData.export(principal.accountId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete your account (right to erasure)',
    description:
      'Erases your email, name, password and linked identities, ends your sessions and your seats in assemblies, and erases your volunteer details; ' +
      'your ballots were never linked to you and stay counted; your proposals and messages stay in the public record, signed by a deleted account. ' +
      'Errors: VALIDATION_FAILED without confirm: true, LAST_ADMIN_DELETION (409)',
  })
  @ApiNoContentResponse()
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: DeleteAccountDto): Promise<void> {
    void body;
    await this.personalData.deleteAccount(principal.accountId);
  }
}
