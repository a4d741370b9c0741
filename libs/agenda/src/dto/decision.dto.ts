import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { COUNCIL_ANSWERS, DECISION_STAGES, MILESTONE_STATUSES, type CouncilAnswer, type DecisionStage, type MilestoneStatus } from '../decision-timeline.js';
import { DECISION_CHANGE_KINDS, type DecisionChangeKind } from '../entities/decision-change.entity.js';
import { DECISION_TEXT_MAX_LENGTH } from '../entities/decision.entity.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const day = (field: string) => Matches(DAY, { message: `${field} must be a day, YYYY-MM-DD` });
const MAX_CENTS = 100_000_000_000_000;

export class DecisionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class MilestoneParams extends DecisionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'milestoneId must be a UUID' })
  milestoneId!: string;
}

export class CreateDecisionDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The assembly's closed poll that adopted it (default: the poll named when the proposal was decided)" })
  @IsOptional()
  @IsUUID('4', { message: 'pollId must be a UUID' })
  pollId?: string;
}

export class TransmissionDto {
  @ApiProperty({ example: '2026-11-16', description: 'The day it was transmitted to the Conseil de Paris' })
  @day('transmittedOn')
  transmittedOn!: string;

  @ApiProperty({ maxLength: 100, description: "The council's reference (e.g. 2026 DDCT 142)" })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  reference!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-01-31', description: 'When the answer is expected: after it, shown as overdue' })
  @IsOptional()
  @day('answerDueOn')
  answerDueOn?: string | null;
}

export class CouncilAnswerDto {
  @ApiProperty({ enum: COUNCIL_ANSWERS })
  @IsIn(COUNCIL_ANSWERS)
  answer!: CouncilAnswer;

  @ApiProperty({ example: '2027-01-20' })
  @day('answeredOn')
  answeredOn!: string;

  @ApiPropertyOptional({ maxLength: DECISION_TEXT_MAX_LENGTH, description: 'The text as amended (required when amended)' })
  @ValidateIf((body: CouncilAnswerDto) => body.answer === 'amended')
  @Transform(trim)
  @IsString({ message: 'text is required when the council amended it: the text as amended' })
  @Length(1, DECISION_TEXT_MAX_LENGTH, { message: 'text is required when the council amended it: the text as amended' })
  text?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Why it was rejected (required when rejected)' })
  @ValidateIf((body: CouncilAnswerDto) => body.answer === 'rejected')
  @Transform(trim)
  @IsString({ message: 'reasons are required when the council rejected it' })
  @Length(1, 5000, { message: 'reasons are required when the council rejected it' })
  reasons?: string;
}

export class CreateMilestoneDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 200, description: 'The department responsible (e.g. DEVE, Direction des espaces verts)' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  department!: string;

  @ApiProperty({ example: '2027-06-30' })
  @day('plannedOn')
  plannedOn!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Money committed, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  committedCents?: number | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** The fields of a milestone to change (any of them), and its status. */
export class UpdateMilestoneDto extends PartialType(CreateMilestoneDto) {
  @ApiPropertyOptional({ enum: MILESTONE_STATUSES })
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The day it was done (default: today when the status becomes done)' })
  @IsOptional()
  @day('doneOn')
  doneOn?: string | null;
}

export class DecisionsQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class FeedQuery {
  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

export class MilestoneDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() department!: string;
  @ApiProperty() plannedOn!: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status!: MilestoneStatus;
  @ApiProperty({ type: String, nullable: true }) doneOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Money committed, in cents (a decimal string)' }) committedCents!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'Planned day passed, neither done nor cancelled' }) overdue!: boolean;
}

export class DecisionPollDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
}

export class DecisionChangeDto {
  @ApiProperty() seq!: string;
  @ApiProperty({ enum: DECISION_CHANGE_KINDS }) kind!: DecisionChangeKind;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() at!: string;
}

export class DecisionDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty() proposalId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The text as adopted (Markdown)' }) text!: string;
  @ApiProperty({ type: DecisionPollDto, description: 'The vote that adopted it' }) poll!: DecisionPollDto;
  @ApiProperty() adoptedOn!: string;
  @ApiProperty({ enum: DECISION_STAGES }) stage!: DecisionStage;
  @ApiProperty({ type: String, nullable: true }) transmittedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) transmissionReference!: string | null;
  @ApiProperty({ type: String, nullable: true }) answerDueOn!: string | null;
  @ApiProperty({ description: 'Transmitted, not answered, and the expected day has passed' }) answerOverdue!: boolean;
  @ApiProperty({ enum: COUNCIL_ANSWERS, nullable: true }) councilAnswer!: CouncilAnswer | null;
  @ApiProperty({ type: String, nullable: true }) answeredOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) councilText!: string | null;
  @ApiProperty({ type: String, nullable: true }) councilReasons!: string | null;
  @ApiProperty({ type: MilestoneDto, isArray: true }) milestones!: MilestoneDto[];
  @ApiProperty({ description: 'Money committed by the milestones not cancelled, in cents (a decimal string)' }) committedCents!: string;
  @ApiProperty() updatedAt!: string;
}

export class DecisionDetailDto extends DecisionDto {
  @ApiProperty({ type: DecisionChangeDto, isArray: true, description: 'Every change, oldest first' }) changes!: DecisionChangeDto[];
}
