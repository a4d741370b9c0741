import { describe, expect, it } from '@jest/globals';
import { clockOffset, countdownPhase, formatClock, formatSpoken, remainingMs } from './countdown';

describe('countdowns against the server’s clock', () => {
  it('measures the offset from the middle of the round trip', () => {
    // Sent at 1000, answered at 1100 (browser time); the server said 10:00:05.050.
    const server = '2027-03-01T10:00:05.050Z';
    expect(clockOffset(server, 1000, 1100)).toBe(Date.parse(server) - 1050);
  });

  it('counts down to the server’s deadline, whatever the browser’s clock says', () => {
    const endsAt = '2027-03-01T10:02:00.000Z';
    const serverNow = Date.parse('2027-03-01T10:01:00.000Z');
    // A browser 5 minutes behind: its now is serverNow - 300 000, the offset +300 000.
    const browserNow = serverNow - 300_000;
    expect(remainingMs(endsAt, null, 300_000, browserNow)).toBe(60_000);
    expect(remainingMs(endsAt, null, 300_000, browserNow + 70_000)).toBe(0); // never negative
    // Paused: the frozen time left, whatever the clock.
    expect(remainingMs(null, 42_000, 300_000, browserNow)).toBe(42_000);
    expect(remainingMs(null, null, 0, 0)).toBe(0);
  });

  it('writes minutes and seconds, rounding up', () => {
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(9_001)).toBe('0:10');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(720_000)).toBe('12:00');
  });

  it('warns within the warning time, and is over at zero', () => {
    expect(countdownPhase(31_000, 30)).toBe('running');
    expect(countdownPhase(30_000, 30)).toBe('warning');
    expect(countdownPhase(0, 30)).toBe('over');
    expect(countdownPhase(5_000, 0)).toBe('running');
  });

  it('gives spoken time in hours and minutes', () => {
    expect(formatSpoken(0)).toEqual({ hours: 0, minutes: 0 });
    expect(formatSpoken(150_000)).toEqual({ hours: 0, minutes: 3 });
    expect(formatSpoken(65 * 60_000)).toEqual({ hours: 1, minutes: 5 });
  });
});
