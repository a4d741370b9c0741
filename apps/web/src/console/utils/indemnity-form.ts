/**
 * The indemnity rules as organisers type them (euros with a comma or a dot, minutes) and the
 * month a statement starts from. Pure.
 */
export interface RulesDraft {
  amount: string;
  minimumMinutes: string;
  cap: string;
}

export type RulesProblems = Partial<Record<keyof RulesDraft, 'amount' | 'minutes' | 'cap'>>;

/** "44", "44,00", "44.5" → cents; null when it is not an amount of euros. */
export function eurosToCents(text: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s|€/g, ''));
  if (match === null) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export function centsToEuros(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export function rulesRequest(draft: RulesDraft): { body: { centsPerHalfDay: number; minimumMinutes: number; monthlyCapCents: number | null } | null; problems: RulesProblems } {
  const amount = eurosToCents(draft.amount);
  const minutes = /^\d{1,3}$/.test(draft.minimumMinutes.trim()) ? Number(draft.minimumMinutes.trim()) : null;
  const cap = draft.cap.trim() === '' ? null : eurosToCents(draft.cap);
  const problems: RulesProblems = {
    ...(amount === null || amount > 1_000_000 ? { amount: 'amount' as const } : {}),
    ...(minutes === null || minutes < 1 || minutes > 720 ? { minimumMinutes: 'minutes' as const } : {}),
    ...(draft.cap.trim() !== '' && cap === null ? { cap: 'cap' as const } : {}),
  };
  if (Object.keys(problems).length > 0 || amount === null || minutes === null) return { body: null, problems };
  return { body: { centsPerHalfDay: amount, minimumMinutes: minutes, monthlyCapCents: cap }, problems };
}

/** This month in Paris, YYYY-MM. */
export function parisMonthOf(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(instant);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
