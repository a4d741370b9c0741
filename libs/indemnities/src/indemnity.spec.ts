import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { indemnityStatements, IndemnityRulesError, minutesPresent, type IndemnityRules, type IndemnitySession, type PresenceInterval } from './indemnity.js';

const PARIS: IndemnityRules = { centsPerHalfDay: 4400, minimumMinutesPerHalfDay: 120 };
// Saturday mornings, 9:30–12:30 Paris time (UTC+1 in winter), and a full Saturday.
const SESSIONS: IndemnitySession[] = [
  { id: 's1', startsAt: '2027-01-09T08:30:00Z', endsAt: '2027-01-09T11:30:00Z', halfDays: 1 },
  { id: 's2', startsAt: '2027-01-23T08:30:00Z', endsAt: '2027-01-23T16:30:00Z', halfDays: 2 },
  { id: 's3', startsAt: '2027-01-31T23:30:00Z', endsAt: '2027-02-01T02:30:00Z', halfDays: 1 }, // 1 February in Paris
];
const at = (sessionId: string, memberId: string, from: string, to?: string, remote = false): PresenceInterval => ({ memberId, sessionId, from, ...(to === undefined ? {} : { to }), remote });

describe('indemnities for attending', () => {
  it('pays a half-day from the minimum presence on, counting late arrivals and early departures as such', () => {
    const [anna, ben] = indemnityStatements(PARIS, SESSIONS, [
      at('s1', 'anna', '2027-01-09T08:20:00Z', '2027-01-09T11:40:00Z'), // early and late: clipped to the session's 180 minutes
      at('s1', 'ben', '2027-01-09T09:31:00Z'), // an hour late, stays to the end: 119 minutes
    ]);
    expect(anna.lines[0]).toMatchObject({ minutes: 180, halfDays: 1, cents: 4400 });
    expect(ben.lines[0]).toMatchObject({ minutes: 119, halfDays: 0, cents: 0 });
    expect(ben.payableCents).toBe(0);
  });

  it('counts a full day as two half-days when the presence covers both, overlapping check-ins once', () => {
    const [anna] = indemnityStatements(PARIS, SESSIONS, [
      at('s2', 'anna', '2027-01-23T08:30:00Z', '2027-01-23T11:00:00Z'),
      at('s2', 'anna', '2027-01-23T10:00:00Z', '2027-01-23T12:00:00Z', true), // also connected from home for a while
      at('s2', 'anna', '2027-01-23T13:00:00Z', '2027-01-23T13:59:00Z'),
    ]);
    // 08:30–12:00 (210) + 13:00–13:59 (59) = 269 minutes: two half-days of 120.
    expect(anna.lines[0]).toMatchObject({ minutesRecorded: 269, halfDays: 2, cents: 8800, remote: false });
  });

  it('says a session attended only from home was remote', () => {
    const [anna] = indemnityStatements(PARIS, SESSIONS, [at('s1', 'anna', '2027-01-09T08:30:00Z', undefined, true)]);
    expect(anna.lines[0]).toMatchObject({ remote: true, halfDays: 1 });
  });

  it('applies a correction with its reason, keeping what was recorded', () => {
    const [ben] = indemnityStatements(
      PARIS,
      SESSIONS,
      [at('s1', 'ben', '2027-01-09T10:00:00Z')],
      [{ memberId: 'ben', sessionId: 's1', minutes: 170, reason: 'Badge not scanned at the door; on the signing sheet from 9:40' }],
    );
    expect(ben.lines[0]).toMatchObject({ minutesRecorded: 90, minutes: 170, halfDays: 1, cents: 4400, correction: { minutes: 170, reason: 'Badge not scanned at the door; on the signing sheet from 9:40' } });
    // A correction alone (absent from the records, present on paper) counts too.
    const [cleo] = indemnityStatements(PARIS, SESSIONS, [], [{ memberId: 'cleo', sessionId: 's1', minutes: 180, reason: 'signing sheet' }]);
    expect(cleo.lines[0]).toMatchObject({ minutesRecorded: 0, minutes: 180, cents: 4400 });
  });

  it('totals by Paris month and caps each month', () => {
    const presence = ['s1', 's2', 's3'].map((s) => at(s, 'anna', SESSIONS.find((x) => x.id === s)!.startsAt));
    const [uncapped] = indemnityStatements(PARIS, SESSIONS, presence);
    expect(uncapped.months).toEqual([
      { month: '2027-01', halfDays: 3, grossCents: 13200, cappedCents: 0, payableCents: 13200 },
      { month: '2027-02', halfDays: 1, grossCents: 4400, cappedCents: 0, payableCents: 4400 },
    ]);
    const [capped] = indemnityStatements({ ...PARIS, monthlyCapCents: 10000 }, SESSIONS, presence);
    expect(capped.months[0]).toMatchObject({ grossCents: 13200, cappedCents: 3200, payableCents: 10000 });
    expect(capped.payableCents).toBe(14400);
    expect(capped.halfDays).toBe(4);
  });

  it('never pays more than the half-days times the amount, nor more than the cap in a month', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('s1', 's2', 's3'), fc.integer({ min: -60, max: 600 }), fc.integer({ min: 0, max: 600 })), { maxLength: 12 }),
        fc.option(fc.integer({ min: 0, max: 20000 }), { nil: undefined }),
        (stretches, cap) => {
          const presence = stretches.map(([s, offset, length]) => {
            const start = Date.parse(SESSIONS.find((x) => x.id === s)!.startsAt) + offset * 60_000;
            return at(s, 'anna', new Date(start).toISOString(), new Date(start + length * 60_000).toISOString());
          });
          const [statement] = indemnityStatements({ ...PARIS, ...(cap === undefined ? {} : { monthlyCapCents: cap }) }, SESSIONS, presence, [], ['anna']);
          for (const line of statement.lines) {
            const session = SESSIONS.find((x) => x.id === line.sessionId)!;
            expect(line.minutes).toBeLessThanOrEqual((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
            expect(line.halfDays).toBeLessThanOrEqual(session.halfDays);
            expect(line.cents).toBe(line.halfDays * 4400);
          }
          for (const month of statement.months) if (cap !== undefined) expect(month.payableCents).toBeLessThanOrEqual(cap);
          expect(statement.payableCents).toBe(statement.months.reduce((sum, month) => sum + month.payableCents, 0));
        },
      ),
    );
  });

  it('gives members without presence an empty statement, and refuses rules and records it cannot apply', () => {
    expect(indemnityStatements(PARIS, SESSIONS, [], [], ['dora'])).toEqual([{ memberId: 'dora', lines: [], months: [], halfDays: 0, payableCents: 0 }]);
    expect(() => indemnityStatements({ ...PARIS, centsPerHalfDay: 44.5 }, SESSIONS, [])).toThrow(IndemnityRulesError);
    expect(() => indemnityStatements({ ...PARIS, minimumMinutesPerHalfDay: 0 }, SESSIONS, [])).toThrow('minimum presence');
    expect(() => indemnityStatements(PARIS, [{ ...SESSIONS[0], halfDays: 3 }], [])).toThrow('one or two half-days');
    expect(() => indemnityStatements(PARIS, SESSIONS, [at('nope', 'anna', '2027-01-09T08:30:00Z')])).toThrow('no session nope');
    expect(() => indemnityStatements(PARIS, SESSIONS, [], [{ memberId: 'anna', sessionId: 's1', minutes: 60, reason: ' ' }])).toThrow('reason');
  });
});

describe('minutes present so far', () => {
  it('counts overlapping stretches once, clipped to the window, an open one running to its end', () => {
    const stretches = [
      { from: '2026-11-03T12:50:00Z', to: '2026-11-03T13:30:00Z' },
      { from: '2026-11-03T13:20:00Z', to: '2026-11-03T13:45:00Z' },
      { from: '2026-11-03T14:00:00Z' },
    ];
    expect(minutesPresent(stretches, '2026-11-03T13:00:00Z', '2026-11-03T14:30:00Z')).toBe(45 + 30);
    expect(minutesPresent(stretches, '2026-11-03T13:00:00Z', '2026-11-03T12:00:00Z')).toBe(0);
    expect(minutesPresent([], '2026-11-03T13:00:00Z', '2026-11-03T14:30:00Z')).toBe(0);
  });
});
