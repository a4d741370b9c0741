import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository, type SessionEventRecord } from './deliberation.repository.js';
import { RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { decide, initialRoomState, SYSTEM, nextDeadline, roomView, RoomRefusal, type Actor, type RoomCommand, type RoomEvent, type RoomState, type RoomView } from './room.js';

export interface RoomChange {
  events: RoomEvent[];
  /** The new state, when the change touched it (messages do not). */
  state?: RoomState;
}

export interface RoomContext {
  manager: EntityManager;
  state: RoomState;
  now: Date;
  /** The seq the first event of this change will get. */
  firstSeq: number;
}

/**
 * Runs every change to a session's room: lock the room row, decide (pure), append the events with
 * their seqs and save the state in the same transaction, then publish after the commit. A change
 * that is refused stores nothing.
 */
@Injectable()
export class RoomService {
  private readonly ensured = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DeliberationRepository,
    private readonly broadcaster: RoomBroadcaster,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A room command (start, floor, queue, timers...) on behalf of `actor`; moderation and the session's start and end are audited. */
  command(sessionId: string, actor: Actor, command: RoomCommand): Promise<WireEvent[]> {
    const actorId = actor === SYSTEM ? null : actor.accountId;
    return this.change(sessionId, actorId, async ({ manager, state, now }) => {
      const decision = decideOrThrow(state, command, actor, now.getTime());
      const action = AUDITED_COMMANDS[command.type];
      if (action !== undefined && actorId !== null) {
        await this.audit.record({ actor: actorOf(actorId), action, subjectType: 'session', subjectId: sessionId, data: { ...command } }, manager);
      }
      return { events: decision.events, state: decision.state };
    });
  }

  /** Any change under the room lock; `body` may touch other tables through `manager`. */
  async change(sessionId: string, actorId: string | null, body: (context: RoomContext) => Promise<RoomChange>): Promise<WireEvent[]> {
    await this.ensureRoom(sessionId);
    const published = await inTransaction(this.dataSource, (manager) => this.changeIn(manager, sessionId, actorId, body));
    this.broadcaster.publish(published);
    return published;
  }

  /** The same, inside a caller's transaction (the caller publishes). */
  async changeIn(manager: EntityManager, sessionId: string, actorId: string | null, body: (context: RoomContext) => Promise<RoomChange>): Promise<WireEvent[]> {
    const room = await this.repository.lockRoom(sessionId, manager);
    if (room === null) throw DeliberationException.sessionNotFound();
    const now = this.clock.now();
    let state = room.state;
    if (state.status === 'scheduled') state = { ...state, items: await this.repository.scheduledItems(sessionId, manager) }; // the agenda is fixed when the session starts
    const lastSeq = Number(room.lastSeq);
    const change = await body({ manager, state, now, firstSeq: lastSeq + 1 });
    if (change.events.length === 0) {
      if (change.state !== undefined) await this.repository.saveRoom(sessionId, lastSeq, change.state, nextDeadline(change.state), manager);
      return [];
    }
    const records: WireEvent[] = await this.repository.appendEvents(sessionId, lastSeq + 1, change.events, actorId, now, manager);
    const newSeq = lastSeq + change.events.length;
    if (change.state === undefined) {
      await this.repository.saveRoom(sessionId, newSeq, state, nextDeadline(state), manager);
    } else {
      await this.repository.saveRoom(sessionId, newSeq, change.state, nextDeadline(change.state), manager);
      if (change.state.status !== room.state.status) await this.repository.setSessionStatus(sessionId, change.state.status, manager);
      const view = roomView(change.state, now.getTime());
      records[records.length - 1] = { ...records[records.length - 1], room: view };
    }
    return records;
  }

  async view(sessionId: string): Promise<{ seq: number; room: RoomView }> {
    await this.ensureRoom(sessionId);
    const room = await this.repository.roomState(sessionId);
    if (room === null) throw DeliberationException.sessionNotFound();
    const state = room.state.status === 'scheduled' ? { ...room.state, items: await this.repository.scheduledItems(sessionId) } : room.state;
    return { seq: room.lastSeq, room: roomView(state, this.clock.now().getTime()) };
  }

  events(sessionId: string, after: number, limit: number): Promise<SessionEventRecord[]> {
    return this.repository.eventsAfter(sessionId, after, null, limit);
  }

  newMessageId(): string {
    return randomUUID();
  }

  private async ensureRoom(sessionId: string): Promise<void> {
    if (this.ensured.has(sessionId)) return;
    if ((await this.repository.findSession(sessionId)) === null) throw DeliberationException.sessionNotFound();
    await inTransaction(this.dataSource, (manager) => this.repository.ensureRoom(sessionId, initialRoomState([]), manager));
    if (this.ensured.size > 10_000) this.ensured.clear();
    this.ensured.add(sessionId);
  }
}

const AUDITED_COMMANDS: Partial<Record<RoomCommand['type'], string>> = {
  'session.start': 'session.started',
  'session.end': 'session.ended',
  'member.mute': 'session.member-muted',
  'member.unmute': 'session.member-unmuted',
};

export function decideOrThrow(state: RoomState, command: RoomCommand, actor: Actor, now: number): { state: RoomState; events: RoomEvent[] } {
  try {
    return decide(state, command, actor, now);
  } catch (error) {
    if (error instanceof RoomRefusal) throw DeliberationException.fromRefusal(error);
    throw error;
  }
}
