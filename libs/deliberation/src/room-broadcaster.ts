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
/** With several instances, how often each compares what it delivered with the database (lost messages). */
const CATCH_UP_MS = 1_000;
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
 *
 * The cross-instance path is the adapter's server-side emit, which the Redis Streams adapter sends
 * over Redis PUB/SUB (fast, but lost during a Redis blip). The database is the source of truth: each
 * instance checks every second that it has delivered up to each followed session's last seq and reads
 * what it missed, so a Redis outage delays events by about a second and loses none.
 */
@Injectable()
export class RoomBroadcaster implements OnModuleDestroy {
  private readonly logger = new Logger(RoomBroadcaster.name);
  private namespace: Namespace | undefined;
  private clustered = false;
  private readonly rooms = new Map<string, LocalRoom>();
  private catchUpTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(private readonly repository: DeliberationRepository) {}

  attach(namespace: Namespace, clustered: boolean): void {
    this.namespace = namespace;
    this.clustered = clustered;
    if (clustered) {
      namespace.on(CLUSTER_EVENT, (events: unknown) => {
        if (Array.isArray(events)) for (const event of events as WireEvent[]) this.deliver(event);
      });
      this.catchUpTimer = setInterval(() => void this.catchUp(), CATCH_UP_MS);
      this.catchUpTimer.unref();
    }
  }

  onModuleDestroy(): void {
    // From here on the adapter (and its Redis client) is going away: publish locally only.
    this.closing = true;
    if (this.catchUpTimer !== undefined) clearInterval(this.catchUpTimer);
    for (const room of this.rooms.values()) if (room.gapTimer !== null) clearTimeout(room.gapTimer);
  }

  /** Delivers what the database has beyond what this instance delivered, for every session it follows. */
  async catchUp(): Promise<void> {
    const followed = [...this.rooms].filter(([, room]) => room.last !== null);
    if (followed.length === 0) return;
    try {
      const seqs = await this.repository.currentSeqs(followed.map(([sessionId]) => sessionId));
      for (const [sessionId, room] of followed) {
        const seq = seqs.get(sessionId) ?? 0;
        if (room.last !== null && seq > room.last) await this.fillTo(sessionId, room, seq);
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not catch up on session events', err: error instanceof Error ? error.message : String(error) });
    }
  }

  /** After commit: to this instance's sockets, and to the other instances. */
  publish(events: readonly WireEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) this.deliver(event);
    if (this.clustered && !this.closing && this.namespace !== undefined) {
      // The adapter's own serverSideEmit, for its promise: Namespace.serverSideEmit drops it, and a
      // Redis outage would become an unhandled rejection. The other instances fill such a gap from
      // the database at their next event; reconnecting clients replay from the database anyway.
      const adapter = this.namespace.adapter as unknown as { serverSideEmit(packet: unknown[]): Promise<unknown> };
      Promise.resolve()
        .then(() => adapter.serverSideEmit([CLUSTER_EVENT, events]))
        .catch((error: unknown) => this.logger.warn({ msg: 'could not publish session events to other instances', err: error instanceof Error ? error.message : String(error) }));
    }
  }

  /**
   * Sends `socket` the events after `afterSeq` (when given), then puts it in the session's room.
   * Returns the seq the socket is now at.
   */
  async subscribe(socket: Socket, sessionId: string, afterSeq: number | undefined): Promise<number> {
    // A socket joining again replays like a new one (it leaves the room first, so nothing comes twice).
    void socket.leave(roomOf(sessionId));
    const room = await this.track(sessionId);
    // This instance may be behind the database (events still on their way, or lost with Redis):
    // bring all its sockets up to date first.
    const current = await this.repository.currentSeq(sessionId);
    if (room.last !== null && current > room.last) await this.fillTo(sessionId, room, current);
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

  /** Reads events up to `seq` from the database into the room's delivery, in order. */
  private async fillTo(sessionId: string, room: LocalRoom, seq: number): Promise<void> {
    while (room.last !== null && room.last < seq) {
      const batch = await this.repository.eventsAfter(sessionId, room.last, seq, 1000);
      if (batch.length === 0) return;
      for (const event of batch) room.pending.set(event.seq, event);
      this.flush(sessionId, room);
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
