import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { GRADE_PRESET_NAMES, OptionalGradeLabels, type GradePreset } from '@app/voting';
import { REACTIONS, type Reaction } from '../entities/message-reaction.entity.js';
import { MESSAGE_MAX_LENGTH } from '../entities/session-message.entity.js';

/** Payloads of the `/deliberation` socket events, validated like HTTP bodies (unknown fields refused). */

export class SessionRefDto {
  @IsUUID('4', { message: 'sessionId must be a UUID' })
  sessionId!: string;
}

export class JoinSessionDto extends SessionRefDto {
  /** The last seq this client saw: the events after it are sent before the acknowledgement. */
  @IsOptional()
  @IsInt()
  @Min(0)
  lastSeq?: number;
}

export class StartItemDto extends SessionRefDto {
  /** 0-based position in the session's agenda. */
  @IsInt()
  @Min(0)
  @Max(999)
  index!: number;
}

export class ExtendItemDto extends SessionRefDto {
  @IsInt()
  @Min(1)
  @Max(120)
  minutes!: number;
}

export class ExtendFloorDto extends SessionRefDto {
  @IsInt()
  @Min(10)
  @Max(600)
  seconds!: number;
}

export class AwayDto extends SessionRefDto {
  /** The member's page went to the background (true) or came back (false). */
  @IsBoolean()
  away!: boolean;
}

export class OptionalAccountDto extends SessionRefDto {
  @IsOptional()
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId?: string;
}

export class MuteDto extends SessionRefDto {
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId!: string;

  @IsInt()
  @Min(1)
  @Max(480)
  minutes!: number;

  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class UnmuteDto extends SessionRefDto {
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId!: string;
}

export class RoomSettingsDto extends SessionRefDto {
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  turnSeconds?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  warningSeconds?: number;

  @IsOptional()
  @IsBoolean()
  firstSpeakerPriority?: boolean;

  @IsOptional()
  @IsBoolean()
  autoNext?: boolean;
}

export class PostMessageDto extends SessionRefDto {
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  body!: string;

  @IsOptional()
  @IsUUID('4', { message: 'replyTo must be a message id' })
  replyTo?: string;
}

export class ReactDto extends SessionRefDto {
  @IsUUID('4', { message: 'messageId must be a UUID' })
  messageId!: string;

  @IsIn(REACTIONS)
  reaction!: Reaction;

  @IsBoolean()
  on!: boolean;
}

export class HideMessageDto extends SessionRefDto {
  @IsUUID('4', { message: 'messageId must be a UUID' })
  messageId!: string;

  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class VoteOptionDto {
  @IsString()
  @Length(1, 200)
  label!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class OpenVoteDto extends SessionRefDto {
  @IsString()
  @Length(1, 300)
  title!: string;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VoteOptionDto)
  options!: VoteOptionDto[];

  @IsOptional()
  @IsIn(GRADE_PRESET_NAMES)
  gradePreset?: GradePreset;

  @OptionalGradeLabels()
  grades?: string[];
}

export class CloseVoteDto extends SessionRefDto {
  @IsUUID('4', { message: 'pollId must be a UUID' })
  pollId!: string;
}

/** `breakout.open`: a random split into `groups` balanced on `features`, or the groups by hand (`assignment`). */
export class OpenBreakoutDto extends SessionRefDto {
  @ValidateIf((body: OpenBreakoutDto) => body.assignment === undefined)
  @IsInt()
  @Min(2)
  @Max(50)
  groups?: number;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsArray({ each: true })
  assignment?: string[][];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  features?: string[];

  /** The workshop's length: the groups' countdown to the return to plenary. */
  @IsInt()
  @Min(1)
  @Max(240)
  minutes!: number;

  /** Per group, in order: a facilitator's account id, or null. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  facilitators?: Array<string | null>;
}

export class BroadcastDto extends SessionRefDto {
  @IsString()
  @Length(1, 500)
  text!: string;
}

export class GroupReporterDto extends SessionRefDto {
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId!: string;
}

export class GroupReportDto extends SessionRefDto {
  @IsString()
  @Length(1, 1800)
  summary!: string;
}
