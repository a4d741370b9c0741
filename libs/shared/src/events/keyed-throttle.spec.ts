import { describe, expect, it } from '@jest/globals';
import { KeyedThrottle, type ThrottleTimers } from './keyed-throttle.js';

/** Timers that fire only when the test moves time on. */
class FakeTimers implements ThrottleTimers {
  private time = 0;
  private due: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  schedule(run: () => void, delayMs: number): { cancel(): void } {
    const entry = { at: this.time + delayMs, run, cancelled: false };
    this.due.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  }
  advance(ms: number): void {
    this.time += ms;
    const ready = this.due.filter((entry) => entry.at <= this.time && !entry.cancelled);
    this.due = this.due.filter((entry) => entry.at > this.time && !entry.cancelled);
    for (const entry of ready) entry.run();
  }
  get pending(): number {
    return this.due.filter((entry) => !entry.cancelled).length;
  }
}

describe('KeyedThrottle', () => {
  it('runs the first hit at once and coalesces the next ones into one trailing run', () => {
    const timers = new FakeTimers();
    const runs: Array<[string, number]> = [];
    const throttle = new KeyedThrottle(1000, (key) => runs.push([key, timers.now()]), timers);
    throttle.hit('a');
    expect(runs).toEqual([['a', 0]]);
    timers.advance(200);
    throttle.hit('a');
    timers.advance(300);
    throttle.hit('a');
    expect(runs).toHaveLength(1);
    timers.advance(500);
    expect(runs).toEqual([
      ['a', 0],
      ['a', 1000],
    ]);
    // Quiet for an interval: the next hit runs at once again.
    timers.advance(1000);
    throttle.hit('a');
    expect(runs.at(-1)).toEqual(['a', 2000]);
  });

  it('keeps keys apart', () => {
    const timers = new FakeTimers();
    const runs: string[] = [];
    const throttle = new KeyedThrottle(1000, (key) => runs.push(key), timers);
    throttle.hit('a');
    throttle.hit('b');
    throttle.hit('a');
    expect(runs).toEqual(['a', 'b']);
    timers.advance(1000);
    expect(runs).toEqual(['a', 'b', 'a']);
  });

  it('cancels trailing runs on dispose', () => {
    const timers = new FakeTimers();
    const runs: string[] = [];
    const throttle = new KeyedThrottle(1000, (key) => runs.push(key), timers);
    throttle.hit('a');
    throttle.hit('a');
    expect(timers.pending).toBe(1);
    throttle.dispose();
    timers.advance(5000);
    expect(runs).toEqual(['a']);
  });
});
