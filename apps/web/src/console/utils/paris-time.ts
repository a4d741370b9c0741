/**
 * Times in the console are typed as Paris wall-clock time (an `<input type="datetime-local">`),
 * whatever the device's time zone. Pure.
 */
const PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** The Paris wall-clock time of an instant, as YYYY-MM-DDTHH:mm. */
export function parisLocal(instant: Date | string | number): string {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Milliseconds Paris is ahead of UTC at this instant (3,600,000 in winter, 7,200,000 in summer). */
function offsetAt(utc: number): number {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(utc)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(utc / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) of a Paris wall-clock time, or null when it is not a time or does
 * not exist (the hour skipped when clocks go forward). The repeated autumn hour means its first
 * occurrence, as the referendums' API has it.
 */
export function parisToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset before and after the wall time; the earlier instant is the first occurrence.
  const candidates = [wall - offsetAt(wall - 3 * 3_600_000), wall - offsetAt(wall + 3 * 3_600_000)].sort((a, b) => a - b);
  const instant = candidates.find((candidate) => parisLocal(candidate) === local);
  return instant === undefined ? null : new Date(instant).toISOString();
}
