import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ATTENDANCE_METHODS, ATTENDANCE_MODES, type AttendanceMethod, type AttendanceMode } from '../entities/attendance-record.entity.js';
import { CORRECTION_REASON_MAX_LENGTH } from '../entities/attendance-correction.entity.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class AssemblyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class SeatParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: "The seat's membership id" })
  @IsUUID('4', { message: 'membershipId must be a UUID' })
  membershipId!: string;
}

/** Who arrives or leaves: the seat from the list, or the member's code scanned at the door. */
export class CheckInDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The seat, from the attendance list (or give `code`)' })
  @ValidateIf((body: CheckInDto) => body.code === undefined)
  @IsUUID('4', { message: 'membershipId must be a UUID (or give the member’s attendance code as `code`)' })
  membershipId?: string;

  @ApiPropertyOptional({ description: "The member's attendance code, as scanned from their QR code or typed (spaces and dashes ignored)" })
  @ValidateIf((body: CheckInDto) => body.membershipId === undefined || body.code !== undefined)
  @IsString()
  @Length(1, 40)
  code?: string;

  @ApiPropertyOptional({ description: 'When it happened (default: now), e.g. an arrival noted on paper and entered later; never in the future' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'at must be an ISO 8601 date-time' })
  at?: Date;
}

export class CorrectionDto {
  @ApiProperty({ minimum: 0, maximum: 1440, description: 'The minutes present that count for this session' })
  @IsInt()
  @Min(0)
  @Max(1440)
  minutes!: number;

  @ApiProperty({ maxLength: CORRECTION_REASON_MAX_LENGTH, description: 'Why (kept with the statement, audited)' })
  @Transform(trim)
  @IsString()
  @Length(1, CORRECTION_REASON_MAX_LENGTH, { message: `reason is required (1 to ${CORRECTION_REASON_MAX_LENGTH} characters)` })
  reason!: string;
}

export class IndemnityRulesInputDto {
  @ApiProperty({ minimum: 0, maximum: 1000000, description: 'Paid per half-day attended, in cents (Paris: 4400)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  centsPerHalfDay!: number;

  @ApiProperty({ minimum: 1, maximum: 720, description: 'Minutes present for a half-day to count' })
  @IsInt()
  @Min(1)
  @Max(720)
  minimumMinutes!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 100000000, description: 'At most this much per member per month, in cents; null for no cap' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  monthlyCapCents?: number | null;
}

export class IndemnityRulesDto {
  @ApiProperty() centsPerHalfDay!: number;
  @ApiProperty() minimumMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) monthlyCapCents!: number | null;
  @ApiProperty() updatedAt!: string;
}

export class IndemnityRulesViewDto {
  @ApiProperty({ type: IndemnityRulesDto, nullable: true, description: 'null until an organiser sets them' }) rules!: IndemnityRulesDto | null;
}

export class AttendanceStretchDto {
  @ApiProperty() id!: string;
  @ApiProperty() membershipId!: string;
  @ApiProperty({ enum: ATTENDANCE_MODES }) mode!: AttendanceMode;
  @ApiProperty({ enum: ATTENDANCE_METHODS }) method!: AttendanceMethod;
  @ApiProperty() arrivedAt!: string;
  @ApiProperty({ type: String, nullable: true }) leftAt!: string | null;
}

export class AttendanceCorrectionDto {
  @ApiProperty() minutes!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() correctedAt!: string;
}

export class SeatAttendanceDto {
  @ApiProperty() membershipId!: string;
  @ApiProperty({ enum: ['member', 'alternate'] }) role!: 'member' | 'alternate';
  @ApiProperty({ description: "The account's display name, else the pseudonymous volunteer id" }) name!: string;
  @ApiPropertyOptional() personId?: string;
  @ApiProperty({ description: 'Linked to an account (can join the live room)' }) linked!: boolean;
  @ApiProperty({ description: 'Checked in (or connected from home) now' }) present!: boolean;
  @ApiProperty({ description: "Minutes present within the session's hours so far" }) minutesRecorded!: number;
  @ApiProperty({ type: AttendanceCorrectionDto, nullable: true }) correction!: AttendanceCorrectionDto | null;
  @ApiProperty({ type: AttendanceStretchDto, isArray: true }) stretches!: AttendanceStretchDto[];
}

export class AttendanceSessionDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() scheduledAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() halfDays!: number;
  @ApiProperty() remoteAttendance!: boolean;
  @ApiProperty() status!: string;
}

export class AttendanceListDto {
  @ApiProperty({ type: AttendanceSessionDto }) session!: AttendanceSessionDto;
  @ApiProperty({ type: SeatAttendanceDto, isArray: true }) seats!: SeatAttendanceDto[];
}

export class StatementQuery {
  @ApiProperty({ example: '2026-11', description: 'First month (Paris time)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'from must be a month, YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2026-11', description: 'Last month, included' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'to must be a month, YYYY-MM' })
  to!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'pdf'])
  format?: 'json' | 'csv' | 'pdf';

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr', description: 'Language of the PDF' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

export class StatementLineDto {
  @ApiProperty() sessionId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty({ description: "Minutes within the session's hours, from the records" }) minutesRecorded!: number;
  @ApiProperty({ description: 'The minutes that count, after any correction' }) minutes!: number;
  @ApiPropertyOptional({ type: AttendanceCorrectionDto }) correction?: { minutes: number; reason: string };
  @ApiProperty({ description: 'Attended from home only' }) remote!: boolean;
  @ApiProperty() halfDays!: number;
  @ApiProperty() cents!: number;
}

export class MonthTotalDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() halfDays!: number;
  @ApiProperty() grossCents!: number;
  @ApiProperty({ description: 'What the monthly cap took off' }) cappedCents!: number;
  @ApiProperty() payableCents!: number;
}

export class MemberStatementDto {
  @ApiProperty() membershipId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() personId?: string;
  @ApiProperty({ type: StatementLineDto, isArray: true }) lines!: StatementLineDto[];
  @ApiProperty({ type: MonthTotalDto, isArray: true }) months!: MonthTotalDto[];
  @ApiProperty() halfDays!: number;
  @ApiProperty() payableCents!: number;
}

export class StatementSessionDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() halfDays!: number;
}

export class IndemnityStatementDto {
  @ApiProperty() assembly!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty() centsPerHalfDay!: number;
  @ApiProperty() minimumMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) monthlyCapCents!: number | null;
  @ApiProperty({ type: StatementSessionDto, isArray: true }) sessions!: StatementSessionDto[];
  @ApiProperty({ type: MemberStatementDto, isArray: true }) members!: MemberStatementDto[];
  @ApiProperty() payableCents!: number;
}

export class MySittingDto {
  @ApiProperty({ type: AttendanceSessionDto }) session!: AttendanceSessionDto;
  @ApiProperty({ type: AttendanceStretchDto, isArray: true }) stretches!: AttendanceStretchDto[];
  @ApiProperty({ description: 'The minutes that count (after any correction)' }) minutes!: number;
  @ApiPropertyOptional({ type: AttendanceCorrectionDto }) correction?: AttendanceCorrectionDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Half-days counted (null until the rules are set)' }) halfDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) cents!: number | null;
}

export class MyAttendanceDto {
  @ApiProperty() membershipId!: string;
  @ApiProperty({ enum: ['member', 'alternate'] }) role!: 'member' | 'alternate';
  @ApiProperty({ description: 'Shown as a QR code and scanned at the door to check in' }) attendanceCode!: string;
  @ApiProperty({ type: IndemnityRulesDto, nullable: true }) rules!: IndemnityRulesDto | null;
  @ApiProperty({ type: MySittingDto, isArray: true, description: 'Every sitting held since the seat began, newest first' }) sittings!: MySittingDto[];
  @ApiProperty({ type: MonthTotalDto, isArray: true }) months!: MonthTotalDto[];
  @ApiProperty({ type: Number, nullable: true }) payableCents!: number | null;
}
