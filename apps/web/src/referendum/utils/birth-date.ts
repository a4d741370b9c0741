export type BirthDateProblem = 'missing' | 'invalid' | 'future';

/**
 * Day, month and year typed in three boxes (the pattern public services use for dates people know
 * by heart) → `YYYY-MM-DD`, or what is wrong with them.
 */
export function readBirthDate(day: string, month: string, year: string, today: string): { date: string } | { problem: BirthDateProblem } {
  const [d, m, y] = [day, month, year].map((part) => part.trim());
  if (d === '' || m === '' || y === '') return { problem: 'missing' };
  if (![d, m, y].every((part) => /^\d+$/.test(part)) || y.length !== 4) return { problem: 'invalid' };
  const [dd, mm, yyyy] = [Number(d), Number(m), Number(y)];
  const probe = new Date(Date.UTC(yyyy, mm - 1, dd));
  if (yyyy < 1900 || probe.getUTCFullYear() !== yyyy || probe.getUTCMonth() !== mm - 1 || probe.getUTCDate() !== dd) return { problem: 'invalid' };
  const date = `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  return date > today ? { problem: 'future' } : { date };
}
