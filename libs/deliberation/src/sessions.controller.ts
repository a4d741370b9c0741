import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, OptionalPrincipal, Public, type Principal } from '@app/shared';
import { BreakoutsDto, EventPageDto, EventsQuery, FacilitatorListDto, FacilitatorsDto, MessagePageDto, MessagesQuery, MinutesDto, MinutesQuery, RoomDto, SessionIdParams, SessionVoteDto } from './dto/deliberation.dto.js';
import { MessageService } from './message.service.js';
import { SessionVoteService } from './session-vote.service.js';
import { FacilitatorService } from './facilitator.service.js';
import { MinutesService } from './minutes.service.js';
import { minutesToMarkdown } from './minutes.js';
import { RoomService } from './room.service.js';
import { SessionAccess } from './session-access.js';
import { BreakoutService } from './breakout.service.js';
import { DeliberationRepository } from './deliberation.repository.js';

@ApiTags('deliberation')
@ApiBearerAuth()
@Controller('sessions/:id')
export class SessionsController {
  constructor(
    private readonly access: SessionAccess,
    private readonly rooms: RoomService,
    private readonly minutesService: MinutesService,
    private readonly facilitators: FacilitatorService,
    private readonly messages: MessageService,
    private readonly votes: SessionVoteService,
    private readonly breakouts: BreakoutService,
    private readonly repository: DeliberationRepository,
  ) {}

  @Get('breakouts')
  @Public()
  @ApiOperation({ summary: "The plenary's workshops, newest first: groups and their members, facilitators, reporters and summaries, the random split's seed; and the pool features a split can balance (the session's readers)" })
  @ApiOkResponse({ type: BreakoutsDto })
  async breakoutsOf(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams): Promise<BreakoutsDto> {
    const { features, candidates, breakouts } = await this.breakouts.history(principal, params.id);
    const ids = [...new Set([...candidates, ...breakouts.flatMap(({ groups }) => groups.flatMap((group) => [...group.members, group.facilitatorId, group.reporterId].filter((id): id is string => id !== null)))])];
    const names = await this.repository.displayNames(ids);
    const person = (accountId: string | null) => (accountId === null ? null : { accountId, name: names.get(accountId) ?? null });
    return {
      features,
      candidates: candidates.map((id) => person(id)!),
      breakouts: breakouts.map(({ breakout, groups }) => ({
        id: breakout.id,
        itemIndex: breakout.itemIndex,
        method: breakout.method,
        features: breakout.features,
        seed: breakout.seed,
        openedAt: breakout.openedAt.toISOString(),
        endsAt: breakout.endsAt.toISOString(),
        closedAt: breakout.closedAt === null ? null : breakout.closedAt.toISOString(),
        groups: groups.map((group) => ({
          index: group.index,
          sessionId: group.sessionId,
          members: group.members.map((id) => person(id)!),
          facilitator: person(group.facilitatorId),
          reporter: person(group.reporterId),
          summary: group.summary,
          reportedAt: group.reportedAt === null ? null : group.reportedAt.toISOString(),
        })),
      })),
    };
  }

  @Get('room')
  @Public()
  @ApiOperation({ summary: "The room as it stands: status, current item and time left, floor, queue, presence (public sessions: anyone; members-only: participants)" })
  @ApiOkResponse({ type: RoomDto })
  async room(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams): Promise<RoomDto> {
    await this.access.requireReader(principal, params.id);
    const { seq, room } = await this.rooms.view(params.id);
    return { seq, room };
  }

  @Get('events')
  @Public()
  @ApiOperation({ summary: 'The session’s events after a seq, in order (what a client missed; hidden messages without their text)' })
  @ApiOkResponse({ type: EventPageDto })
  async events(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams, @Query() query: EventsQuery): Promise<EventPageDto> {
    await this.access.requireReader(principal, params.id);
    const limit = query.limit ?? 500;
    const { seq } = await this.rooms.view(params.id);
    const events = await this.rooms.events(params.id, query.after ?? 0, limit);
    const last = events[events.length - 1];
    return { events, lastSeq: seq, nextAfter: events.length === limit && last !== undefined ? last.seq : null };
  }

  @Get('messages')
  @Public()
  @ApiOperation({ summary: "An agenda item's messages, newest page first (hidden ones by their reason only), as of one seq: apply the live events after `asOfSeq`" })
  @ApiOkResponse({ type: MessagePageDto })
  messagesPage(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams, @Query() query: MessagesQuery): Promise<MessagePageDto> {
    return this.messages.page(principal, params.id, { itemIndex: query.itemIndex, before: query.before, limit: query.limit ?? 50 });
  }

  @Get('votes')
  @Public()
  @ApiOperation({ summary: 'The votes held in the session, in the order they were opened (results at GET /api/polls/{pollId}/results once closed)' })
  @ApiOkResponse({ type: SessionVoteDto, isArray: true })
  votesOf(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams): Promise<SessionVoteDto[]> {
    return this.votes.list(principal, params.id);
  }

  @Get('minutes')
  @ApiOkResponse({ type: MinutesDto, description: 'JSON (format=json), or text/markdown (format=markdown)' })
  @Public()
  @ApiOperation({ summary: 'Minutes built from the record: agenda, speakers and durations, messages, decisions, moderation (JSON or Markdown, fr/en); a draft until the session ends' })
  @ApiProduces('application/json', 'text/markdown')
  async minutes(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams, @Query() query: MinutesQuery, @Res() response: FastifyReply): Promise<void> {
    const minutes = await this.minutesService.minutes(principal, params.id);
    if (query.format === 'markdown') {
      void response.type('text/markdown; charset=utf-8').send(minutesToMarkdown(minutes, query.lang ?? 'fr'));
      return;
    }
    void response.send(minutes);
  }

  @Get('facilitators')
  @Public()
  @ApiOperation({ summary: "The session's own facilitators (besides the assembly's organisers and facilitators)" })
  @ApiOkResponse({ type: FacilitatorListDto })
  async listFacilitators(@OptionalPrincipal() principal: Principal | undefined, @Param() params: SessionIdParams): Promise<FacilitatorListDto> {
    return { accountIds: await this.facilitators.list(principal, params.id) };
  }

  @Put('facilitators')
  @ApiOperation({ summary: "Name the session's facilitators among the assembly's active members (the assembly's organisers; audited)" })
  @ApiOkResponse({ type: FacilitatorListDto })
  async replaceFacilitators(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams, @Body() body: FacilitatorsDto): Promise<FacilitatorListDto> {
    return { accountIds: await this.facilitators.replace(principal, params.id, body.accountIds) };
  }
}
