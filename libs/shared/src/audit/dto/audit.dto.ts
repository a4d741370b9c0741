import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { describeChainBreak, type ChainBreak } from '../audit-chain.js';
import type { AuditListEntry, AuditVerification } from '../audit-log.service.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'draw', description: 'An action (`draw.seeded`) or a family of actions (`draw` matches `draw.*`)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[a-z][a-z0-9.-]*$/, { message: 'action must be an action name such as draw.seeded, or its prefix such as draw' })
  action?: string;

  @ApiPropertyOptional({ description: '`system`, an account id, or an account email' })
  @IsOptional()
  @IsString()
  @Length(1, 320)
  actor?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this moment (ISO 8601)' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be a date (ISO 8601)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this moment (ISO 8601)' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be a date (ISO 8601)' })
  to?: string;

  @ApiPropertyOptional({ description: 'Entries with a seq below this one (the previous page’s `nextBefore`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ description: '`system` or `account:<id>`' }) actor!: string;
  @ApiPropertyOptional({ description: "The actor account's display name" }) actorName?: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: AuditEntryDto, isArray: true, description: 'Newest first' }) entries!: AuditEntryDto[];
  @ApiProperty({ type: Number, nullable: true, description: '`before` for the next (older) page; null at the oldest' }) nextBefore!: number | null;
}

export class AuditBreakDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['sequence-gap', 'previous-hash-mismatch', 'content-hash-mismatch'] }) reason!: string;
  @ApiProperty() description!: string;
}

export class AuditVerificationDto {
  @ApiProperty({ description: 'Every entry extends the chain' }) ok!: boolean;
  @ApiProperty({ description: 'Entries verified' }) count!: number;
  @ApiProperty({ description: 'Hash of the last verified entry: publish it to pin the history so far' }) headHash!: string;
  @ApiPropertyOptional({ type: AuditBreakDto, description: 'The first broken entry' }) broken?: AuditBreakDto;
  @ApiProperty() verifiedAt!: string;
}

export function mapAuditEntry(entry: AuditListEntry): AuditEntryDto {
  return { ...entry, ...(entry.actorName === undefined ? {} : { actorName: entry.actorName }) };
}

export function mapVerification(verification: AuditVerification, verifiedAt: Date): AuditVerificationDto {
  const broken = (b: ChainBreak): AuditBreakDto => ({ seq: b.seq, reason: b.reason, description: describeChainBreak(b) });
  return {
    ok: verification.ok,
    count: verification.count,
    headHash: verification.headHash,
    ...(verification.broken === undefined ? {} : { broken: broken(verification.broken) }),
    verifiedAt: verifiedAt.toISOString(),
  };
}
