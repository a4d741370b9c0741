import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GRADE_PRESET_NAMES, OptionalGradeLabels, RankingDto, type GradePreset } from '@app/voting';
import { QUESTION_KINDS, type QuestionKind, type ReferendumQuestionEntity } from '../entities/referendum-question.entity.js';
import { REFERENDUM_STATUSES, type ReferendumEntity, type ReferendumStatus } from '../entities/referendum.entity.js';
import { toParisIso } from '../paris-time.js';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export class ReferendumIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class ListReferendumsQuery {
  @ApiPropertyOptional({ enum: ['draft', 'open', 'closed', 'published'] })
  @IsOptional()
  @IsIn(['draft', 'open', 'closed', 'published'])
  status?: 'draft' | 'open' | 'closed' | 'published';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ElectorParams extends ReferendumIdParams {
  @ApiProperty({ maxLength: 64 })
  @IsString()
  @Length(1, 64)
  externalId!: string;
}

export class StationParams extends ReferendumIdParams {
  @ApiProperty({ maxLength: 64 })
  @IsString()
  @Length(1, 64)
  station!: string;
}

export class QuestionInputDto {
  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Options (yes-no: defaults to Oui / Non)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Majority judgment: grades, worst first (or gradePreset)' })
  @OptionalGradeLabels()
  grades?: string[];

  @ApiPropertyOptional({ enum: GRADE_PRESET_NAMES })
  @IsOptional()
  @IsIn(GRADE_PRESET_NAMES)
  gradePreset?: GradePreset;
}

export class CreateReferendumDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ example: '2027-03-28T08:00', description: 'Paris wall-clock time (Europe/Paris), no offset' })
  @Matches(LOCAL_DATE_TIME, { message: 'opensAt must be a Paris local date-time like 2027-03-28T08:00' })
  opensAt!: string;

  @ApiProperty({ example: '2027-03-28T20:00', description: 'Paris wall-clock time (Europe/Paris), no offset' })
  @Matches(LOCAL_DATE_TIME, { message: 'closesAt must be a Paris local date-time like 2027-03-28T20:00' })
  closesAt!: string;

  @ApiPropertyOptional({ default: 16, minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minAge?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, description: 'Districts with fewer voters get no published result of their own' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  districtThreshold?: number;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    maxItems: 10,
    example: ['franceconnect'],
    description: "OpenID Connect providers (ids from GET /api/auth/methods) whose identity electors may vote with instead of the letter's code, matched on the roll by names and birth date. None: codes only",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  identityProviders?: string[];

  @ApiProperty({ type: QuestionInputDto, isArray: true, minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuestionInputDto)
  questions!: QuestionInputDto[];
}

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class RollImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Import the valid rows even if some are rejected (they are reported)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  acceptValid?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Validate and compare with the current roll without storing anything' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class RollUploadFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV: external_id, family_name, given_names, birth_date, district, polling_station (or the French column names)' })
  roll!: unknown;
}

export class AnswerDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Yes/no and single choice: the option index, or null for a blank vote' })
  @IsOptional()
  choice?: number | null;

  @ApiPropertyOptional({ type: Number, isArray: true, description: 'Majority judgment: a grade index per option (0 = worst)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  grades?: number[];
}

export class CastReferendumBallotDto {
  @ApiProperty({ example: 'K7QM-2XPA-9RTD-0B4E-HV1C-YS6N-W', description: 'The voting code from the letter' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ example: '1990-05-17', description: 'Birth date (YYYY-MM-DD or DD/MM/YYYY)' })
  @IsString()
  @Length(8, 10)
  birthDate!: string;

  @ApiProperty({ type: AnswerDto, isArray: true, description: 'One answer per question, in order' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class IdentityBallotDto {
  @ApiProperty({ type: AnswerDto, isArray: true, description: 'One answer per question, in order' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class OfficerInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId!: string;

  @ApiProperty({ maxLength: 64 })
  @IsString()
  @Length(1, 64)
  pollingStation!: string;
}

export class OfficersDto {
  @ApiProperty({ type: OfficerInputDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => OfficerInputDto)
  officers!: OfficerInputDto[];
}

export class PaperVoteDto {
  @ApiProperty({ description: "The elector's identifier on the roll" })
  @IsString()
  @Length(1, 64)
  externalId!: string;
}

export class StationCountDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Per question id: { options: [votes per option] | [[count per grade] per option], blank }',
  })
  @IsObject()
  counts!: Record<string, { options: number[] | number[][]; blank: number }>;
}

export class QuestionDto {
  @ApiProperty() id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: QUESTION_KINDS }) kind!: QuestionKind;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, isArray: true }) options!: string[];
  @ApiProperty({ type: String, isArray: true }) grades!: string[];
}

export class ReferendumDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: REFERENDUM_STATUSES }) status!: ReferendumStatus;
  @ApiProperty({ description: 'Paris time with offset' }) opensAt!: string;
  @ApiProperty({ description: 'Paris time with offset' }) closesAt!: string;
  @ApiProperty({ description: 'Age is counted on this Paris day' }) votingDay!: string;
  @ApiProperty() minAge!: number;
  @ApiProperty() districtThreshold!: number;
  @ApiProperty({ type: String, nullable: true, description: "SHA-256 of the roll frozen at opening" }) rollDigest!: string | null;
  @ApiProperty({ type: Number, nullable: true }) rollSize!: number | null;
  @ApiProperty({ type: String, isArray: true, description: "Providers whose identity electors may vote with (POST …/identity-ballots); none: the letter's code only" }) identityProviders!: string[];
  @ApiProperty({ type: QuestionDto, isArray: true }) questions!: QuestionDto[];
}

export function mapReferendum(referendum: ReferendumEntity, questions: ReferendumQuestionEntity[]): ReferendumDto {
  return {
    id: referendum.id,
    title: referendum.title,
    description: referendum.description,
    status: referendum.status,
    opensAt: toParisIso(referendum.opensAt),
    closesAt: toParisIso(referendum.closesAt),
    votingDay: referendum.votingDay,
    minAge: referendum.minAge,
    districtThreshold: referendum.districtThreshold,
    rollDigest: referendum.rollDigest,
    rollSize: referendum.rollSize,
    identityProviders: referendum.identityProviders,
    questions: questions.map(({ id, position, kind, text, options, grades }) => ({ id, position, kind, text, options, grades })),
  };
}

export class ReferendumReceiptDto {
  @ApiProperty({ description: 'Shown once: find it in the bulletin board of your ballot box after the close (hashed with SHA-256)' }) receipt!: string;
}

export class DistrictTurnoutDto {
  @ApiProperty() district!: string;
  @ApiProperty({ description: 'Electors of age on the voting day' }) electors!: number;
  @ApiProperty() voters!: number;
  @ApiProperty() online!: number;
  @ApiProperty() paper!: number;
}

export class ReferendumTurnoutDto {
  @ApiProperty({ enum: REFERENDUM_STATUSES }) status!: ReferendumStatus;
  @ApiProperty({ description: 'Electors of age on the voting day' }) electors!: number;
  @ApiProperty() voters!: number;
  @ApiProperty() online!: number;
  @ApiProperty() paper!: number;
  @ApiProperty({ type: DistrictTurnoutDto, isArray: true }) districts!: DistrictTurnoutDto[];
}

export class OptionVotesDto {
  @ApiProperty() label!: string;
  @ApiProperty() votes!: number;
  @ApiProperty({ description: 'Share of the votes cast for an option (blank ballots aside), 0 to 1' }) share!: number;
}

/** Yes/no and single choice: blank and options; majority judgment: ranking. */
export class QuestionOutcomeDto {
  @ApiProperty() ballots!: number;
  @ApiPropertyOptional({ description: 'Yes/no and single choice: ballots marking no option' }) blank?: number;
  @ApiPropertyOptional({ type: OptionVotesDto, isArray: true, description: 'Yes/no and single choice' }) options?: OptionVotesDto[];
  @ApiPropertyOptional({ type: RankingDto, description: 'Majority judgment (option = the option label)' }) ranking?: RankingDto;
}

export class DistrictOutcomeDto {
  @ApiProperty() district!: string;
  @ApiProperty() voters!: number;
  @ApiProperty({ description: 'Too few voters here (or needed to protect a smaller district): no result of its own' }) withheld!: boolean;
  @ApiPropertyOptional({ type: QuestionOutcomeDto }) outcome?: QuestionOutcomeDto;
}

export class QuestionResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind!: QuestionKind;
  @ApiProperty() text!: string;
  @ApiProperty({ type: QuestionOutcomeDto }) total!: QuestionOutcomeDto;
  @ApiProperty({ type: DistrictOutcomeDto, isArray: true }) districts!: DistrictOutcomeDto[];
}

export class ReferendumResultsDto {
  @ApiProperty() voters!: number;
  @ApiProperty({ type: QuestionResultDto, isArray: true }) questions!: QuestionResultDto[];
  @ApiProperty({ type: String, isArray: true, description: 'Polling stations whose paper count is not accepted yet' }) stationsPending!: string[];
}

export class BallotBoxDto {
  @ApiProperty() questionId!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ description: 'Its bulletin board: GET /api/polls/{pollId}/bulletin-board' }) pollId!: string;
}

export class StationOfficerDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional({ description: 'Organisers only' }) email?: string;
}

export class CountEntryDto {
  @ApiProperty() officerId!: string;
  @ApiProperty({ type: String, nullable: true }) officerName!: string | null;
  @ApiProperty() enteredAt!: string;
  @ApiProperty({ description: "The caller's own entry" }) mine!: boolean;
}

export class StationCountStateDto {
  @ApiProperty({ enum: ['none', 'waiting-for-second-entry', 'mismatch', 'accepted'] }) status!: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Mismatch: the ids of the questions whose figures differ (never the figures)' }) differences?: string[];
  @ApiProperty({ type: CountEntryDto, isArray: true }) entries!: CountEntryDto[];
}

export class StationDto {
  @ApiProperty() pollingStation!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ description: 'Electors on the roll at this station' }) electors!: number;
  @ApiProperty({ description: 'Electors marked as having voted on paper here' }) paperVotes!: number;
  @ApiProperty({ type: StationOfficerDto, isArray: true }) officers!: StationOfficerDto[];
  @ApiProperty({ type: StationCountStateDto }) count!: StationCountStateDto;
}

export class OfficerAssignmentDto {
  @ApiProperty() referendumId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'published'] }) status!: string;
  @ApiProperty() opensAt!: string;
  @ApiProperty() closesAt!: string;
  @ApiProperty() pollingStation!: string;
}

export class ElectorCheckDto {
  @ApiProperty() externalId!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) birthDate!: string;
  @ApiProperty() district!: string;
  @ApiProperty() pollingStation!: string;
  @ApiProperty({ description: 'Has voted, online or on paper (never how)' }) voted!: boolean;
  @ApiPropertyOptional({ enum: ['online', 'paper'] }) channel?: string;
}

export class RollIssueDto {
  @ApiProperty({
    enum: [
      'identifier-empty',
      'identifier-too-long',
      'identifier-repeated',
      'family-name-empty',
      'family-name-too-long',
      'given-names-empty',
      'given-names-too-long',
      'birth-date-invalid',
      'birth-date-future',
      'birth-date-too-old',
      'district-empty',
      'district-too-long',
      'polling-station-empty',
      'polling-station-too-long',
    ],
  })
  code!: string;
  @ApiPropertyOptional({ description: 'The value at fault (a date, the identifier)' }) value?: string;
  @ApiPropertyOptional({ description: 'identifier-repeated: the row that has it first' }) firstRow?: number;
}

export class RejectedRowDto {
  @ApiProperty({ description: 'Line in the file (the header is line 1)' }) row!: number;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: String, isArray: true, description: 'What is wrong, in English' }) problems!: string[];
  @ApiProperty({ type: RollIssueDto, isArray: true, description: 'The same, as codes to say in any language' }) issues!: RollIssueDto[];
}

export class RollChangeDto {
  @ApiProperty() externalId!: string;
  @ApiProperty({ type: String, isArray: true, enum: ['familyName', 'givenNames', 'birthDate', 'district', 'pollingStation'] }) fields!: string[];
}

export class RollDiffDto {
  @ApiProperty({ type: String, isArray: true, description: 'Identifiers new on the roll' }) added!: string[];
  @ApiProperty({ type: String, isArray: true, description: 'Identifiers no longer on the roll' }) removed!: string[];
  @ApiProperty({ type: RollChangeDto, isArray: true }) changed!: RollChangeDto[];
  @ApiProperty() unchanged!: number;
}

export class RollImportReportDto {
  @ApiProperty({ description: 'Valid rows (imported, or that would be in a dry run)' }) imported!: number;
  @ApiProperty({ type: RejectedRowDto, isArray: true, description: 'The first rejected rows (up to 1,000)' }) rejected!: RejectedRowDto[];
  @ApiProperty() rejectedCount!: number;
  @ApiProperty({ type: RollDiffDto, description: 'The difference from the current roll' }) diff!: RollDiffDto;
  @ApiProperty({ description: 'Nothing was stored' }) dryRun!: boolean;
  @ApiProperty({ description: 'SHA-256 of the uploaded file' }) sha256!: string;
}

export class PaperVoteMarkedDto {
  @ApiProperty() externalId!: string;
  @ApiProperty({ enum: ['paper'] }) channel!: string;
}

export class StationCountResultDto {
  @ApiProperty({ enum: ['waiting-for-second-entry', 'mismatch', 'accepted'] }) status!: string;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Mismatch: the ids of the questions whose figures differ from the other officer’s' }) differences?: string[];
}
