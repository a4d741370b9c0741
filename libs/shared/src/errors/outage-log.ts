import type { Logger } from '@nestjs/common';

/** During an outage, one log line per this many ms (with the count of refusals since), not one per request. */
const OUTAGE_LOG_INTERVAL_MS = 30_000;

/** Says that a dependency is down once per interval, however many requests it refuses meanwhile. */
export class OutageLog {
  private last: { at: number; refused: number } | null = null;

  constructor(
    private readonly logger: Pick<Logger, 'error'>,
    private readonly what: string,
  ) {}

  refused(cause: unknown): void {
    const now = Date.now();
    if (this.last !== null && now - this.last.at < OUTAGE_LOG_INTERVAL_MS) {
      this.last.refused += 1;
      return;
    }
    const refusedSinceLastLine = this.last?.refused ?? 0;
    this.last = { at: now, refused: 0 };
    this.logger.error({ msg: this.what, refusedSinceLastLine, cause: cause instanceof Error ? cause.message : String(cause) });
  }
}
