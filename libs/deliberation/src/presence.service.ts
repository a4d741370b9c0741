import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AttendanceService } from './attendance.service.js';
import { DeliberationRepository } from './deliberation.repository.js';
import type { WireEvent } from './room-broadcaster.js';
import { decideOrThrow, RoomService, type RoomChange } from './room.service.js';
import { SYSTEM, type RoomState } from './room.js';

const HEARTBEAT_MS = 10_000;
/** An instance silent this long is taken for dead: its sockets leave the rooms. */
const STALE_SECONDS = 30;

/**
 * Who is in the room, across tabs, devices and instances: one row per socket in a session; an
 * account is present while it has at least one. Joining and leaving run under the room lock, so two
 * tabs arriving at once make one `presence.joined`. Each instance heartbeats; the others sweep the
 * connections of an instance that died without saying goodbye.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceService.name);
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rooms: RoomService,
    private readonly repository: DeliberationRepository,
    private readonly attendance: AttendanceService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.heartbeat(this.instanceId);
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** On shutdown, this instance's sockets leave their rooms (the process may not see their disconnects). */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    try {
      for (const connection of await this.repository.connectionsOfInstance(this.instanceId)) await this.leave(connection.socketId, connection.sessionId);
    } catch (error) {
      this.logger.warn({ msg: 'could not clear presence at shutdown', err: error });
    }
  }

  join(socketId: string, sessionId: string, accountId: string, name: string): Promise<WireEvent[]> {
    return this.rooms.change(sessionId, accountId, async ({ manager, state, now }) => {
      const connections = await this.repository.addConnection(socketId, sessionId, accountId, this.instanceId, manager);
      // A new tab is in front: an account marked away is back.
      if (connections.count > 1 && state.present.includes(accountId)) return awayIfChanged(state, accountId, connections.allAway, now);
      // Attending from home, where the session allows it: the stretch starts with the first connection.
      await this.attendance.remoteArrived(manager, sessionId, accountId, now);
      return decideOrThrow(state, { type: 'presence.join', accountId, name }, SYSTEM, now.getTime());
    });
  }

  leave(socketId: string, sessionId: string): Promise<WireEvent[]> {
    return this.rooms.change(sessionId, null, async ({ manager, state, now }) => {
      const removed = await this.repository.removeConnection(socketId, sessionId, manager);
      if (removed === null) return { events: [] };
      // The tab in front closed and the others are in the background: the account is away now.
      if (removed.count > 0) return awayIfChanged(state, removed.accountId, removed.allAway, now);
      await this.attendance.remoteLeft(manager, sessionId, removed.accountId, now);
      return decideOrThrow(state, { type: 'presence.leave', accountId: removed.accountId }, SYSTEM, now.getTime());
    });
  }

  /** One connection goes to the background or comes back; the account is away when all of its are. */
  away(socketId: string, sessionId: string, accountId: string, away: boolean): Promise<WireEvent[]> {
    return this.rooms.change(sessionId, accountId, async ({ manager, state, now }) => {
      const connections = await this.repository.setConnectionAway(socketId, sessionId, away, manager);
      if (connections === null) return decideOrThrow(state, { type: 'presence.away', accountId, away }, SYSTEM, now.getTime()); // not present: refused
      return awayIfChanged(state, connections.accountId, connections.allAway, now);
    });
  }

  /** Heartbeat, and sweep the connections of instances that stopped beating. */
  async beat(): Promise<void> {
    try {
      await this.repository.heartbeat(this.instanceId);
      for (const stale of await this.repository.staleConnections(STALE_SECONDS)) {
        if (stale.instanceId !== this.instanceId) await this.leave(stale.socketId, stale.sessionId);
      }
      await this.repository.forgetStaleInstances(STALE_SECONDS);
    } catch (error) {
      this.logger.warn({ msg: 'presence heartbeat failed', err: error });
    }
  }
}

function awayIfChanged(state: RoomState, accountId: string, away: boolean, now: Date): RoomChange {
  if ((state.away ?? []).includes(accountId) === away) return { events: [] };
  return decideOrThrow(state, { type: 'presence.away', accountId, away }, SYSTEM, now.getTime());
}
