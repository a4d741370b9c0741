import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/shared';
import { ReferendumRepository } from './referendum.repository.js';
import { ReferendumService } from './referendum.service.js';

/** Every second: a referendum whose window has ended is closed and counted (results within seconds). */
const SWEEP_MS = 1_000;

@Injectable()
export class ReferendumScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReferendumScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly repository: ReferendumRepository,
    private readonly referendums: ReferendumService,
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

  /** One sweep; tests call it with a manual clock. */
  async tick(): Promise<void> {
    if (this.running !== undefined) return this.running;
    this.running = (async () => {
      for (const id of await this.repository.dueForClosing(this.clock.now())) {
        // Another instance may close it first: a transition error is then expected.
        await this.referendums.close(undefined, id).catch((error: unknown) => this.logger.debug({ msg: 'scheduled close skipped', id, error: String(error) }));
      }
    })()
      .catch((error: unknown) => this.logger.error({ msg: 'referendum sweep failed', error: String(error) }))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
