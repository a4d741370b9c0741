import type { Clock } from '../clock/clock.js';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key in fixed windows, in this process's memory. Bounded: the oldest keys are
 * dropped past `maxKeys`, so a flood of distinct keys cannot exhaust memory. With several API
 * instances each counts alone; account lockout (in the database) is the limit that holds globally.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string): RateDecision {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      this.windows.delete(key);
      window = { start: now, hits: 0 };
      this.windows.set(key, window);
      this.evictOldest();
    }
    window.hits += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return { allowed: window.hits <= this.limit, retryAfterSeconds };
  }

  /** Whether `key` is over its limit now, without counting a hit (limits on failures: check, act, then hit on failure). */
  peek(key: string): RateDecision {
    const now = this.clock.now().getTime();
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: window.hits < this.limit, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
  }

  private evictOldest(): void {
    while (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next();
      if (oldest.done === true) return;
      this.windows.delete(oldest.value);
    }
  }
}
