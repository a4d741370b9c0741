import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { DeliberationRepository } from './deliberation.repository.js';
import { RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { decideOrThrow, RoomService } from './room.service.js';
import { SYSTEM } from './room.js';

const TICK_MS = 250;
const BATCH = 50;

/**
 * Server-authoritative timers. Deadlines live in the rooms (`next_deadline_at`); every instance
 * polls for rooms that are due, locking them with SKIP LOCKED, so each deadline fires exactly once
 * whatever the number of instances. Time comes from the injected clock: tests move it and call
 * `tick()` instead of sleeping.
 */
@Injectable()
export class RoomTimers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoomTimers.name);
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DeliberationRepository,
    private readonly rooms: RoomService,
    private readonly broadcaster: RoomBroadcaster,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.logger.warn({ msg: 'room timers failed', err: error }));
    }, TICK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** Fires what is due now; returns how many rooms changed. Runs one after another in this process. */
  tick(): Promise<number> {
    const run = this.queue.then(() => this.fireDue());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async fireDue(): Promise<number> {
    const now = this.clock.now();
    const published = await inTransaction(this.dataSource, async (manager) => {
      const events: WireEvent[] = [];
      for (const sessionId of await this.repository.lockDueRooms(now, BATCH, manager)) {
        events.push(
          ...(await this.rooms.changeIn(manager, sessionId, null, ({ state, now: at }) => Promise.resolve(decideOrThrow(state, { type: 'tick' }, SYSTEM, at.getTime())))),
        );
      }
      return events;
    });
    this.broadcaster.publish(published);
    return new Set(published.map((event) => event.sessionId)).size;
  }
}
