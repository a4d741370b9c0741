import { Inject, Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { isDatabaseUnavailable } from '@app/persistence';
import {
  APP_CONFIG,
  authenticateSockets,
  Authenticator,
  CLOCK,
  CommonErrorCode,
  DomainException,
  FixedWindowLimiter,
  OUTAGE_RETRY_AFTER_SECONDS,
  OutageLog,
  socketPrincipal,
  SOCKET_AUTH_RENEW,
  validatePayload,
  type AppConfig,
  type Clock,
} from '@app/shared';
import { DeliberationException } from './deliberation.exception.js';
import {
  AwayDto,
  BroadcastDto,
  OpenBreakoutDto,
  GroupReportDto,
  GroupReporterDto,
  CloseVoteDto,
  ExtendFloorDto,
  ExtendItemDto,
  HideMessageDto,
  JoinSessionDto,
  MuteDto,
  OpenVoteDto,
  OptionalAccountDto,
  PostMessageDto,
  ReactDto,
  RoomSettingsDto,
  SessionRefDto,
  StartItemDto,
  UnmuteDto,
} from './dto/socket.dto.js';
import { BreakoutService } from './breakout.service.js';
import { MessageService } from './message.service.js';
import { PresenceService } from './presence.service.js';
import { roomOf, RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { RoomService } from './room.service.js';
import type { RoomCommand, RoomView } from './room.js';
import { SessionAccess, type Participant, type ParticipantRole } from './session-access.js';
import { SessionVoteService } from './session-vote.service.js';

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; code: string; message: string; retryAfterSeconds?: number };
export type JoinAck = Ack<{ role: ParticipantRole; seq: number; room: RoomView }>;

/** Per socket: any action, and messages/reactions in particular (a flood from one tab cannot drown the room). */
const ACTIONS_PER_10S = 30;
const MESSAGES_PER_10S = 10;

/** How each event is handled: its payload class, whether it counts as a message, and the handler. */
interface EventHandler {
  dto: new () => SessionRefDto;
  message?: boolean;
  run(socket: Socket, payload: never): Promise<object>;
}

/** A room command: chair-only commands read the sender's role again (a facilitator removed a minute ago has no powers left). */
interface CommandSpec {
  dto: new () => SessionRefDto;
  chairOnly: boolean;
  command(payload: SessionRefDto): RoomCommand;
}

/** The payload was validated against `dto` before `toCommand` sees it. */
const command = <T extends SessionRefDto>(dto: new () => T, chairOnly: boolean, toCommand: (payload: T) => RoomCommand): CommandSpec => ({
  dto,
  chairOnly,
  command: (payload) => toCommand(payload as T),
});

const ROOM_COMMANDS: Record<string, CommandSpec> = {
  'session.start': command(SessionRefDto, true, () => ({ type: 'session.start' })),
  'session.pause': command(SessionRefDto, true, () => ({ type: 'session.pause' })),
  'session.resume': command(SessionRefDto, true, () => ({ type: 'session.resume' })),
  'session.end': command(SessionRefDto, true, () => ({ type: 'session.end' })),
  'item.start': command(StartItemDto, true, (p) => ({ type: 'item.start', index: p.index })),
  'item.end': command(SessionRefDto, true, () => ({ type: 'item.end' })),
  'item.extend': command(ExtendItemDto, true, (p) => ({ type: 'item.extend', minutes: p.minutes })),
  'hand.raise': command(SessionRefDto, false, () => ({ type: 'hand.raise' })),
  'hand.lower': command(OptionalAccountDto, false, (p) => ({ type: 'hand.lower', accountId: p.accountId })),
  'floor.grant': command(OptionalAccountDto, true, (p) => ({ type: 'floor.grant', accountId: p.accountId })),
  'floor.end': command(SessionRefDto, false, () => ({ type: 'floor.end' })),
  'floor.extend': command(ExtendFloorDto, true, (p) => ({ type: 'floor.extend', seconds: p.seconds })),
  'member.mute': command(MuteDto, true, (p) => ({ type: 'member.mute', accountId: p.accountId, minutes: p.minutes, reason: p.reason.trim() })),
  'member.unmute': command(UnmuteDto, true, (p) => ({ type: 'member.unmute', accountId: p.accountId })),
  'settings.change': command(RoomSettingsDto, true, (p) => ({
    type: 'settings.change',
    settings: { turnSeconds: p.turnSeconds, warningSeconds: p.warningSeconds, firstSpeakerPriority: p.firstSpeakerPriority, autoNext: p.autoNext },
  })),
};

/**
 * socket.io namespace `/deliberation`. The handshake is authenticated like HTTP; `session.join`
 * decides the role (chair, member, observer) and replays what a reconnecting client missed; every
 * other event is a command acknowledged with `{ ok: true, seq }` or `{ ok: false, code, message }`.
 * Server → client: `session.event` ({ sessionId, seq, type, at, actorId, data, room? }).
 *
 * One dispatcher per socket (`onAny`) rather than a Nest `@SubscribeMessage` per event: Nest binds
 * an RxJS pipeline per handler per socket, which cost about 90 KB per idle connection here.
 */
@WebSocketGateway({ namespace: '/deliberation' })
export class DeliberationGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(DeliberationGateway.name);
  private readonly outage = new OutageLog(this.logger, 'database unavailable: room commands answered SERVICE_UNAVAILABLE');
  private readonly actions: FixedWindowLimiter;
  private readonly messages: FixedWindowLimiter;
  private readonly handlers: Record<string, EventHandler>;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly access: SessionAccess,
    private readonly rooms: RoomService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly presence: PresenceService,
    private readonly messageService: MessageService,
    private readonly votes: SessionVoteService,
    private readonly breakouts: BreakoutService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.actions = new FixedWindowLimiter(ACTIONS_PER_10S, 10_000, this.clock, 100_000);
    this.messages = new FixedWindowLimiter(MESSAGES_PER_10S, 10_000, this.clock, 100_000);
    const handler = <T extends SessionRefDto>(dto: new () => T, run: (socket: Socket, payload: T) => Promise<object>, message = false): EventHandler => ({
      dto,
      message,
      run: run as EventHandler['run'],
    });
    this.handlers = {
      'session.join': handler(JoinSessionDto, (socket, p) => this.join(socket, p)),
      'session.leave': handler(SessionRefDto, async (socket, p) => {
        await this.leaveSession(socket, this.joined(socket, p.sessionId));
        return { seq: null };
      }),
      'message.post': handler(PostMessageDto, async (socket, p) => lastSeq(await this.messageService.post(this.actor(socket, p.sessionId), p)), true),
      'message.react': handler(ReactDto, async (socket, p) => lastSeq(await this.messageService.react(this.actor(socket, p.sessionId), p)), true),
      'message.hide': handler(HideMessageDto, async (socket, p) => lastSeq(await this.messageService.hide(await this.fresh(socket, p.sessionId), p))),
      // Away is per connection (one tab in the background, another in front): the presence service decides.
      'presence.away': handler(AwayDto, async (socket, p) => lastSeq(await this.presence.away(socket.id, p.sessionId, this.actor(socket, p.sessionId).principal.accountId, p.away))),
      'vote.open': handler(OpenVoteDto, async (socket, { sessionId, ...draft }) => {
        const events = await this.votes.open(await this.fresh(socket, sessionId), draft);
        return { ...lastSeq(events), pollId: String(events[0]?.data.pollId) };
      }),
      'vote.close': handler(CloseVoteDto, async (socket, p) => {
        await this.votes.close(await this.fresh(socket, p.sessionId), p.pollId);
        return { seq: null };
      }),
      // Workshops: the plenary's chair splits, speaks to the groups and closes them; in a group, its reporter and summary.
      'breakout.open': handler(OpenBreakoutDto, async (socket, { sessionId, ...input }) => lastSeq(await this.breakouts.open(await this.fresh(socket, sessionId), input))),
      'breakout.close': handler(SessionRefDto, async (socket, p) => lastSeq(await this.breakouts.close(await this.fresh(socket, p.sessionId)))),
      'breakout.broadcast': handler(BroadcastDto, async (socket, p) => lastSeq(await this.breakouts.broadcast(await this.fresh(socket, p.sessionId), p.text.trim()))),
      'group.reporter': handler(GroupReporterDto, async (socket, p) => lastSeq(await this.breakouts.nameReporter(this.actor(socket, p.sessionId), p.accountId))),
      'group.report': handler(GroupReportDto, async (socket, p) => lastSeq(await this.breakouts.report(this.actor(socket, p.sessionId), p.summary))),
    };
    for (const [event, spec] of Object.entries(ROOM_COMMANDS)) {
      this.handlers[event] = handler(spec.dto, async (socket, payload) => {
        const participant = spec.chairOnly ? await this.fresh(socket, payload.sessionId) : this.actor(socket, payload.sessionId);
        return lastSeq(await this.rooms.command(payload.sessionId, participant.actor, spec.command(payload)));
      });
    }
  }

  /** The events this gateway answers (documentation and tests). */
  get events(): string[] {
    return Object.keys(this.handlers);
  }

  afterInit(namespace: Namespace): void {
    authenticateSockets(namespace, this.authenticator, this.clock);
    this.broadcaster.attach(namespace, this.config.redisUrl !== undefined);
  }

  handleConnection(socket: Socket): void {
    socket.onAny((event: unknown, ...args: unknown[]) => void this.dispatch(socket, event, args));
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    for (const participant of this.sessionsOf(socket).values()) await this.leaveSession(socket, participant);
  }

  /** Validation, rate limits and errors for every event: whatever happens, the client gets an acknowledgement and the process lives on. */
  private async dispatch(socket: Socket, event: unknown, args: unknown[]): Promise<void> {
    if (event === SOCKET_AUTH_RENEW) return; // answered by the socket's authentication (authenticateSockets)
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: Ack) => void) : undefined;
    const reply = await this.handle(socket, event, args[0]);
    ack?.(reply);
  }

  private async handle(socket: Socket, event: unknown, body: unknown): Promise<Ack> {
    const handler = typeof event === 'string' && Object.hasOwn(this.handlers, event) ? this.handlers[event] : undefined;
    if (handler === undefined) return { ok: false, code: 'UNKNOWN_EVENT', message: `Unknown event ${String(event)}` };
    try {
      for (const limiter of handler.message === true ? [this.actions, this.messages] : [this.actions]) {
        const decision = limiter.hit(socket.id);
        if (!decision.allowed) throw DeliberationException.rateLimited(decision.retryAfterSeconds);
      }
      return { ok: true, ...(await handler.run(socket, validatePayload(handler.dto, body) as never)) };
    } catch (error) {
      if (error instanceof DomainException) {
        return { ok: false, code: error.code, message: error.message, ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
      }
      if (isDatabaseUnavailable(error)) {
        // Not a failed command but a server without its database: said to the client, logged once.
        this.outage.refused(error);
        socket.emit('server.degraded', { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });
        return { ok: false, code: CommonErrorCode.SERVICE_UNAVAILABLE, message: 'The service is briefly unavailable: retry in a few seconds', retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS };
      }
      this.logger.error({ msg: 'socket handler failed', event, err: error });
      return { ok: false, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
    }
  }

  private async join(socket: Socket, dto: JoinSessionDto): Promise<{ role: ParticipantRole; seq: number; room: RoomView }> {
    const participant = await this.access.participant(socketPrincipal(socket), dto.sessionId);
    const sessions = this.sessionsOf(socket);
    if (participant.role !== 'observer' && !sessions.has(dto.sessionId)) {
      await this.presence.join(socket.id, dto.sessionId, participant.principal.accountId, (await this.access.displayName(participant.principal.accountId)) ?? 'Unknown');
    }
    // Read after joining: the view then holds the joiner's own presence, and its seq covers it.
    const { seq, room } = await this.rooms.view(dto.sessionId);
    sessions.set(dto.sessionId, participant);
    const at = await this.broadcaster.subscribe(socket, dto.sessionId, dto.lastSeq ?? seq);
    return { role: participant.role, seq: at, room };
  }

  /** The sessions a socket joined, made on first use (idle sockets carry nothing). */
  private sessionsOf(socket: Socket): Map<string, Participant> {
    const data = socket.data as { sessions?: Map<string, Participant> };
    data.sessions ??= new Map();
    return data.sessions;
  }

  private joined(socket: Socket, sessionId: string): Participant {
    const participant = this.sessionsOf(socket).get(sessionId);
    if (participant === undefined) throw DeliberationException.notJoined();
    return participant;
  }

  /** The participant as joined; observers cannot act. */
  private actor(socket: Socket, sessionId: string): Participant {
    const participant = this.joined(socket, sessionId);
    if (participant.role === 'observer') throw DeliberationException.observerCannotAct();
    return participant;
  }

  /** The participant with their role read again now. */
  private async fresh(socket: Socket, sessionId: string): Promise<Participant> {
    const joined = this.actor(socket, sessionId);
    const participant = await this.access.participant(joined.principal, sessionId);
    if (participant.role === 'observer') throw DeliberationException.observerCannotAct();
    return participant;
  }

  private async leaveSession(socket: Socket, participant: Participant): Promise<void> {
    const sessionId = participant.session.id;
    this.sessionsOf(socket).delete(sessionId);
    await socket.leave(roomOf(sessionId));
    this.broadcaster.release(sessionId);
    if (participant.role === 'observer') return;
    try {
      await this.presence.leave(socket.id, sessionId);
    } catch (error) {
      this.logger.warn({ msg: 'could not record a departure', sessionId, err: error });
    }
  }
}

function lastSeq(events: readonly WireEvent[]): { seq: number | null } {
  return { seq: events.length === 0 ? null : events[events.length - 1].seq };
}
