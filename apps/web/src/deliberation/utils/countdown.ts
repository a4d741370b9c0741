/**
 * Countdowns that follow the server's deadlines. The browser's clock may be minutes off: the
 * offset between the two is measured at each join (the server's time in the acknowledgement,
 * against the middle of the round trip) and applied to every deadline. The countdown only shows
 * time: a turn ends when the server says so (`floor.ended`), never when this reaches zero.
 */

/** Server time minus browser time, in ms, from a reply sent between `sentAt` and `receivedAt` (browser ms). */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  return Date.parse(serverTime) - (sentAt + receivedAt) / 2;
}

/** Ms left on a timer: from its deadline while it runs, as frozen while the session is paused. */
export function remainingMs(endsAt: string | null, frozenMs: number | null, offsetMs: number, now: number): number {
  if (endsAt === null) return Math.max(0, frozenMs ?? 0);
  return Math.max(0, Date.parse(endsAt) - (now + offsetMs));
}

/** "1:05", "0:09", "12:00": minutes and seconds, rounded up so 0:00 means the time is over. */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export type CountdownPhase = 'running' | 'warning' | 'over';

export function countdownPhase(ms: number, warningSeconds: number): CountdownPhase {
  if (ms <= 0) return 'over';
  return warningSeconds > 0 && ms <= warningSeconds * 1000 ? 'warning' : 'running';
}

/** Minutes spoken, for the queue: "0 min", "2 min", "1 h 05". */
export function formatSpoken(ms: number): { hours: number; minutes: number } {
  const minutes = Math.round(ms / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
