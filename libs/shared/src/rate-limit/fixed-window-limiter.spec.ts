import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../clock/clock.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per window and per key, then tells when to retry', () => {
    const clock = new ManualClock(0);
    const limiter = new FixedWindowLimiter(2, 60_000, clock);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(true);
    clock.advance(15_000);
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    clock.advance(45_000);
    expect(limiter.hit('a').allowed).toBe(true);
  });

  it('peeks without counting', () => {
    const clock = new ManualClock(0);
    const limiter = new FixedWindowLimiter(2, 60_000, clock);
    expect(limiter.peek('a')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    limiter.hit('a');
    expect(limiter.peek('a').allowed).toBe(true);
    limiter.hit('a');
    expect(limiter.peek('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.peek('a').allowed).toBe(false);
    clock.advance(60_000);
    expect(limiter.peek('a').allowed).toBe(true);
  });

  it('forgets the oldest keys past its bound', () => {
    const clock = new ManualClock(0);
    const limiter = new FixedWindowLimiter(1, 60_000, clock, 2);
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c'); // evicts a
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('c').allowed).toBe(false);
  });
});
