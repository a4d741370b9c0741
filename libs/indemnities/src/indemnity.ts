/**
 * Indemnities for attending an assembly's sessions, as Paris pays its Citizens' Assembly: an amount
 * per half-day attended (€44 in Paris), a half-day counting once the member was present a minimum
 * number of minutes, an optional cap per calendar month. Pure and exact: amounts are whole cents.
 */

export interface IndemnityRules {
  /** Paid per half-day attended, in cents (Paris: 4400). */
  centsPerHalfDay: number;
  /** Minutes present for a half-day to count (e.g. 120 of a 3-hour session). */
  minimumMinutesPerHalfDay: number;
  /** At most this much per member per calendar month (Paris time), in cents; no cap when absent. */
  monthlyCapCents?: number;
}

/** A session, as long as its half-days (a full day is two). */
export interface IndemnitySession {
  id: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  halfDays: number;
}

/** A stretch of presence: checked in and out in the room, or connected to the live room from home. */
export interface PresenceInterval {
  memberId: string;
  sessionId: string;
  from: string;
  /** Absent while still present (the session's end is then used). */
  to?: string;
  remote: boolean;
}

/** An organiser's correction: the minutes present that count for this member and session, and why. */
export interface PresenceCorrection {
  memberId: string;
  sessionId: string;
  minutes: number;
  reason: string;
}

export interface StatementLine {
  sessionId: string;
  startsAt: string;
  /** Minutes present within the session's hours, from the check-ins. */
  minutesRecorded: number;
  /** The minutes that count, after any correction. */
  minutes: number;
  correction?: { minutes: number; reason: string };
  remote: boolean;
  halfDays: number;
  cents: number;
}

export interface MonthTotal {
  /** YYYY-MM, Paris time. */
  month: string;
  halfDays: number;
  grossCents: number;
  /** What the monthly cap took off (0 without a cap or under it). */
  cappedCents: number;
  payableCents: number;
}

export interface MemberStatement {
  memberId: string;
  lines: StatementLine[];
  months: MonthTotal[];
  halfDays: number;
  payableCents: number;
}

export class IndemnityRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndemnityRulesError';
  }
}

const MINUTE = 60_000;

/** The problems of a set of rules, in words; empty when they can be applied. */
export function indemnityRulesProblems(rules: IndemnityRules): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(rules.centsPerHalfDay) || rules.centsPerHalfDay < 0) problems.push('the amount per half-day is a whole number of cents ≥ 0');
  if (!Number.isSafeInteger(rules.minimumMinutesPerHalfDay) || rules.minimumMinutesPerHalfDay < 1 || rules.minimumMinutesPerHalfDay > 720) {
    problems.push('the minimum presence is a whole number of minutes from 1 to 720');
  }
  if (rules.monthlyCapCents !== undefined && (!Number.isSafeInteger(rules.monthlyCapCents) || rules.monthlyCapCents < 0)) problems.push('the monthly cap is a whole number of cents ≥ 0');
  return problems;
}

/** Made once: building an Intl formatter costs far more than using one (a year's statement formats thousands of dates). */
const PARIS_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });

/** YYYY-MM of an instant in Paris. */
export function parisMonth(iso: string): string {
  const parts = PARIS_MONTH.formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/**
 * Whole minutes present between two instants (ISO 8601), from stretches that may overlap, start
 * early, end late or still be open (then they run to `until`): what a door list shows so far.
 */
export function minutesPresent(stretches: ReadonlyArray<{ from: string; to?: string }>, from: string, until: string): number {
  const end = Date.parse(until);
  return minutesCovered(
    stretches.map((stretch) => ({ from: Date.parse(stretch.from), to: stretch.to === undefined ? end : Date.parse(stretch.to) })),
    Date.parse(from),
    end,
  );
}

/** Whole minutes covered by the union of the intervals, clipped to [start, end]. */
function minutesCovered(intervals: ReadonlyArray<{ from: number; to: number }>, start: number, end: number): number {
  const clipped = intervals
    .map(({ from, to }) => ({ from: Math.max(from, start), to: Math.min(to, end) }))
    .filter(({ from, to }) => to > from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let reach = -Infinity;
  for (const { from, to } of clipped) {
    if (to <= reach) continue;
    total += to - Math.max(from, reach);
    reach = to;
  }
  return Math.floor(total / MINUTE);
}

/**
 * Each member's statement: a line per session they attended or were credited for (minutes within
 * the session's hours — arriving late and leaving early count as such, overlapping check-ins once),
 * half-days counted as ⌊minutes / minimum⌋ up to the session's half-days, the amount, then per
 * Paris month the gross, what the cap took off and what is payable. Corrections replace the
 * recorded minutes and stay on the line with their reason. Members in `members` without presence
 * get an empty statement.
 */
export function indemnityStatements(
  rules: IndemnityRules,
  sessions: readonly IndemnitySession[],
  presence: readonly PresenceInterval[],
  corrections: readonly PresenceCorrection[] = [],
  members: readonly string[] = [],
): MemberStatement[] {
  const problems = indemnityRulesProblems(rules);
  if (problems.length > 0) throw new IndemnityRulesError(problems.join('; '));
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  for (const session of sessions) {
    if (!Number.isSafeInteger(session.halfDays) || session.halfDays < 1 || session.halfDays > 2) throw new IndemnityRulesError(`session ${session.id}: one or two half-days`);
    if (!(Date.parse(session.endsAt) > Date.parse(session.startsAt))) throw new IndemnityRulesError(`session ${session.id} ends before it starts`);
  }
  for (const item of [...presence, ...corrections]) {
    if (!sessionById.has(item.sessionId)) throw new IndemnityRulesError(`no session ${item.sessionId}`);
  }
  for (const correction of corrections) {
    if (!Number.isSafeInteger(correction.minutes) || correction.minutes < 0) throw new IndemnityRulesError(`the corrected minutes are a whole number ≥ 0 (member ${correction.memberId})`);
    if (correction.reason.trim() === '') throw new IndemnityRulesError(`a correction needs its reason (member ${correction.memberId})`);
  }

  const key = (memberId: string, sessionId: string): string => `${memberId}\u0000${sessionId}`;
  const intervals = new Map<string, Array<{ from: number; to: number; remote: boolean }>>();
  for (const item of presence) {
    const session = sessionById.get(item.sessionId)!;
    const list = intervals.get(key(item.memberId, item.sessionId)) ?? [];
    list.push({ from: Date.parse(item.from), to: Date.parse(item.to ?? session.endsAt), remote: item.remote });
    intervals.set(key(item.memberId, item.sessionId), list);
  }
  // The last correction of a member's session is the one that stands.
  const corrected = new Map(corrections.map((correction) => [key(correction.memberId, correction.sessionId), correction]));

  const memberIds = [...new Set([...members, ...presence.map((p) => p.memberId), ...corrections.map((c) => c.memberId)])].sort();
  const ordered = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1));
  return memberIds.map((memberId) => {
    const lines: StatementLine[] = [];
    for (const session of ordered) {
      const recorded = intervals.get(key(memberId, session.id));
      const correction = corrected.get(key(memberId, session.id));
      if (recorded === undefined && correction === undefined) continue;
      const minutesRecorded = recorded === undefined ? 0 : minutesCovered(recorded, Date.parse(session.startsAt), Date.parse(session.endsAt));
      const minutes = correction?.minutes ?? minutesRecorded;
      const halfDays = Math.min(session.halfDays, Math.floor(minutes / rules.minimumMinutesPerHalfDay));
      lines.push({
        sessionId: session.id,
        startsAt: session.startsAt,
        minutesRecorded,
        minutes,
        ...(correction === undefined ? {} : { correction: { minutes: correction.minutes, reason: correction.reason.trim() } }),
        remote: recorded !== undefined && recorded.every((interval) => interval.remote),
        halfDays,
        cents: halfDays * rules.centsPerHalfDay,
      });
    }
    const byMonth = new Map<string, StatementLine[]>();
    for (const line of lines) {
      const month = parisMonth(line.startsAt);
      byMonth.set(month, [...(byMonth.get(month) ?? []), line]);
    }
    const months = [...byMonth.entries()].map(([month, monthLines]): MonthTotal => {
      const grossCents = monthLines.reduce((sum, line) => sum + line.cents, 0);
      const payableCents = rules.monthlyCapCents === undefined ? grossCents : Math.min(grossCents, rules.monthlyCapCents);
      return { month, halfDays: monthLines.reduce((sum, line) => sum + line.halfDays, 0), grossCents, cappedCents: grossCents - payableCents, payableCents };
    });
    return {
      memberId,
      lines,
      months,
      halfDays: months.reduce((sum, month) => sum + month.halfDays, 0),
      payableCents: months.reduce((sum, month) => sum + month.payableCents, 0),
    };
  });
}
