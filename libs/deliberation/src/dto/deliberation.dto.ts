import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class SessionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class EventsQuery {
  @ApiPropertyOptional({ description: 'Events with a seq strictly greater than this', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class MinutesQuery {
  @ApiPropertyOptional({ enum: ['json', 'markdown'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'markdown'])
  format?: 'json' | 'markdown';

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr', description: 'Language of the Markdown minutes' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

export class FacilitatorsDto {
  @ApiProperty({ type: String, isArray: true, maxItems: 20, description: "Accounts with an active membership of the session's assembly" })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true, message: 'each accountId must be a UUID' })
  accountIds!: string[];
}

export class SessionEventDto {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ description: 'Monotonically increasing, gapless, per session' }) seq!: number;
  @ApiProperty({ example: 'floor.granted' }) type!: string;
  @ApiProperty({ description: 'ISO 8601' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class EventPageDto {
  @ApiProperty({ type: SessionEventDto, isArray: true }) events!: SessionEventDto[];
  @ApiProperty({ description: 'The last seq of the session so far' }) lastSeq!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as `after` for the next page; null when none' }) nextAfter!: number | null;
}

export class RoomDto {
  @ApiProperty({ description: 'The seq this view reflects' }) seq!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'status, items, currentItem, floor, queue, present, mutes, settings, serverTime' })
  room!: Record<string, unknown>;
}

export class FacilitatorListDto {
  @ApiProperty({ type: String, isArray: true }) accountIds!: string[];
}
