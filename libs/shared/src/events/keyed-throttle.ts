/** Time and timers, injectable so tests run without waiting. */
export interface ThrottleTimers {
  now(): number;
  schedule(run: () => void, delayMs: number): { cancel(): void };
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  schedule: (run, delayMs) => {
    const timer = setTimeout(run, delayMs);
    timer.unref(); // never keeps a stopping process alive
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * Runs `task(key)` at most once per `intervalMs` for each key, on the leading and the trailing edge:
 * the first hit runs at once, and hits within the interval coalesce into one run at its end. So a
 * live figure (turnout, supports) costs one run per interval however hot the key, and the last
 * change is always published: the figure people see ends exact.
 */
export class KeyedThrottle {
  private readonly keys = new Map<string, { lastRun: number; pending?: { cancel(): void } }>();

  constructor(
    private readonly intervalMs: number,
    private readonly task: (key: string) => void,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  hit(key: string): void {
    const now = this.timers.now();
    const entry = this.keys.get(key);
    if (entry?.pending !== undefined) return; // a trailing run is already due
    if (entry === undefined || now - entry.lastRun >= this.intervalMs) {
      this.run(key, now);
      return;
    }
    entry.pending = this.timers.schedule(() => this.run(key, this.timers.now()), entry.lastRun + this.intervalMs - now);
  }

  /** Cancels trailing runs (on shutdown). */
  dispose(): void {
    for (const entry of this.keys.values()) entry.pending?.cancel();
    this.keys.clear();
  }

  private run(key: string, now: number): void {
    this.keys.set(key, { lastRun: now });
    if (this.keys.size > 10_000) this.forgetIdle(now);
    this.task(key);
  }

  /** Keys idle for a whole interval need no memory: their next hit runs at once anyway. */
  private forgetIdle(now: number): void {
    for (const [key, entry] of this.keys) if (entry.pending === undefined && now - entry.lastRun >= this.intervalMs) this.keys.delete(key);
  }
}
