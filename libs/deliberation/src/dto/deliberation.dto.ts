import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POLL_STATUSES, RankingDto, type PollStatus } from '@app/voting';
import { REACTIONS, type Reaction } from '../entities/message-reaction.entity.js';
import { ROOM_STATUSES, type RoomStatus } from '../room.js';
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

// The room as participants see it (room.ts `RoomView`): in GET …/room, the join acknowledgement,
// and every `session.event` that changes it (`room`).

export class RoomItemViewDto {
  @ApiProperty() index!: number;
  @ApiProperty() proposalId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Minutes allotted; null = untimed' }) allottedMinutes!: number | null;
  @ApiProperty({ description: 'Already taken up' }) done!: boolean;
}

export class CurrentItemViewDto {
  @ApiProperty() index!: number;
  @ApiProperty() proposalId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it ends (server time); null when untimed or paused' }) endsAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) remainingMs!: number | null;
}

export class FloorViewDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the turn ends (server time); null while paused' }) endsAt!: string | null;
  @ApiProperty() remainingMs!: number;
  @ApiProperty({ description: 'The whole turn, extensions included' }) totalMs!: number;
}

export class QueueEntryViewDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() raisedAt!: string;
  @ApiProperty({ description: 'Has not spoken on this item yet' }) firstTime!: boolean;
  @ApiProperty({ description: 'Time already spoken in this session (turns ended)' }) spokenMs!: number;
}

export class PresentViewDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ description: 'Connected, with the page in the background' }) away!: boolean;
}

export class MuteViewDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() until!: string;
}

export class RoomSettingsViewDto {
  @ApiProperty() turnSeconds!: number;
  @ApiProperty() warningSeconds!: number;
  @ApiProperty() firstSpeakerPriority!: boolean;
  @ApiProperty() autoNext!: boolean;
}

export class PersonViewDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class BreakoutGroupViewDto {
  @ApiProperty({ description: '1-based' }) index!: number;
  @ApiProperty({ description: "The group's own session: join it to work in the group" }) sessionId!: string;
  @ApiProperty({ type: PersonViewDto, isArray: true }) members!: PersonViewDto[];
  @ApiProperty({ type: PersonViewDto, nullable: true }) facilitator!: PersonViewDto | null;
  @ApiProperty({ type: PersonViewDto, nullable: true }) reporter!: PersonViewDto | null;
  @ApiProperty() reported!: boolean;
}

export class BreakoutViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty() endsAt!: string;
  @ApiProperty() remainingMs!: number;
  @ApiProperty({ type: BreakoutGroupViewDto, isArray: true }) groups!: BreakoutGroupViewDto[];
}

export class GroupViewDto {
  @ApiProperty() plenarySessionId!: string;
  @ApiProperty() breakoutId!: string;
  @ApiProperty() index!: number;
  @ApiProperty() endsAt!: string;
  @ApiProperty() remainingMs!: number;
  @ApiProperty({ type: PersonViewDto, isArray: true }) members!: PersonViewDto[];
  @ApiProperty({ type: PersonViewDto, nullable: true }) reporter!: PersonViewDto | null;
  @ApiProperty() reported!: boolean;
}

export class NoticeViewDto {
  @ApiProperty() text!: string;
  @ApiProperty() at!: string;
}

export class RoomViewDto {
  @ApiProperty({ enum: ROOM_STATUSES }) status!: RoomStatus;
  @ApiProperty({ type: RoomItemViewDto, isArray: true }) items!: RoomItemViewDto[];
  @ApiProperty({ type: CurrentItemViewDto, nullable: true }) currentItem!: CurrentItemViewDto | null;
  @ApiProperty({ type: FloorViewDto, nullable: true }) floor!: FloorViewDto | null;
  @ApiProperty({ type: QueueEntryViewDto, isArray: true, description: 'In speaking order' }) queue!: QueueEntryViewDto[];
  @ApiProperty({ type: PresentViewDto, isArray: true }) present!: PresentViewDto[];
  @ApiProperty({ type: MuteViewDto, isArray: true }) mutes!: MuteViewDto[];
  @ApiProperty({ type: RoomSettingsViewDto }) settings!: RoomSettingsViewDto;
  @ApiProperty({ type: BreakoutViewDto, nullable: true, description: "A plenary's workshops while they run" }) breakout!: BreakoutViewDto | null;
  @ApiProperty({ type: GroupViewDto, nullable: true, description: "Set in a workshop group's room" }) group!: GroupViewDto | null;
  @ApiProperty({ type: NoticeViewDto, nullable: true, description: "The chair's latest word to the workshops" }) notice!: NoticeViewDto | null;
  @ApiProperty({ description: "The server's clock when this view was made: clients correct their countdowns with it" }) serverTime!: string;
}

export class RoomDto {
  @ApiProperty({ description: 'The seq this view reflects' }) seq!: number;
  @ApiProperty({ type: RoomViewDto }) room!: RoomViewDto;
}

/** The acknowledgement of `session.join` over the socket. */
export class SessionJoinAckDto {
  @ApiProperty({ enum: ['chair', 'member', 'observer'] }) role!: 'chair' | 'member' | 'observer';
  @ApiProperty({ description: 'The seq the room view reflects; later events follow' }) seq!: number;
  @ApiProperty({ type: RoomViewDto }) room!: RoomViewDto;
}

// Messages and votes of a session, for the room's page.

export class MessagesQuery {
  @ApiPropertyOptional({ description: "The agenda item's index; without it, the messages posted outside any item" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(999)
  itemIndex?: number;

  @ApiPropertyOptional({ description: 'Messages before this seq (the `nextBefore` of the previous page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReactionCountsDto {
  @ApiProperty() agree!: number;
  @ApiProperty() disagree!: number;
  @ApiProperty() unclear!: number;
  @ApiProperty() applause!: number;
}

export class SessionMessageDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The seq of the event that posted it' }) seq!: number;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty() authorId!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when hidden' }) body!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The chair's public reason, when hidden" }) hiddenReason!: string | null;
  @ApiProperty() postedAt!: string;
  @ApiProperty({ type: ReactionCountsDto }) reactions!: ReactionCountsDto;
  @ApiProperty({ enum: REACTIONS, isArray: true, description: "The caller's own reactions" }) mine!: Reaction[];
}

export class MessagePageDto {
  @ApiProperty({ type: SessionMessageDto, isArray: true, description: 'Oldest first' }) messages!: SessionMessageDto[];
  @ApiProperty({ description: 'The page reflects every event up to this seq: apply the live ones after it' }) asOfSeq!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as `before` for older messages; null when none' }) nextBefore!: number | null;
}

export class VoteOptionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
}

export class SessionVoteDto {
  @ApiProperty() pollId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty({ enum: POLL_STATUSES }) status!: PollStatus;
  @ApiProperty({ type: String, isArray: true, description: 'Worst first' }) grades!: string[];
  @ApiProperty({ type: VoteOptionViewDto, isArray: true }) options!: VoteOptionViewDto[];
}

// Payloads of the `session.event`s a page reads beyond the room view (documented for the web client).

export class MessagePostedDataDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty() authorId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) authorName?: string | null;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when hidden since (replays)' }) body!: string | null;
  @ApiPropertyOptional() hidden?: boolean;
  @ApiPropertyOptional() hiddenReason?: string;
}

export class MessageReactedDataDto {
  @ApiProperty() messageId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: REACTIONS }) reaction!: Reaction;
  @ApiProperty() on!: boolean;
}

export class MessageHiddenDataDto {
  @ApiProperty() messageId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() by!: string;
}

export class VoteOpenedDataDto {
  @ApiProperty() pollId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty({ type: String, isArray: true }) grades!: string[];
  @ApiProperty({ type: VoteOptionViewDto, isArray: true }) options!: VoteOptionViewDto[];
}

export class VoteTurnoutDataDto {
  @ApiProperty() pollId!: string;
  @ApiProperty() participants!: number;
  @ApiProperty({ type: Number, nullable: true }) eligible!: number | null;
}

export class VoteClosedDataDto {
  @ApiProperty() pollId!: string;
  @ApiProperty() ballots!: number;
  @ApiProperty() participations!: number;
  @ApiProperty({ type: RankingDto }) ranking!: RankingDto;
}

export class FloorGrantedDataDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() endsAt!: number;
  @ApiProperty() auto!: boolean;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
}

// Minutes (minutes.ts `Minutes`), as GET …/minutes?format=json returns them.

export class MinutesSessionDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() scheduledAt!: string;
  @ApiProperty() status!: string;
  @ApiProperty() visibility!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Pauses excluded' }) durationMs!: number | null;
}

export class MinutesAttendeeDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() firstJoinedAt!: string;
}

export class MinutesSpeakerDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() turns!: number;
  @ApiProperty() spokeMs!: number;
}

export class MinutesMessageDto {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) hiddenReason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) reactions!: Record<string, number>;
}

export class MinutesItemDto {
  @ApiProperty() index!: number;
  @ApiProperty() proposalId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) allottedMinutes!: number | null;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: MinutesSpeakerDto, isArray: true }) speakers!: MinutesSpeakerDto[];
  @ApiProperty({ type: MinutesMessageDto, isArray: true }) messages!: MinutesMessageDto[];
}

export class MinutesRankedDto {
  @ApiProperty() rank!: number;
  @ApiProperty() optionId!: string;
  @ApiProperty() label!: string;
  @ApiProperty() majorityGrade!: string;
}

export class MinutesVoteDto {
  @ApiProperty() pollId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) ballots!: number | null;
  @ApiProperty({ type: MinutesRankedDto, isArray: true, nullable: true }) ranking!: MinutesRankedDto[] | null;
}

export class MinutesModerationDto {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['muted', 'unmuted', 'message-hidden'] }) action!: 'muted' | 'unmuted' | 'message-hidden';
  @ApiProperty({ type: String, nullable: true }) accountId!: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) by!: string | null;
}

export class MinutesWorkshopMemberDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
}

export class MinutesWorkshopGroupDto {
  @ApiProperty() index!: number;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ type: MinutesWorkshopMemberDto, isArray: true }) members!: MinutesWorkshopMemberDto[];
  @ApiProperty({ type: String, nullable: true }) facilitator!: string | null;
  @ApiProperty({ type: String, nullable: true }) reporter!: string | null;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
}

export class MinutesWorkshopDto {
  @ApiProperty() breakoutId!: string;
  @ApiProperty({ type: Number, nullable: true }) itemIndex!: number | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) method!: string | null;
  @ApiProperty({ type: String, isArray: true }) features!: string[];
  @ApiProperty({ type: String, nullable: true }) seed!: string | null;
  @ApiProperty({ type: MinutesWorkshopGroupDto, isArray: true }) groups!: MinutesWorkshopGroupDto[];
}

export class MinutesDto {
  @ApiProperty({ enum: ['pnyx-minutes-v1'] }) format!: 'pnyx-minutes-v1';
  @ApiProperty({ description: 'False until the session ends (a draft)' }) final!: boolean;
  @ApiProperty() lastSeq!: number;
  @ApiProperty({ type: MinutesSessionDto }) session!: MinutesSessionDto;
  @ApiProperty({ type: MinutesAttendeeDto, isArray: true }) attendance!: MinutesAttendeeDto[];
  @ApiProperty({ type: MinutesItemDto, isArray: true }) items!: MinutesItemDto[];
  @ApiProperty({ type: MinutesMessageDto, isArray: true, description: 'Posted while no item was under way' }) otherMessages!: MinutesMessageDto[];
  @ApiProperty({ type: MinutesVoteDto, isArray: true }) decisions!: MinutesVoteDto[];
  @ApiProperty({ type: MinutesModerationDto, isArray: true }) moderation!: MinutesModerationDto[];
  @ApiProperty({ type: MinutesWorkshopDto, isArray: true, description: 'Workshops in breakout groups: members, facilitators, reporters, summaries' }) workshops!: MinutesWorkshopDto[];
}

/** Every model the socket protocol uses, for the OpenAPI document's components. */
export const DELIBERATION_SOCKET_MODELS = [SessionJoinAckDto, MessagePostedDataDto, MessageReactedDataDto, MessageHiddenDataDto, VoteOpenedDataDto, VoteTurnoutDataDto, VoteClosedDataDto, FloorGrantedDataDto];

export class FacilitatorListDto {
  @ApiProperty({ type: String, isArray: true }) accountIds!: string[];
}

export class BreakoutGroupRecordDto {
  @ApiProperty() index!: number;
  @ApiProperty({ description: "The group's session (its room and minutes)" }) sessionId!: string;
  @ApiProperty({ type: PersonViewDto, isArray: true }) members!: PersonViewDto[];
  @ApiProperty({ type: PersonViewDto, nullable: true }) facilitator!: PersonViewDto | null;
  @ApiProperty({ type: PersonViewDto, nullable: true }) reporter!: PersonViewDto | null;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true }) reportedAt!: string | null;
}

export class BreakoutRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The plenary item the groups worked on' }) itemIndex!: number | null;
  @ApiProperty({ enum: ['random', 'manual'] }) method!: 'random' | 'manual';
  @ApiProperty({ type: String, isArray: true }) features!: string[];
  @ApiProperty({ type: String, nullable: true, description: "The random split's seed: libs/sortition's splitIntoGroups gives the same groups from it" }) seed!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: BreakoutGroupRecordDto, isArray: true }) groups!: BreakoutGroupRecordDto[];
}

export class BreakoutsDto {
  @ApiProperty({ type: String, isArray: true, description: "Pool features a random split can balance (the assembly's members' pool columns)" }) features!: string[];
  @ApiProperty({ type: PersonViewDto, isArray: true, description: 'The members (and alternates) present now: those a split places' }) candidates!: PersonViewDto[];
  @ApiProperty({ type: BreakoutRecordDto, isArray: true, description: 'Newest first' }) breakouts!: BreakoutRecordDto[];
}
