import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { STRATA } from '@app/sortition';
import { INVITATION_DRAW_STATUSES, type InvitationDrawEntity } from '../entities/invitation-draw.entity.js';
import { RESPONDENT_CHANNELS, type RespondentEntity } from '../entities/respondent.entity.js';
import type { InvitationEntity } from '../entities/invitation.entity.js';
import type { SourceListEntity } from '../entities/source-list.entity.js';
import type { InvitationView } from '../recruitment.service.js';
import { SeedDto } from './draw.dto.js';

const PRINTABLE = /^[^\p{C}]+$/u;

export class SourceListUploadQuery {
  @ApiProperty({ example: 'roll', description: 'The source the list stands for (lower case, digits, - or _): becomes the respondents\' "source" feature' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'source must be 1 to 40 lower-case letters, digits, - or _, starting with a letter or digit' })
  source!: string;

  @ApiProperty({ example: 'liste-electorale-2026.csv', description: 'The file name, as the record shows it' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{C}/\\]+$/u, { message: 'fileName must be a plain file name' })
  fileName!: string;
}

export class SourceListDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) assemblyId!: string;
  @ApiProperty({ example: 'roll' }) source!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'SHA-256 of the file as uploaded (sha256sum gives the same)' }) sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty() rows!: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export function mapSourceList(list: SourceListEntity): SourceListDto {
  return {
    id: list.id,
    assemblyId: list.assemblyId,
    source: list.label,
    fileName: list.fileName,
    sha256: list.sha256,
    bytes: list.byteCount,
    rows: list.rowCount,
    uploadedAt: list.createdAt.toISOString(),
  };
}

export class RespondentQuestionDto {
  @ApiProperty({ example: 'gender', description: 'The quota category the answer fills' })
  @IsString()
  @Matches(/^\p{L}[\p{L}\p{N}_ -]{0,39}$/u, { message: 'category must be 1 to 40 letters, digits, spaces, - or _, starting with a letter' })
  category!: string;

  @ApiProperty({ type: [String], example: ['woman', 'man', 'other'], description: 'The answers offered, spelled as in the quotas' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  @Matches(PRINTABLE, { each: true, message: 'each answer must be printable text' })
  values!: string[];
}

export class PublishInvitationDrawDto {
  @ApiProperty({ type: [String], description: 'The source lists, in the order of the mix' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('4', { each: true, message: 'each list id must be a UUID' })
  listIds!: string[];

  @ApiProperty({ type: [Number], example: [80, 15, 5], description: 'Whole-number weight of each list' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(1_000_000, { each: true })
  mix!: number[];

  @ApiProperty({ example: 10000, description: 'Invitations in all' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count!: number;

  @ApiPropertyOptional({ enum: STRATA, isArray: true, default: ['district'], description: 'What splits each source proportionally' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STRATA, { each: true })
  strata?: Array<'district' | 'age'>;

  @ApiPropertyOptional({ example: '2026-12-05', description: 'The day ages are counted on (default: today in Paris)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'countedOn must be a date, YYYY-MM-DD' })
  countedOn?: string;

  @ApiProperty({ type: [RespondentQuestionDto], description: "The respondents' form: one question per quota category beyond source, age and district" })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RespondentQuestionDto)
  questions!: RespondentQuestionDto[];
}

export class InvitationDrawIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class InvitationSeedDto extends SeedDto {}

export class StratumAllocationDto {
  @ApiProperty() eligible!: number;
  @ApiProperty() seats!: number;
  @ApiProperty() invited!: number;
}

export class SourceAllocationDto {
  @ApiProperty() seats!: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/StratumAllocationDto' } }) strata!: Record<string, StratumAllocationDto>;
}

export class InvitationDrawListDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() source!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() rows!: number;
  @ApiProperty() weight!: number;
}

export class InvitationDrawDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) assemblyId!: string;
  @ApiProperty({ enum: INVITATION_DRAW_STATUSES }) status!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [InvitationDrawListDto] }) lists!: InvitationDrawListDto[];
  @ApiProperty({ enum: STRATA, isArray: true }) strata!: string[];
  @ApiProperty({ example: '2026-12-05' }) countedOn!: string;
  @ApiProperty({ type: [RespondentQuestionDto] }) questions!: RespondentQuestionDto[];
  @ApiProperty({ description: 'SHA-256 of the canonical parameters (lists, count, mix, strata, day, exclusions): published before the seed' }) parametersDigest!: string;
  @ApiProperty({ description: 'SHA-256 of the people invited by earlier draws ("source:id" lines, sorted)' }) excludedDigest!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiPropertyOptional() seed?: string;
  @ApiPropertyOptional() seedGivenBy?: string;
  @ApiPropertyOptional({ type: [String] }) present?: string[];
  @ApiPropertyOptional({ format: 'date-time' }) drawnAt?: string;
  @ApiPropertyOptional() invited?: number;
  @ApiPropertyOptional({ description: 'Invitations a stratum could not fill (everyone at an address already invited)' }) shortfall?: number;
  @ApiPropertyOptional({ description: 'People left out because an earlier draw invited them' }) excluded?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SourceAllocationDto' } }) allocation?: Record<string, SourceAllocationDto>;
  @ApiPropertyOptional({ description: 'SHA-256 of the invited as CSV (id, source, stratum)' }) invitedSha256?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the letters were first produced' }) lettersIssuedAt?: string;
}

export function mapInvitationDraw(draw: InvitationDrawEntity, lists: SourceListEntity[]): InvitationDrawDto {
  return {
    id: draw.id,
    assemblyId: draw.assemblyId,
    status: draw.status,
    count: draw.count,
    lists: lists.map((list, i) => ({ id: list.id, source: list.label, fileName: list.fileName, sha256: list.sha256, rows: list.rowCount, weight: draw.mix[i] })),
    strata: draw.strata,
    countedOn: draw.countedOn,
    questions: draw.questions,
    parametersDigest: draw.parametersDigest,
    excludedDigest: draw.excludedDigest,
    publishedAt: draw.publishedAt.toISOString(),
    ...(draw.seed === null ? {} : { seed: draw.seed }),
    ...(draw.seedGivenBy === null ? {} : { seedGivenBy: draw.seedGivenBy }),
    ...(draw.present === null ? {} : { present: draw.present }),
    ...(draw.drawnAt === null ? {} : { drawnAt: draw.drawnAt.toISOString() }),
    ...(draw.result === null ? {} : { invited: draw.result.invitedCount, shortfall: draw.result.shortfall, excluded: draw.result.excluded, allocation: draw.result.allocation }),
    ...(draw.invitedSha256 === null ? {} : { invitedSha256: draw.invitedSha256 }),
    ...(draw.lettersIssuedAt === null ? {} : { lettersIssuedAt: draw.lettersIssuedAt.toISOString() }),
  };
}

export class InvitationCodeDto {
  @ApiProperty({ example: 'K7M2Q-9XW4D-H3JTP-B8NRV', description: "The code on the invitation letter (case and dashes don't matter)" })
  @IsString()
  @Length(4, 64)
  @Matches(/^[A-Za-z0-9 -]+$/, { message: 'code must be the letters and digits printed on the letter' })
  code!: string;
}

export class InvitationViewDto {
  @ApiProperty() assemblyId!: string;
  @ApiProperty() assemblyName!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ example: '25-34' }) ageBand!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [RespondentQuestionDto] }) questions!: RespondentQuestionDto[];
  @ApiProperty() answered!: boolean;
}

export function mapInvitationView(view: InvitationView): InvitationViewDto {
  return {
    assemblyId: view.assembly.id,
    assemblyName: view.assembly.name,
    givenNames: view.givenNames,
    familyName: view.familyName,
    district: view.district,
    ageBand: view.ageBand,
    source: view.source,
    questions: view.questions,
    answered: view.answered,
  };
}

export class RespondentAnswerDto extends InvitationCodeDto {
  @ApiProperty({ description: 'Consent to the processing of the data given here, for the draw and the assembly only' })
  @IsBoolean()
  consent!: boolean;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { gender: 'woman', education: 'bac+2' }, description: "One answer per question of the form" })
  @IsObject()
  answers!: Record<string, string>;

  @ApiPropertyOptional({ example: 'camille@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{6,25}$/, { message: 'phone must be a phone number (digits, spaces, +)' })
  phone?: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Saturdays; weekday evenings after 18:00', description: 'When the person is free for the sessions' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[^\p{Cc}\p{Cs}]*$/u, { message: 'availability must be text' })
  availability?: string;
}

export class EnteredRespondentAnswerDto extends RespondentAnswerDto {
  @ApiProperty({ enum: ['phone', 'paper'], description: 'How the person answered' })
  @IsIn(['phone', 'paper'])
  channel!: 'phone' | 'paper';
}

export class RespondentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'R4K7M2Q9X', description: 'The pseudonymous id the stage-2 pool and draw use' }) personId!: string;
  @ApiProperty({ enum: RESPONDENT_CHANNELS }) channel!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) features!: Record<string, string>;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiProperty() availability!: string;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
}

export function mapRespondent(respondent: RespondentEntity): RespondentDto {
  return {
    id: respondent.id,
    personId: respondent.personId,
    channel: respondent.channel,
    givenNames: respondent.invitation?.givenNames ?? '',
    familyName: respondent.invitation?.familyName ?? '',
    features: respondent.features,
    ...(respondent.contact.email === undefined ? {} : { email: respondent.contact.email }),
    ...(respondent.contact.phone === undefined ? {} : { phone: respondent.contact.phone }),
    availability: respondent.availability,
    answeredAt: respondent.createdAt.toISOString(),
  };
}

export class AnswerReceiptDto {
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ description: 'The features the draw will know the person by' , type: 'object', additionalProperties: { type: 'string' } }) features!: Record<string, string>;
}

export class QuotasUploadFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Quotas CSV (category,name,min,max) over source, age, district and the questions of the form' })
  quotas!: unknown;
}

export class InvitationSearchQuery {
  @ApiProperty({ example: 'martin', description: 'Part of a family or given name (case and accents ignored)' })
  @IsString()
  @Length(2, 100)
  @Matches(/^[^\p{C}]+$/u, { message: 'search must be printable text' })
  search!: string;
}

export class InvitationIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class RespondentParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'respondentId must be a UUID' })
  respondentId!: string;
}

export class WithdrawRespondentDto {
  @ApiProperty({ example: 'Asked by phone to withdraw', maxLength: 500, description: 'Kept in the audit log' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class InvitedPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) drawId!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once purged (retention period after the term)' }) familyName!: string | null;
  @ApiProperty({ type: String, nullable: true }) givenNames!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty() district!: string;
  @ApiProperty({ description: 'A code was printed for it' }) hasCode!: boolean;
  @ApiProperty() answered!: boolean;
}

export function mapInvitedPerson(invitation: InvitationEntity & { answered: boolean }): InvitedPersonDto {
  return {
    id: invitation.id,
    drawId: invitation.drawId,
    source: invitation.source,
    familyName: invitation.familyName,
    givenNames: invitation.givenNames,
    address: invitation.address,
    district: invitation.district,
    hasCode: invitation.codeHash !== null,
    answered: invitation.answered,
  };
}

export class ReissuedCodeDto {
  @ApiProperty({ type: InvitedPersonDto }) invitation!: InvitedPersonDto;
  @ApiProperty({ description: 'The new code, shown this once; the old one no longer works' }) code!: string;
  @ApiProperty({ description: 'Where to answer with it' }) answerUrl!: string;
}
