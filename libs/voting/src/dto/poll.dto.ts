import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { normaliseRankingJson } from '@app/majority-judgment';
import { OptionalGradeLabels } from './grade-labels.decorator.js';
import { RankingDto } from './ranking.dto.js';
import { GRADE_PRESET_NAMES, type GradePreset } from '../grade-presets.js';
import type { PollOptionEntity } from '../entities/poll-option.entity.js';
import {
  POLL_AUDIENCES,
  POLL_STATUSES,
  POLL_TIE_BREAKS,
  REVOTE_POLICIES,
  SKIPPED_POLICIES,
  type PollAudience,
  type PollEntity,
  type PollResult,
  type PollStatus,
  type PollTieBreak,
  type RevotePolicy,
  type SkippedPolicy,
} from '../entities/poll.entity.js';

export class PollIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class OptionInputDto {
  @ApiProperty({ maxLength: 300, example: 'Végétaliser la place' })
  @IsString()
  @Length(1, 300)
  label!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

class PollFieldsDto {
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ type: String, isArray: true, minItems: 2, maxItems: 10, description: 'Grade labels, worst first (or gradePreset)' })
  @OptionalGradeLabels()
  grades?: string[];

  @ApiPropertyOptional({ enum: GRADE_PRESET_NAMES, default: 'fr-7' })
  @IsOptional()
  @IsIn(GRADE_PRESET_NAMES)
  gradePreset?: GradePreset;

  @ApiPropertyOptional({ description: 'Ballots are accepted from then (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'opensAt must be an ISO 8601 date-time' })
  opensAt?: Date;

  @ApiPropertyOptional({ description: 'The poll closes itself then (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'closesAt must be an ISO 8601 date-time' })
  closesAt?: Date;

  @ApiPropertyOptional({ enum: REVOTE_POLICIES, default: 'never', description: 'until-close: a voter may replace their ballot with its receipt' })
  @IsOptional()
  @IsIn(REVOTE_POLICIES)
  revote?: RevotePolicy;

  @ApiPropertyOptional({ enum: SKIPPED_POLICIES, default: 'refuse', description: 'An ungraded option: refused, counted as the worst grade, or as its median' })
  @IsOptional()
  @IsIn(SKIPPED_POLICIES)
  skipped?: SkippedPolicy;

  @ApiPropertyOptional({ enum: POLL_TIE_BREAKS, default: 'majority-value' })
  @IsOptional()
  @IsIn(POLL_TIE_BREAKS)
  tieBreak?: PollTieBreak;
}

/** Audiences a poll can be created with over /polls; `roll` polls belong to referendums. */
const HTTP_POLL_AUDIENCES = ['assembly', 'residents'] as const;

export class CreatePollDto extends PollFieldsDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ type: OptionInputDto, isArray: true, minItems: 2, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OptionInputDto)
  options!: OptionInputDto[];

  @ApiProperty({ enum: HTTP_POLL_AUDIENCES, description: "assembly: the assembly's members; residents: any resident (referendum polls are made by referendums)" })
  @IsIn(HTTP_POLL_AUDIENCES)
  audience!: PollAudience;

  @ApiPropertyOptional({ description: 'Required for assembly polls' })
  @IsOptional()
  @IsUUID('4', { message: 'assemblyId must be a UUID' })
  assemblyId?: string;
}

export class UpdatePollDto extends PollFieldsDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ type: OptionInputDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OptionInputDto)
  options?: OptionInputDto[];
}

export class ListPollsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('4', { message: 'assemblyId must be a UUID' })
  assemblyId?: string;

  @ApiPropertyOptional({ enum: POLL_STATUSES })
  @IsOptional()
  @IsIn(POLL_STATUSES)
  status?: PollStatus;

  @ApiPropertyOptional({ enum: POLL_AUDIENCES, description: 'residents: polls any resident may vote in; roll: the ballot boxes of referendums' })
  @IsOptional()
  @IsIn(POLL_AUDIENCES)
  audience?: PollAudience;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CastBallotDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { '<optionId>': 4 }, description: 'Option id → grade index (0 = worst)' })
  @IsObject()
  grades!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'To replace your ballot (polls with revote until-close): the receipt you were given' })
  @IsOptional()
  @IsString()
  @Length(10, 64)
  receipt?: string;
}

export class ReceiptDto {
  @ApiProperty({ description: 'Your receipt. Keep it secret: it is the only link to your ballot' })
  @IsString()
  @Length(10, 64)
  receipt!: string;
}

export class PollOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() position!: number;
  @ApiProperty() label!: string;
  @ApiProperty() description!: string;
}

export class PollDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, isArray: true }) grades!: string[];
  @ApiProperty({ enum: POLL_AUDIENCES }) audience!: PollAudience;
  @ApiPropertyOptional() assemblyId?: string;
  @ApiProperty({ enum: POLL_STATUSES }) status!: PollStatus;
  @ApiProperty({ enum: REVOTE_POLICIES }) revote!: RevotePolicy;
  @ApiProperty({ enum: SKIPPED_POLICIES }) skipped!: SkippedPolicy;
  @ApiProperty({ enum: POLL_TIE_BREAKS }) tieBreak!: PollTieBreak;
  @ApiPropertyOptional() opensAt?: string;
  @ApiPropertyOptional() closesAt?: string;
  @ApiPropertyOptional() openedAt?: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() publishedAt?: string;
  @ApiPropertyOptional({ type: PollOptionDto, isArray: true }) options?: PollOptionDto[];
}

export class CastReceiptDto {
  @ApiProperty({ description: 'Shown once. Keep it: it proves your ballot is counted (bulletin board) and lets you change it where allowed' })
  receipt!: string;
  @ApiProperty() replaced!: boolean;
}

export class TurnoutDto {
  @ApiProperty() participants!: number;
  @ApiPropertyOptional({ description: 'People entitled to vote, when known (assembly polls)' }) eligible?: number;
  @ApiProperty({ enum: POLL_STATUSES }) status!: PollStatus;
}

export class ParticipationDto {
  @ApiProperty({ description: 'Whether the caller may vote in this poll' }) eligible!: boolean;
  @ApiPropertyOptional({ description: 'Why not, when not eligible' }) reason?: string;
  @ApiProperty({ description: 'Whether the caller has already voted (never how)' }) voted!: boolean;
}

export class ReceiptCheckDto {
  @ApiProperty() receiptHash!: string;
  @ApiProperty() included!: boolean;
}

export class PollResultDto {
  @ApiProperty() pollId!: string;
  @ApiProperty({ enum: POLL_STATUSES }) status!: PollStatus;
  @ApiProperty() ballots!: number;
  @ApiProperty() participations!: number;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the canonical bulletin board; null for a few seconds after close, while it is sealed' })
  bulletinBoardDigest!: string | null;
  @ApiProperty({ type: RankingDto, description: 'Ranking, best first, with merit profiles (option = option id)' })
  ranking!: RankingDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Option id → label' }) labels!: Record<string, string>;
}

export function mapOption(option: PollOptionEntity): PollOptionDto {
  return { id: option.id, position: option.position, label: option.label, description: option.description };
}

export function mapPoll(poll: PollEntity, options?: PollOptionEntity[]): PollDto {
  const iso = (date: Date | null): string | undefined => date?.toISOString();
  const dto: PollDto = {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    grades: poll.grades,
    audience: poll.audience,
    status: poll.status,
    revote: poll.revote,
    skipped: poll.skipped,
    tieBreak: poll.tieBreak,
  };
  if (poll.assemblyId !== null) dto.assemblyId = poll.assemblyId;
  for (const key of ['opensAt', 'closesAt', 'openedAt', 'closedAt', 'publishedAt'] as const) {
    const value = iso(poll[key]);
    if (value !== undefined) dto[key] = value;
  }
  if (options !== undefined) dto.options = options.map(mapOption);
  return dto;
}

export function mapResult(poll: PollEntity, options: PollOptionEntity[], result: PollResult): PollResultDto {
  return {
    pollId: poll.id,
    status: poll.status,
    ballots: result.ballots,
    participations: result.participations,
    bulletinBoardDigest: result.bulletinBoardDigest,
    ranking: normaliseRankingJson(result.ranking),
    labels: Object.fromEntries(options.map((option) => [option.id, option.label])),
  };
}
