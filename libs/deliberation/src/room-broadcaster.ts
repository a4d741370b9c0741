import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { DeliberationRepository, type SessionEventRecord } from './deliberation.repository.js';
import { DeliberationException } from './deliberation.exception.js';
import type { RoomView } from './room.js';

/** A session event as sent over the socket: the stored record, plus the room as it now stands after room changes. */
export type WireEvent = SessionEventRecord & { room?: RoomView };

export const SESSION_EVENT = 'session.event';
const CLUSTER_EVENT = 'pnyx:session.events';
/** Recent events kept per session on each instance, to serve joins without a database read. */
const RECENT_EVENTS = 512;
/** How long an out-of-order event waits for the ones before it before they are read from the database. */
const GAP_WAIT_MS = 150;
export const MAX_REPLAY = 10_000;

interface LocalRoom {
  /** The last seq delivered to this instance's sockets; null until read from the database. */
  last: number | null;
  ready: Promise<void>;
  pending: Map<number, WireEvent>;
  recent: WireEvent[];
  gapTimer: NodeJS.Timeout | null;
}

export const roomOf = (sessionId: string): string => `session:${sessionId}`;

/**
 * Delivers each session's events to this instance's sockets exactly once and in `seq` order.
 *
 * Events are published by whichever instance committed them; other instances receive them through
 * the socket.io adapter (`serverSideEmit` over Redis Streams). Two instances committing seqs 7 and 8
 * may publish them in either order, so each instance delivers in seq order: an early event waits
 * for the missing ones, which are read from the database if they do not arrive in time.
 * Joining is ordered against delivery: the joining socket gets every event up to what this instance
 * has delivered, then enters the room, with no await in between, so it sees nothing twice.
 */
@Injectable()
export class RoomBroadcaster implements OnModuleDestroy {
  private readonly logger = new Logger(RoomBroadcaster.name);
  private namespace: Namespace | undefined;
  private clustered = false;
  private readonly rooms = new Map<string, LocalRoom>();

  constructor(private readonly repository: DeliberationRepository) {}

  attach(namespace: Namespace, clustered: boolean): void {
    this.namespace = namespace;
    this.clustered = clustered;
    if (clustered) {
      namespace.on(CLUSTER_EVENT, (events: unknown) => {
        if (Array.isArray(events)) for (const event of events as WireEvent[]) this.deliver(event);
      });
    }
  }

  onModuleDestroy(): void {
    for (const room of this.rooms.values()) if (room.gapTimer !== null) clearTimeout(room.gapTimer);
    this.rooms.clear();
  }

  /** After commit: to this instance's sockets, and to the other instances. */
  publish(events: readonly WireEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) this.deliver(event);
    if (this.clustered && this.namespace !== undefined) {
      try {
        this.namespace.serverSideEmit(CLUSTER_EVENT, events);
      } catch (error) {
        // Redis down: the other instances fill the gap from the database at their next event, and
        // reconnecting clients replay from the database anyway.
        this.logger.warn({ msg: 'could not publish session events to other instances', err: error });
      }
    }
  }

  /**
   * Sends `socket` the events after `afterSeq` (when given), then puts it in the session's room.
   * Returns the seq the socket is now at.
   */
  async subscribe(socket: Socket, sessionId: string, afterSeq: number | undefined): Promise<number> {
    const room = await this.track(sessionId);
    let at = afterSeq ?? (room.last as number);
    if (afterSeq !== undefined && (room.last as number) - afterSeq > MAX_REPLAY) throw DeliberationException.replayTooLong(MAX_REPLAY);
    for (;;) {
      const upTo = room.last as number;
      if (at >= upTo) break;
      const fromMemory = room.recent.length > 0 && room.recent[0].seq <= at + 1 ? room.recent.filter((event) => event.seq > at && event.seq <= upTo) : null;
      const batch = fromMemory ?? (await this.repository.eventsAfter(sessionId, at, upTo, 1000));
      for (const event of batch) socket.emit(SESSION_EVENT, event);
      if (batch.length === 0) break;
      at = batch[batch.length - 1].seq;
    }
    // No await since the last check: everything after `at` reaches the socket through the room.
    void socket.join(roomOf(sessionId));
    return at;
  }

  /** Call when a socket has left a session's room: forgets the session once no local socket follows it. */
  release(sessionId: string): void {
    const size = this.namespace?.adapter.rooms.get(roomOf(sessionId))?.size ?? 0;
    const room = this.rooms.get(sessionId);
    if (size === 0 && room !== undefined) {
      if (room.gapTimer !== null) clearTimeout(room.gapTimer);
      this.rooms.delete(sessionId);
    }
  }

  private async track(sessionId: string): Promise<LocalRoom> {
    const known = this.rooms.get(sessionId);
    if (known !== undefined) {
      await known.ready;
      return known;
    }
    const room: LocalRoom = { last: null, ready: Promise.resolve(), pending: new Map(), recent: [], gapTimer: null };
    this.rooms.set(sessionId, room);
    room.ready = this.repository.currentSeq(sessionId).then(
      (seq) => {
        room.last = seq;
        this.flush(sessionId, room);
      },
      (error: unknown) => {
        this.rooms.delete(sessionId);
        throw error;
      },
    );
    await room.ready;
    return room;
  }

  private deliver(event: WireEvent): void {
    const room = this.rooms.get(event.sessionId);
    if (room === undefined) return; // nobody here follows this session
    if (room.last !== null && event.seq <= room.last) return; // already delivered
    room.pending.set(event.seq, event);
    this.flush(event.sessionId, room);
  }

  private flush(sessionId: string, room: LocalRoom): void {
    if (room.last === null) return;
    for (const seq of [...room.pending.keys()]) if (seq <= room.last) room.pending.delete(seq);
    let next = room.pending.get(room.last + 1);
    while (next !== undefined) {
      room.pending.delete(next.seq);
      this.emitLocal(room, next);
      next = room.pending.get(room.last + 1);
    }
    if (room.pending.size > 0 && room.gapTimer === null) {
      room.gapTimer = setTimeout(() => {
        room.gapTimer = null;
        void this.fillGap(sessionId, room);
      }, GAP_WAIT_MS);
      room.gapTimer.unref();
    }
  }

  private async fillGap(sessionId: string, room: LocalRoom): Promise<void> {
    if (room.last === null || room.pending.size === 0 || this.rooms.get(sessionId) !== room) return;
    const upTo = Math.min(...room.pending.keys()) - 1;
    try {
      for (const event of await this.repository.eventsAfter(sessionId, room.last, upTo, 1000)) room.pending.set(event.seq, event);
    } catch (error) {
      this.logger.warn({ msg: 'could not read missing session events', sessionId, err: error });
    }
    this.flush(sessionId, room);
  }

  private emitLocal(room: LocalRoom, event: WireEvent): void {
    room.last = event.seq;
    room.recent.push(event);
    if (room.recent.length > RECENT_EVENTS) room.recent.splice(0, room.recent.length - RECENT_EVENTS);
    if (event.type === 'message.hidden') this.redactRecent(room, event);
    this.namespace?.local.to(roomOf(event.sessionId)).emit(SESSION_EVENT, event);
  }

  /** A hidden message is not replayed from memory either. */
  private redactRecent(room: LocalRoom, hidden: WireEvent): void {
    const messageId = hidden.data.messageId;
    room.recent = room.recent.map((event) =>
      event.type === 'message.posted' && event.data.id === messageId ? { ...event, data: { ...event.data, body: null, hidden: true, hiddenReason: hidden.data.reason } } : event,
    );
  }
}
