import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ProposalService } from './proposal.service.js';

const SWEEP_MS = 30_000;

/** Expires petitions whose collection deadline passed without reaching their threshold. */
@Injectable()
export class AgendaScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AgendaScheduler');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly proposals: ProposalService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One sweep; tests call it directly with a manual clock. */
  async tick(): Promise<number> {
    return this.proposals.expireDue().catch((error: unknown) => {
      this.logger.error({ msg: 'petition expiry sweep failed', error: String(error) });
      return 0;
    });
  }
}
