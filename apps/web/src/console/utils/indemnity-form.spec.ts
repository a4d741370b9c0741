import { describe, expect, it } from '@jest/globals';
import { centsToEuros, eurosToCents, parisMonthOf, rulesRequest } from './indemnity-form';

describe('the indemnity rules form', () => {
  it('reads euros as people type them, and refuses what is not an amount', () => {
    expect(eurosToCents('44')).toBe(4400);
    expect(eurosToCents('44,5')).toBe(4450);
    expect(eurosToCents(' 44.05 € ')).toBe(4405);
    expect(eurosToCents('1 320')).toBe(132000);
    for (const bad of ['', '-4', '44,555', 'quarante', '4e3']) expect(eurosToCents(bad)).toBeNull();
    expect(centsToEuros(4400)).toBe('44');
    expect(centsToEuros(4405)).toBe('44,05');
  });

  it('makes the request, the cap optional, and names each field in trouble', () => {
    expect(rulesRequest({ amount: '44', minimumMinutes: '120', cap: '' })).toEqual({ body: { centsPerHalfDay: 4400, minimumMinutes: 120, monthlyCapCents: null }, problems: {} });
    expect(rulesRequest({ amount: '44', minimumMinutes: '120', cap: '132' }).body?.monthlyCapCents).toBe(13200);
    expect(rulesRequest({ amount: 'x', minimumMinutes: '0', cap: 'y' })).toEqual({ body: null, problems: { amount: 'amount', minimumMinutes: 'minutes', cap: 'cap' } });
    expect(rulesRequest({ amount: '44', minimumMinutes: '721', cap: '' }).problems).toEqual({ minimumMinutes: 'minutes' });
  });

  it('knows the Paris month at the turn of a month', () => {
    expect(parisMonthOf(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
    expect(parisMonthOf(new Date('2026-11-30T22:30:00Z'))).toBe('2026-11');
  });
});
