/**
 * Referendum windows are set in Paris time (Europe/Paris: CET, UTC+1, and CEST, UTC+2, from the
 * last Sunday of March to the last Sunday of October). These convert a Paris wall-clock time to an
 * instant and back through the runtime's time-zone database (Intl), so daylight-saving changes are
 * right whatever the year.
 */
export const PARIS = 'Europe/Paris';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Paris wall-clock fields of an instant. */
export function parisFields(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** Minutes Paris is ahead of UTC at `instant` (60 or 120). */
function offsetMinutes(instant: number): number {
  const f = parisFields(new Date(instant));
  return Math.round((Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(instant / 1000) * 1000) / 60_000);
}

export class ParisTimeError extends Error {}

/**
 * `YYYY-MM-DDTHH:mm` (or with `:ss`) read as Paris wall-clock time → the instant. A time that does not
 * exist (skipped when clocks go forward, e.g. 2027-03-28T02:30) is refused; a time that occurs twice
 * (when clocks go back) means its first occurrence (summer time).
 */
export function parisLocalToInstant(local: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (match === null) throw new ParisTimeError(`"${local}" is not a local date-time like 2027-03-28T08:00`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new ParisTimeError(`"${local}" is not a valid date-time`);
  }
  // The two candidate offsets around the wall time; keep those that map back to it, earliest first.
  const candidates = [...new Set([offsetMinutes(wall - 86_400_000), offsetMinutes(wall + 86_400_000), offsetMinutes(wall)])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const f = parisFields(new Date(instant));
      return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) === wall;
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) throw new ParisTimeError(`${local} does not exist in Paris (the clocks go forward that night)`);
  return new Date(candidates[0]);
}

/** The Paris calendar day (YYYY-MM-DD) of an instant. */
export function parisDate(instant: Date): string {
  const f = parisFields(instant);
  return `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** Paris wall-clock time with its offset, e.g. 2027-03-28T08:00:00+02:00. */
export function toParisIso(instant: Date): string {
  const f = parisFields(instant);
  const offset = offsetMinutes(instant.getTime());
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}+${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

/**
 * Whole years of age on `day` (YYYY-MM-DD) for someone born on `birthDate`: the birthday counts from
 * its date; someone born on 29 February has their birthday on 1 March in common years.
 */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The latest birth date old enough on `votingDay` (29 February falls back to the 28th in common years). */
export function latestBirthDate(votingDay: string, minAge: number): string {
  const [y, m, d] = votingDay.split('-').map(Number) as [number, number, number];
  const year = y - minAge;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
