import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { PoolEntity } from '../entities/pool.entity.js';
import type { VolunteerSelection, VolunteerView } from '../pool.service.js';

export class PoolIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class UploadPoolDto {
  @ApiPropertyOptional({ example: 'primary_address1,primary_zip', description: 'Comma-separated pool columns that identify a household (at most one member per household)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[^,]+(,[^,]+)*$/, { message: 'householdColumns must be column names separated by commas' })
  householdColumns?: string;
}

/** What the multipart form looks like, for OpenAPI. */
export class UploadPoolFormDto extends UploadPoolDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'categories.csv (Panelot) or features.csv (Sortition Foundation)' })
  quotas!: unknown;

  @ApiProperty({ type: 'string', format: 'binary', description: 'respondents.csv (Panelot) or candidates.csv (Sortition Foundation)' })
  pool!: unknown;
}

export class VolunteersQuery {
  @ApiPropertyOptional({ description: 'Row number after which to continue (the last `rowNumber` seen)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['all', 'selected', 'remaining'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'selected', 'remaining'])
  selection?: VolunteerSelection;
}

export class PoolDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty({ enum: ['panelot', 'sortition-foundation'] }) layout!: string;
  @ApiProperty() quotasFileName!: string;
  @ApiProperty() poolFileName!: string;
  @ApiProperty({ description: 'SHA-256 of the uploaded quota file: compare with `sha256sum`' }) quotasSha256!: string;
  @ApiProperty({ description: 'SHA-256 of the uploaded pool file' }) poolSha256!: string;
  @ApiProperty({ type: String, isArray: true }) householdColumns!: string[];
  @ApiProperty() volunteerCount!: number;
  @ApiProperty({ description: 'The quotas as published (Sortition Foundation layout)' }) quotasCsv!: string;
  @ApiProperty() createdAt!: string;
}

export class VolunteerDto {
  @ApiProperty({ description: 'Pseudonymous id' }) personId!: string;
  @ApiProperty() rowNumber!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Category → value' }) features!: Record<string, string>;
  @ApiPropertyOptional({ description: 'Opaque household label (h1, h2, …)' }) household?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: "The assembly's organisers only: every other column" })
  personal?: Record<string, string>;
}

export function mapPool(pool: PoolEntity): PoolDto {
  return {
    id: pool.id,
    assemblyId: pool.assemblyId,
    layout: pool.layout,
    quotasFileName: pool.quotasFileName,
    poolFileName: pool.poolFileName,
    quotasSha256: pool.quotasSha256,
    poolSha256: pool.poolSha256,
    householdColumns: pool.householdColumns,
    volunteerCount: pool.volunteerCount,
    quotasCsv: pool.quotasCsv,
    createdAt: pool.createdAt.toISOString(),
  };
}

export function mapVolunteer({ volunteer, personalVisible }: VolunteerView): VolunteerDto {
  return {
    personId: volunteer.personId,
    rowNumber: volunteer.rowNumber,
    features: volunteer.features,
    ...(volunteer.household === null ? {} : { household: volunteer.household }),
    ...(personalVisible ? { personal: volunteer.personal } : {}),
  };
}
