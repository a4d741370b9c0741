import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { renderMarkdown } from '@app/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EDITION_PHASES, SELECTION_RULES, type EditionEntity, type EditionPhase, type SelectionRule } from '../entities/edition.entity.js';
import { ENVELOPE_KINDS, type EnvelopeEntity, type EnvelopeKind } from '../entities/envelope.entity.js';
import { FEASIBILITY_STATES, type Feasibility, type ProjectEntity } from '../entities/project.entity.js';
import type { IdeaEntity } from '../entities/idea.entity.js';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../entities/follow-up.entity.js';
import type { FollowUpView } from '../follow-up.service.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Paris's four grades (Budget Participatif since 2021), worst first. */
export const BUDGET_GRADE_PRESETS = {
  'paris-4': ['Je ne suis pas convaincu·e', 'Pourquoi pas ?', 'J’aime bien', 'J’adore'],
  'paris-4-en': ['Not convinced', 'Why not?', 'I like it', 'I love it'],
} as const;
export type BudgetGradePreset = keyof typeof BUDGET_GRADE_PRESETS;

export class EditionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class CalendarDto {
  @ApiProperty({ example: '2027-01-15', description: 'Residents file ideas from this day (Paris)' })
  @Matches(DATE, { message: 'ideasFrom must be a date like 2027-01-15' })
  ideasFrom!: string;

  @ApiProperty({ example: '2027-03-01' })
  @Matches(DATE, { message: 'coConstructionFrom must be a date like 2027-03-01' })
  coConstructionFrom!: string;

  @ApiProperty({ example: '2027-04-01' })
  @Matches(DATE, { message: 'feasibilityFrom must be a date like 2027-04-01' })
  feasibilityFrom!: string;

  @ApiProperty({ example: '2027-08-01' })
  @Matches(DATE, { message: 'ballotFrom must be a date like 2027-08-01' })
  ballotFrom!: string;

  @ApiProperty({ example: '2027-09-10T09:00', description: 'Paris wall-clock time' })
  @Matches(LOCAL_DATE_TIME, { message: 'voteOpensAt must be a Paris local date-time like 2027-09-10T09:00' })
  voteOpensAt!: string;

  @ApiProperty({ example: '2027-10-01T20:00', description: 'Paris wall-clock time' })
  @Matches(LOCAL_DATE_TIME, { message: 'voteClosesAt must be a Paris local date-time like 2027-10-01T20:00' })
  voteClosesAt!: string;

  @ApiProperty({ example: '2027-10-05' })
  @Matches(DATE, { message: 'resultsFrom must be a date like 2027-10-05' })
  resultsFrom!: string;

  @ApiProperty({ example: '2028-01-01' })
  @Matches(DATE, { message: 'followUpFrom must be a date like 2028-01-01' })
  followUpFrom!: string;
}

export class CreateEditionDto {
  @ApiProperty({ maxLength: 200, example: 'Budget participatif 2027' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ enum: SELECTION_RULES })
  @IsIn(SELECTION_RULES, { message: `rule must be one of ${SELECTION_RULES.join(', ')}` })
  rule!: SelectionRule;

  @ApiPropertyOptional({ enum: ['greedy'], description: 'Equal shares only: spend what it leaves in ranking order' })
  @IsOptional()
  @IsIn(['greedy'], { message: 'completion must be greedy' })
  completion?: 'greedy';

  @ApiPropertyOptional({ enum: Object.keys(BUDGET_GRADE_PRESETS), description: 'A grade scale by name (default paris-4)' })
  @IsOptional()
  @IsIn(Object.keys(BUDGET_GRADE_PRESETS), { message: `gradePreset must be one of ${Object.keys(BUDGET_GRADE_PRESETS).join(', ')}` })
  gradePreset?: BudgetGradePreset;

  @ApiPropertyOptional({ type: String, isArray: true, minItems: 2, maxItems: 10, description: 'Grade labels, worst first (instead of a preset)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  grades?: string[];

  @ApiPropertyOptional({ description: 'Equal shares: grades at or above this index (worst = 0) are approvals; default the second best' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  approvalThreshold?: number;

  @ApiProperty({ type: CalendarDto })
  @ValidateNested()
  @Type(() => CalendarDto)
  calendar!: CalendarDto;
}

export class AdvancePhaseDto {
  @ApiProperty({ enum: EDITION_PHASES, description: 'The next phase (one step at a time)' })
  @IsIn(EDITION_PHASES, { message: `phase must be one of ${EDITION_PHASES.join(', ')}` })
  phase!: EditionPhase;
}

export class EditionCalendarDto {
  @ApiProperty({ format: 'date', description: 'A Paris day' }) ideasFrom!: string;
  @ApiProperty({ format: 'date' }) coConstructionFrom!: string;
  @ApiProperty({ format: 'date' }) feasibilityFrom!: string;
  @ApiProperty({ format: 'date' }) ballotFrom!: string;
  @ApiProperty({ format: 'date-time' }) voteOpensAt!: string;
  @ApiProperty({ format: 'date-time' }) voteClosesAt!: string;
  @ApiProperty({ format: 'date' }) resultsFrom!: string;
  @ApiProperty({ format: 'date' }) followUpFrom!: string;
}

export class EditionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: EDITION_PHASES }) phase!: EditionPhase;
  @ApiProperty({ enum: SELECTION_RULES }) rule!: SelectionRule;
  @ApiProperty({ enum: ['greedy'], nullable: true, type: String }) completion!: 'greedy' | null;
  @ApiProperty({ type: String, isArray: true, description: 'Worst first' }) grades!: string[];
  @ApiProperty() approvalThreshold!: number;
  @ApiProperty({ type: () => EditionCalendarDto, description: 'Paris dates; the vote window as instants' }) calendar!: EditionCalendarDto;
  @ApiProperty() createdAt!: string;
}

export function mapEdition(edition: EditionEntity): EditionDto {
  return {
    id: edition.id,
    title: edition.title,
    description: edition.description,
    phase: edition.phase,
    rule: edition.rule,
    completion: edition.completion,
    grades: edition.grades,
    approvalThreshold: edition.approvalThreshold,
    calendar: {
      ideasFrom: edition.ideasFrom,
      coConstructionFrom: edition.coConstructionFrom,
      feasibilityFrom: edition.feasibilityFrom,
      ballotFrom: edition.ballotFrom,
      voteOpensAt: edition.voteOpensAt.toISOString(),
      voteClosesAt: edition.voteClosesAt.toISOString(),
      resultsFrom: edition.resultsFrom,
      followUpFrom: edition.followUpFrom,
    },
    createdAt: edition.createdAt.toISOString(),
  };
}

export class CreateEnvelopeDto {
  @ApiProperty({ enum: ENVELOPE_KINDS })
  @IsIn(ENVELOPE_KINDS, { message: `kind must be one of ${ENVELOPE_KINDS.join(', ')}` })
  kind!: EnvelopeKind;

  @ApiPropertyOptional({ maxLength: 64, description: 'District envelopes: the district (arrondissement)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  district?: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Whole euro cents', minimum: 1 })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountCents!: number;

  @ApiPropertyOptional({ description: 'The largest cost a project of this envelope may have, in cents' })
  @IsOptional()
  @IsInt({ message: 'maxProjectCostCents must be a whole number of cents' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxProjectCostCents?: number;
}

export class EnvelopeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ENVELOPE_KINDS }) kind!: EnvelopeKind;
  @ApiProperty({ nullable: true, type: String }) district!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Whole cents, as a decimal string' }) amountCents!: string;
  @ApiProperty({ nullable: true, type: String }) maxProjectCostCents!: string | null;
}

export function mapEnvelope(envelope: EnvelopeEntity): EnvelopeDto {
  return { id: envelope.id, kind: envelope.kind, district: envelope.district, name: envelope.name, amountCents: envelope.amountCents, maxProjectCostCents: envelope.maxProjectCostCents };
}

export class CreateIdeaDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  body?: string;

  @ApiPropertyOptional({ description: 'A district with an envelope in this edition; absent for a citywide idea' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  district?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Square du Temple, côté rue de Bretagne' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;
}

export class ListIdeasQuery {
  @ApiPropertyOptional({ description: 'Full-text search, French and English (web-search syntax)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'A district, or "citywide"' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  district?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'From a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class LinkedTitleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

export class IdeaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) editionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown, as written' }) body!: string;
  @ApiProperty({ description: 'The body rendered to safe HTML (every tag of the source escaped)' }) bodyHtml!: string;
  @ApiProperty({ nullable: true, type: String }) district!: string | null;
  @ApiProperty() location!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() yours!: boolean;
  @ApiProperty() followers!: number;
  @ApiProperty() following!: boolean;
  @ApiProperty({ type: LinkedTitleDto, isArray: true, description: 'The projects it became' }) projects!: LinkedTitleDto[];
  @ApiProperty() createdAt!: string;
}

export class IdeaPageDto {
  @ApiProperty({ type: IdeaDto, isArray: true }) items!: IdeaDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export interface IdeaView {
  idea: IdeaEntity;
  authorName: string;
  followers: number;
  following: boolean;
  projects: LinkedTitleDto[];
}

export function mapIdea(view: IdeaView, accountId: string | null): IdeaDto {
  const { idea } = view;
  return {
    id: idea.id,
    editionId: idea.editionId,
    title: idea.title,
    body: idea.body,
    bodyHtml: renderMarkdown(idea.body),
    district: idea.district,
    location: idea.location,
    authorName: view.authorName,
    yours: accountId !== null && idea.authorId === accountId,
    followers: view.followers,
    following: view.following,
    projects: view.projects,
    createdAt: idea.createdAt.toISOString(),
  };
}

export class IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ description: 'A district with an envelope; absent for a citywide project' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  district?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiProperty({ type: String, isArray: true, minItems: 1, maxItems: 100, description: 'The ideas it comes from' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('4', { each: true, message: 'ideaIds must be UUIDs' })
  ideaIds!: string[];
}

export class FeasibilityDto {
  @ApiProperty({ description: 'Whether the city can carry it out' })
  @IsBoolean()
  admissible!: boolean;

  @ApiProperty({ maxLength: 2000, description: 'Public: why' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Admissible: the estimated cost, whole cents' })
  @IsOptional()
  @IsInt({ message: 'costCents must be a whole number of cents' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  costCents?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admissible: the envelope it is voted in' })
  @IsOptional()
  @IsUUID('4', { message: 'envelopeId must be a UUID' })
  envelopeId?: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) editionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown, as written' }) description!: string;
  @ApiProperty({ description: 'The description rendered to safe HTML' }) descriptionHtml!: string;
  @ApiProperty({ nullable: true, type: String }) district!: string | null;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: FEASIBILITY_STATES }) feasibility!: Feasibility;
  @ApiProperty({ nullable: true, type: String }) feasibilityReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Whole cents, as a decimal string' }) costCents!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) envelopeId!: string | null;
  @ApiProperty({ type: LinkedTitleDto, isArray: true, description: 'The ideas it comes from' }) ideas!: LinkedTitleDto[];
  @ApiProperty() createdAt!: string;
}

export function mapProject(project: ProjectEntity, ideas: LinkedTitleDto[]): ProjectDto {
  return {
    id: project.id,
    editionId: project.editionId,
    title: project.title,
    description: project.description,
    descriptionHtml: renderMarkdown(project.description),
    district: project.district,
    location: project.location,
    feasibility: project.feasibility,
    feasibilityReason: project.feasibilityReason,
    costCents: project.costCents,
    envelopeId: project.envelopeId,
    ideas,
    createdAt: project.createdAt.toISOString(),
  };
}

export class DeclareDistrictDto {
  @ApiProperty({ description: 'A district with an envelope in this edition', example: '11e' })
  @IsString()
  @Length(1, 64)
  district!: string;
}

export class VoterDto {
  @ApiProperty({ nullable: true, type: String, description: 'The district you vote in' }) district!: string | null;
  @ApiProperty({ description: 'You have voted in this edition: the district can no longer change' }) locked!: boolean;
}

export class BallotProjectDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid', description: "The project's option in the envelope's poll" }) optionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Whole cents' }) costCents!: string;
}

export class BallotEnvelopeDto {
  @ApiProperty({ type: EnvelopeDto }) envelope!: EnvelopeDto;
  @ApiProperty({ format: 'uuid', description: 'Vote with POST /api/polls/{pollId}/ballots' }) pollId!: string;
  @ApiProperty({ type: BallotProjectDto, isArray: true }) projects!: BallotProjectDto[];
}

export class ResultLineDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: "Majority-judgment rank in the envelope's poll (1 = best)" }) rank!: number;
  @ApiProperty({ description: 'Whole cents' }) costCents!: string;
  @ApiProperty() funded!: boolean;
  @ApiProperty({ enum: ['equal-shares', 'greedy'], nullable: true, type: String, description: 'Which rule funded it' }) by!: 'equal-shares' | 'greedy' | null;
  @ApiProperty({ nullable: true, type: String, description: 'Greedy: what was left when its turn came (not funded: "does not fit")' }) leftBeforeCents!: string | null;
}

export class SharesRoundDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ description: 'What each approver with enough paid, in cents (a fraction when it is one)' }) share!: string;
  @ApiProperty() paidShare!: number;
  @ApiProperty({ description: 'Approvers who gave all they had left' }) paidAllTheyHad!: number;
  @ApiProperty() paidByThem!: string;
  @ApiProperty() approvals!: number;
}

export class EnvelopeResultDto {
  @ApiProperty({ type: EnvelopeDto }) envelope!: EnvelopeDto;
  @ApiProperty({ format: 'uuid' }) pollId!: string;
  @ApiProperty({ enum: SELECTION_RULES }) rule!: SelectionRule;
  @ApiProperty({ enum: ['greedy'], nullable: true, type: String }) completion!: 'greedy' | null;
  @ApiProperty() voters!: number;
  @ApiProperty() budgetCents!: string;
  @ApiProperty() spentCents!: string;
  @ApiProperty() leftCents!: string;
  @ApiProperty({ type: ResultLineDto, isArray: true, description: 'Every project in ranking order' }) lines!: ResultLineDto[];
  @ApiProperty({ type: SharesRoundDto, isArray: true, description: 'Equal shares: who paid what, round by round' }) rounds!: SharesRoundDto[];
}

export class FollowUpUpdateDto {
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, description: 'Forward only (study → works → delivered), or abandoned with a reason' })
  @IsIn(FOLLOW_UP_STATUSES, { message: `status must be one of ${FOLLOW_UP_STATUSES.join(', ')}` })
  status!: FollowUpStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Public: why it was abandoned, or a note on this step' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty({ description: 'Money committed so far, whole cents' })
  @IsInt({ message: 'committedCents must be a whole number of cents' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  committedCents!: number;

  @ApiProperty({ description: 'Money spent so far, whole cents' })
  @IsInt({ message: 'spentCents must be a whole number of cents' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  spentCents!: number;
}

export class FollowUpEventDto {
  @ApiProperty({ enum: FOLLOW_UP_STATUSES }) status!: FollowUpStatus;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() committedCents!: string;
  @ApiProperty() spentCents!: string;
  @ApiProperty() recordedAt!: string;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) district!: string | null;
  @ApiProperty({ description: 'The cost voted on, whole cents' }) costCents!: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES }) status!: FollowUpStatus;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() committedCents!: string;
  @ApiProperty() spentCents!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: FollowUpEventDto, isArray: true, description: 'Every update, oldest first' }) timeline!: FollowUpEventDto[];
}

export class FollowUpExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export function mapFollowUp(view: FollowUpView): FollowUpDto {
  return {
    projectId: view.project.id,
    title: view.project.title,
    district: view.project.district,
    costCents: view.project.costCents ?? '0',
    status: view.followUp.status,
    reason: view.followUp.reason,
    committedCents: view.followUp.committedCents,
    spentCents: view.followUp.spentCents,
    updatedAt: view.followUp.updatedAt.toISOString(),
    timeline: view.timeline.map((event) => ({ status: event.status, reason: event.reason, committedCents: event.committedCents, spentCents: event.spentCents, recordedAt: event.recordedAt.toISOString() })),
  };
}
