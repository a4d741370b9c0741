import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { decodeKeysetCursor, encodeKeysetCursor } from '@app/persistence';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { AMENDMENT_STATES, type AmendmentEntity, type AmendmentState } from '../entities/amendment.entity.js';
import type { ProposalVersionEntity } from '../entities/proposal-version.entity.js';
import type { ProposalEntity } from '../entities/proposal.entity.js';
import type { SessionEntity } from '../entities/session.entity.js';
import { SESSION_STATUSES, SESSION_VISIBILITIES, type SessionStatus, type SessionVisibility } from '../entities/session.entity.js';
import { renderMarkdown } from '@app/shared';
import { PROPOSAL_ACTIONS, PROPOSAL_KINDS, PROPOSAL_STATES, type Actor, type ProposalAction, type ProposalKind, type ProposalState } from '../proposal-lifecycle.js';

export class IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateProposalDto {
  @ApiProperty({ enum: PROPOSAL_KINDS, description: 'motion (assembly members) or petition (residents, collects supports)' })
  @IsIn(PROPOSAL_KINDS)
  kind!: ProposalKind;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  body?: string;

  @ApiPropertyOptional({ maxLength: 60, example: 'mobilité' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Attachments by link (https)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true, message: 'each link must be an https URL' })
  links?: string[];
}

export class EditDraftDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  body?: string;

  @ApiPropertyOptional({ maxLength: 60 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true, message: 'each link must be an https URL' })
  links?: string[];
}

export const PUBLIC_ACTIONS = PROPOSAL_ACTIONS.filter((action) => !['open-supports', 'reach-threshold', 'expire'].includes(action));

export class TransitionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ enum: PUBLIC_ACTIONS })
  @IsIn(PUBLIC_ACTIONS, { message: `action must be one of ${PUBLIC_ACTIONS.join(', ')}` })
  action!: ProposalAction;
}

export class TransitionDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Public reason (required to declare inadmissible)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'schedule: the session' })
  @IsOptional()
  @IsUUID('4', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ description: 'schedule: position on the agenda (1 = first)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  position?: number;

  @ApiPropertyOptional({ description: 'schedule: minutes allotted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  allottedMinutes?: number;

  @ApiPropertyOptional({ description: 'decide: the closed poll that decided it' })
  @IsOptional()
  @IsUUID('4', { message: 'pollId must be a UUID' })
  pollId?: string;
}

export class ListProposalsQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATES })
  @IsOptional()
  @IsIn(PROPOSAL_STATES)
  state?: ProposalState;

  @ApiPropertyOptional({ enum: PROPOSAL_KINDS })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS)
  kind?: ProposalKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string;

  @ApiPropertyOptional({ description: 'Full-text search, French and English ("vélo -trottinette", "pistes cyclables")' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ProposeAmendmentDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'New title (default: unchanged)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ maxLength: 20000, description: 'The whole new text (Markdown)' })
  @IsString()
  @MaxLength(20000)
  body!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  rationale?: string;
}

export class DecideAmendmentDto {
  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'])
  decision!: 'accept' | 'reject';

  @ApiPropertyOptional({ description: 'When the assembly decided: the closed poll' })
  @IsOptional()
  @IsUUID('4', { message: 'pollId must be a UUID' })
  pollId?: string;
}

export class DiffQuery {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}

export class CreateSessionDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty()
  @Type(() => Date)
  @IsDate({ message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt!: Date;

  @ApiPropertyOptional({ description: 'When the sitting ends (default: three hours after it starts; at most 24 hours)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'endsAt must be an ISO 8601 date-time' })
  endsAt?: Date;

  @ApiPropertyOptional({ enum: [1, 2], default: 1, description: 'Half-days attending it is worth (a full day is two)' })
  @IsOptional()
  @IsIn([1, 2])
  halfDays?: 1 | 2;

  @ApiPropertyOptional({ default: false, description: 'Members may attend from home: being in the live room counts as presence' })
  @IsOptional()
  @IsBoolean()
  remoteAttendance?: boolean;

  @ApiPropertyOptional({ enum: SESSION_VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(SESSION_VISIBILITIES)
  visibility?: SessionVisibility;
}

export class AgendaSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 10000000, description: 'Supports a petition needs' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  petitionThreshold!: number;

  @ApiProperty({ minimum: 1, maximum: 730, description: 'Days a petition collects supports' })
  @IsInt()
  @Min(1)
  @Max(730)
  petitionDays!: number;
}

export class HiddenDto {
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'The public reason' }) reason!: string;
}

export class ProposalDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty({ enum: PROPOSAL_KINDS }) kind!: ProposalKind;
  @ApiProperty({ enum: PROPOSAL_STATES }) state!: ProposalState;
  @ApiProperty({ description: 'Empty when hidden' }) title!: string;
  @ApiPropertyOptional({ description: 'Markdown as written (absent when hidden)' }) body?: string;
  @ApiPropertyOptional({ description: 'The body rendered to safe HTML' }) bodyHtml?: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, isArray: true }) links!: string[];
  @ApiProperty() authorId!: string;
  @ApiPropertyOptional() stateReason?: string;
  @ApiProperty() supportCount!: number;
  @ApiPropertyOptional() supportThreshold?: number;
  @ApiPropertyOptional() supportDeadline?: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional() decisionPollId?: string;
  @ApiPropertyOptional() sessionId?: string;
  @ApiPropertyOptional() agendaPosition?: number;
  @ApiPropertyOptional() allottedMinutes?: number;
  @ApiPropertyOptional({ type: () => HiddenDto, description: 'Set when moderators hid it, with the public reason' }) hidden?: HiddenDto;
  @ApiPropertyOptional() submittedAt?: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: "The caller's capacities towards it (author, organiser, facilitator)" }) yourRoles?: Actor[];
  @ApiPropertyOptional({ description: 'Whether the caller supports it' }) supported?: boolean;
}

export class ProposalPageDto {
  @ApiProperty({ type: ProposalDto, isArray: true }) items!: ProposalDto[];
  @ApiPropertyOptional() nextCursor?: string;
}

/** Hidden proposals keep their place and their reason, not their text (unless for organisers). */
export function mapProposal(proposal: ProposalEntity, options: { showHidden?: boolean; withBody?: boolean } = {}): ProposalDto {
  const hidden = proposal.hiddenAt !== null;
  const showText = !hidden || options.showHidden === true;
  const dto: ProposalDto = {
    id: proposal.id,
    assemblyId: proposal.assemblyId,
    kind: proposal.kind,
    state: proposal.state,
    title: showText ? proposal.title : '',
    category: proposal.category,
    links: showText ? proposal.links : [],
    authorId: proposal.authorId,
    supportCount: proposal.supportCount,
    version: proposal.version,
    createdAt: proposal.createdAt.toISOString(),
  };
  if (showText && options.withBody !== false) {
    dto.body = proposal.body;
    dto.bodyHtml = renderMarkdown(proposal.body);
  }
  if (proposal.stateReason !== null) dto.stateReason = proposal.stateReason;
  if (proposal.supportThreshold !== null) dto.supportThreshold = proposal.supportThreshold;
  if (proposal.supportDeadline !== null) dto.supportDeadline = proposal.supportDeadline.toISOString();
  if (proposal.decisionPollId !== null) dto.decisionPollId = proposal.decisionPollId;
  if (proposal.sessionId !== null) dto.sessionId = proposal.sessionId;
  if (proposal.agendaPosition !== null) dto.agendaPosition = proposal.agendaPosition;
  if (proposal.allottedMinutes !== null) dto.allottedMinutes = proposal.allottedMinutes;
  if (hidden) dto.hidden = { at: proposal.hiddenAt!.toISOString(), reason: proposal.hiddenReason! };
  if (proposal.submittedAt !== null) dto.submittedAt = proposal.submittedAt.toISOString();
  return dto;
}

export class AmendmentDto {
  @ApiProperty() id!: string;
  @ApiProperty() proposalId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ description: 'The version it amends' }) baseVersion!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The whole proposed text (Markdown)' }) body!: string;
  @ApiProperty({ description: 'The proposed text rendered to safe HTML' }) bodyHtml!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty({ enum: AMENDMENT_STATES }) state!: AmendmentState;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decisionPollId?: string;
  @ApiProperty() createdAt!: string;
}

export function mapAmendment(amendment: AmendmentEntity): AmendmentDto {
  return {
    id: amendment.id,
    proposalId: amendment.proposalId,
    authorId: amendment.authorId,
    baseVersion: amendment.baseVersion,
    title: amendment.title,
    body: amendment.body,
    bodyHtml: renderMarkdown(amendment.body),
    rationale: amendment.rationale,
    state: amendment.state,
    ...(amendment.decidedAt === null ? {} : { decidedAt: amendment.decidedAt.toISOString(), ...(amendment.decidedBy === null ? {} : { decidedBy: amendment.decidedBy }) }),
    ...(amendment.decisionPollId === null ? {} : { decisionPollId: amendment.decisionPollId }),
    createdAt: amendment.createdAt.toISOString(),
  };
}

export class ProposalVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown' }) body!: string;
  @ApiProperty({ description: 'The body rendered to safe HTML' }) bodyHtml!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The accepted amendment that made this version' }) amendmentId!: string | null;
  @ApiProperty() createdAt!: string;
}

export function mapVersion(version: ProposalVersionEntity): ProposalVersionDto {
  return {
    version: version.version,
    title: version.title,
    body: version.body,
    bodyHtml: renderMarkdown(version.body),
    amendmentId: version.amendmentId,
    createdAt: version.createdAt.toISOString(),
  };
}

export class DiffLineDto {
  @ApiProperty({ enum: ['same', 'added', 'removed'] }) op!: 'same' | 'added' | 'removed';
  @ApiProperty() text!: string;
}

export class ProposalDiffDto {
  @ApiProperty({ type: DiffLineDto, isArray: true }) title!: DiffLineDto[];
  @ApiProperty({ type: DiffLineDto, isArray: true }) body!: DiffLineDto[];
}

export class SessionDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() scheduledAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: [1, 2] }) halfDays!: number;
  @ApiProperty() remoteAttendance!: boolean;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ enum: SESSION_VISIBILITIES }) visibility!: SessionVisibility;
}

export function mapSession(session: SessionEntity): SessionDto {
  return { id: session.id, assemblyId: session.assemblyId, title: session.title, scheduledAt: session.scheduledAt.toISOString(), endsAt: session.endsAt.toISOString(), halfDays: session.halfDays, remoteAttendance: session.remoteAttendance, status: session.status, visibility: session.visibility };
}

export class AgendaItemDto {
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
  @ApiProperty({ type: Number, nullable: true }) allottedMinutes!: number | null;
  @ApiProperty({ type: ProposalDto }) proposal!: ProposalDto;
}

export class SessionAgendaDto {
  @ApiProperty({ type: SessionDto }) session!: SessionDto;
  @ApiProperty({ type: AgendaItemDto, isArray: true }) items!: AgendaItemDto[];
}

export class UpcomingSessionsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export function encodeCursor(item: { proposal: ProposalEntity; cursorAt: string }): string {
  return encodeKeysetCursor({ createdAt: item.cursorAt, id: item.proposal.id });
}

export const decodeCursor = decodeKeysetCursor;

export class ReportDto {
  @ApiProperty() id!: string;
  @ApiProperty() reporterId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When an organiser dealt with it; null while open' }) reviewedAt!: string | null;
}

export class ReportedProposalDto {
  @ApiProperty({ type: ProposalDto, description: 'As organisers see it (hidden text included)' }) proposal!: ProposalDto;
  @ApiProperty({ type: ReportDto, isArray: true, description: 'Oldest first' }) reports!: ReportDto[];
  @ApiProperty({ description: 'Reports nobody has dealt with yet' }) openReports!: number;
}

export class ReportsQuery {
  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}

export function mapReport(report: { id: string; reporterId: string; reason: string; createdAt: Date; reviewedAt: Date | null }): ReportDto {
  return { id: report.id, reporterId: report.reporterId, reason: report.reason, createdAt: report.createdAt.toISOString(), reviewedAt: report.reviewedAt?.toISOString() ?? null };
}

export class DismissedReportsDto {
  @ApiProperty({ description: 'Reports that left the queue' }) dismissed!: number;
}
