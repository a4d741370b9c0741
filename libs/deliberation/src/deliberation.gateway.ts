import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { APP_CONFIG, authenticateSockets, Authenticator, CLOCK, DomainException, FixedWindowLimiter, socketPrincipal, validatePayload, type AppConfig, type Clock } from '@app/shared';
import { DeliberationException } from './deliberation.exception.js';
import {
  CloseVoteDto,
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
import { MessageService } from './message.service.js';
import { PresenceService } from './presence.service.js';
import { roomOf, RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { RoomService } from './room.service.js';
import type { RoomCommand, RoomView } from './room.js';
import { SessionAccess, type Participant, type ParticipantRole } from './session-access.js';
import { SessionVoteService } from './session-vote.service.js';

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; code: string; message: string; retryAfterSeconds?: number };
export type JoinAck = Ack<{ role: ParticipantRole; seq: number; room: RoomView }>;
export type ActionAck = Ack<{ seq: number | null }>;

/** Per socket: any action, and messages/reactions in particular (a flood from one tab cannot drown the room). */
const ACTIONS_PER_10S = 30;
const MESSAGES_PER_10S = 10;

interface SocketState {
  sessions: Map<string, Participant>;
}

const EVENTS = [
  'session.join',
  'session.leave',
  'session.start',
  'session.pause',
  'session.resume',
  'session.end',
  'item.start',
  'item.end',
  'item.extend',
  'hand.raise',
  'hand.lower',
  'floor.grant',
  'floor.end',
  'member.mute',
  'member.unmute',
  'settings.change',
  'message.post',
  'message.react',
  'message.hide',
  'vote.open',
  'vote.close',
];

/**
 * socket.io namespace `/deliberation`. The handshake is authenticated like HTTP; `session.join`
 * decides the role (chair, member, observer) and replays what a reconnecting client missed; every
 * other event is a command acknowledged with `{ ok: true, seq }` or `{ ok: false, code, message }`.
 * Server → client: `session.event` ({ sessionId, seq, type, at, actorId, data, room? }).
 */
@WebSocketGateway({ namespace: '/deliberation' })
export class DeliberationGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(DeliberationGateway.name);
  private readonly actions: FixedWindowLimiter;
  private readonly messages: FixedWindowLimiter;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly access: SessionAccess,
    private readonly rooms: RoomService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly presence: PresenceService,
    private readonly messageService: MessageService,
    private readonly votes: SessionVoteService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.actions = new FixedWindowLimiter(ACTIONS_PER_10S, 10_000, clock, 100_000);
    this.messages = new FixedWindowLimiter(MESSAGES_PER_10S, 10_000, clock, 100_000);
  }

  afterInit(namespace: Namespace): void {
    authenticateSockets(namespace, this.authenticator);
    this.broadcaster.attach(namespace, this.config.redisUrl !== undefined);
  }

  handleConnection(socket: Socket): void {
    (socket.data as SocketState).sessions = new Map();
    // An event nobody handles still gets an answer if the client asked for one.
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (!EVENTS.includes(event) && typeof ack === 'function') (ack as (reply: Ack) => void)({ ok: false, code: 'UNKNOWN_EVENT', message: `Unknown event ${event}` });
    });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const sessions = (socket.data as Partial<SocketState>).sessions;
    if (sessions === undefined) return;
    for (const participant of sessions.values()) await this.leaveSession(socket, participant);
  }

  @SubscribeMessage('session.join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<JoinAck> {
    return this.run(socket, 'session.join', body, JoinSessionDto, async (dto) => {
      const participant = await this.access.participant(socketPrincipal(socket), dto.sessionId);
      const state = socket.data as SocketState;
      const { seq, room } = await this.rooms.view(dto.sessionId);
      if (participant.role !== 'observer' && !state.sessions.has(dto.sessionId)) {
        await this.presence.join(socket.id, dto.sessionId, participant.principal.accountId, await this.displayName(participant));
      }
      state.sessions.set(dto.sessionId, participant);
      const at = await this.broadcaster.subscribe(socket, dto.sessionId, dto.lastSeq ?? seq);
      return { role: participant.role, seq: at, room };
    });
  }

  @SubscribeMessage('session.leave')
  leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.run(socket, 'session.leave', body, SessionRefDto, async (dto) => {
      const participant = this.joined(socket, dto.sessionId);
      await this.leaveSession(socket, participant);
      return { seq: null };
    });
  }

  @SubscribeMessage('session.start')
  start(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'session.start', body, SessionRefDto, () => ({ type: 'session.start' }), true);
  }

  @SubscribeMessage('session.pause')
  pause(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'session.pause', body, SessionRefDto, () => ({ type: 'session.pause' }), true);
  }

  @SubscribeMessage('session.resume')
  resume(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'session.resume', body, SessionRefDto, () => ({ type: 'session.resume' }), true);
  }

  @SubscribeMessage('session.end')
  end(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'session.end', body, SessionRefDto, () => ({ type: 'session.end' }), true);
  }

  @SubscribeMessage('item.start')
  startItem(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'item.start', body, StartItemDto, (dto) => ({ type: 'item.start', index: dto.index }), true);
  }

  @SubscribeMessage('item.end')
  endItem(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'item.end', body, SessionRefDto, () => ({ type: 'item.end' }), true);
  }

  @SubscribeMessage('item.extend')
  extendItem(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'item.extend', body, ExtendItemDto, (dto) => ({ type: 'item.extend', minutes: dto.minutes }), true);
  }

  @SubscribeMessage('hand.raise')
  raiseHand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'hand.raise', body, SessionRefDto, () => ({ type: 'hand.raise' }), false);
  }

  @SubscribeMessage('hand.lower')
  lowerHand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'hand.lower', body, OptionalAccountDto, (dto) => ({ type: 'hand.lower', accountId: dto.accountId }), false);
  }

  @SubscribeMessage('floor.grant')
  grantFloor(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'floor.grant', body, OptionalAccountDto, (dto) => ({ type: 'floor.grant', accountId: dto.accountId }), true);
  }

  @SubscribeMessage('floor.end')
  endFloor(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'floor.end', body, SessionRefDto, () => ({ type: 'floor.end' }), false);
  }

  @SubscribeMessage('member.mute')
  mute(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'member.mute', body, MuteDto, (dto) => ({ type: 'member.mute', accountId: dto.accountId, minutes: dto.minutes, reason: dto.reason.trim() }), true);
  }

  @SubscribeMessage('member.unmute')
  unmute(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'member.unmute', body, UnmuteDto, (dto) => ({ type: 'member.unmute', accountId: dto.accountId }), true);
  }

  @SubscribeMessage('settings.change')
  changeSettings(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.roomCommand(socket, 'settings.change', body, RoomSettingsDto, ({ sessionId: _sessionId, ...settings }) => ({ type: 'settings.change', settings }), true);
  }

  @SubscribeMessage('message.post')
  post(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.run(socket, 'message.post', body, PostMessageDto, async (dto) => lastSeq(await this.messageService.post(this.actor(socket, dto.sessionId), dto)), true);
  }

  @SubscribeMessage('message.react')
  react(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.run(socket, 'message.react', body, ReactDto, async (dto) => lastSeq(await this.messageService.react(this.actor(socket, dto.sessionId), dto)), true);
  }

  @SubscribeMessage('message.hide')
  hide(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.run(socket, 'message.hide', body, HideMessageDto, async (dto) => lastSeq(await this.messageService.hide(await this.fresh(socket, dto.sessionId), dto)));
  }

  @SubscribeMessage('vote.open')
  openVote(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ seq: number | null; pollId: string }>> {
    return this.run(socket, 'vote.open', body, OpenVoteDto, async ({ sessionId, ...draft }) => {
      const events = await this.votes.open(await this.fresh(socket, sessionId), draft);
      return { ...lastSeq(events), pollId: String(events[0]?.data.pollId) };
    });
  }

  @SubscribeMessage('vote.close')
  closeVote(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ActionAck> {
    return this.run(socket, 'vote.close', body, CloseVoteDto, async (dto) => {
      await this.votes.close(await this.fresh(socket, dto.sessionId), dto.pollId);
      return { seq: null };
    });
  }

  /**
   * A room command. `chairOnly` commands re-read the sender's role (a facilitator removed a minute
   * ago has no powers left); the others use the role found at join.
   */
  private roomCommand<T extends SessionRefDto>(socket: Socket, event: string, body: unknown, dto: new () => T, toCommand: (dto: T) => RoomCommand, chairOnly: boolean): Promise<ActionAck> {
    return this.run(socket, event, body, dto, async (payload) => {
      const participant = chairOnly ? await this.fresh(socket, payload.sessionId) : this.actor(socket, payload.sessionId);
      return lastSeq(await this.rooms.command(payload.sessionId, participant.actor, toCommand(payload)));
    });
  }

  /** Validation, rate limits and errors for every handler: whatever happens, the client gets an acknowledgement and the process lives on. */
  private async run<T extends object, R extends object>(socket: Socket, event: string, body: unknown, dto: new () => T, handler: (payload: T) => Promise<R>, isMessage = false): Promise<Ack<R>> {
    try {
      for (const limiter of isMessage ? [this.actions, this.messages] : [this.actions]) {
        const decision = limiter.hit(socket.id);
        if (!decision.allowed) throw DeliberationException.rateLimited(decision.retryAfterSeconds);
      }
      return { ok: true, ...(await handler(validatePayload(dto, body))) };
    } catch (error) {
      if (error instanceof DomainException) {
        return { ok: false, code: error.code, message: error.message, ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
      }
      this.logger.error({ msg: 'socket handler failed', event, err: error });
      return { ok: false, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
    }
  }

  private joined(socket: Socket, sessionId: string): Participant {
    const participant = (socket.data as SocketState).sessions.get(sessionId);
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
    (socket.data as SocketState).sessions.delete(sessionId);
    await socket.leave(roomOf(sessionId));
    this.broadcaster.release(sessionId);
    if (participant.role === 'observer') return;
    try {
      await this.presence.leave(socket.id, sessionId);
    } catch (error) {
      this.logger.warn({ msg: 'could not record a departure', sessionId, err: error });
    }
  }

  private async displayName(participant: Participant): Promise<string> {
    return (await this.access.displayName(participant.principal.accountId)) ?? 'Unknown';
  }
}

function lastSeq(events: readonly WireEvent[]): { seq: number | null } {
  return { seq: events.length === 0 ? null : events[events.length - 1].seq };
}
