import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/shared';
import { PollRepository } from './poll.repository.js';
import { PollService } from './poll.service.js';

const SWEEP_MS = 5_000;

/** Closes polls when their `closesAt` passes; seals bulletin boards and mixes ballots left undone (crash, restart). */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PollScheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly polls: PollRepository,
    private readonly service: PollService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; tests call it directly with a manual clock. */
  async tick(): Promise<void> {
    if (this.running !== undefined) return this.running;
    this.running = (async () => {
      for (const pollId of await this.polls.dueForClosing(this.clock.now())) {
        // Another instance may close it first: a transition error then is expected.
        await this.service.close(undefined, pollId).catch((error: unknown) => this.logger.debug({ msg: 'scheduled close skipped', pollId, error: String(error) }));
      }
      // Polls whose closer seals them itself (after computing a budget's winners) are left to it for a while.
      for (const pollId of await this.polls.unsealed()) if (!this.service.sealingIsLeftToCaller(pollId)) await this.service.seal(pollId);
      for (const pollId of await this.polls.unmixed()) if (!this.service.sealingIsLeftToCaller(pollId)) await this.service.mix(pollId);
    })()
      .catch((error: unknown) => this.logger.error({ msg: 'poll sweep failed', error: String(error) }))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
