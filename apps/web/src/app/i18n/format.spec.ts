import { describe, expect, it } from '@jest/globals';
import { formattersFor } from './format';

describe('formatters', () => {
  it('show dates in Paris time, in the language on screen', () => {
    // 18:30 UTC on 28 March 2027 is 20:30 in Paris (summer time began that night).
    expect(formattersFor('fr').dateTime('2027-03-28T18:30:00Z')).toBe('28 mars 2027 à 20:30');
    expect(formattersFor('en').dateTime('2027-03-28T18:30:00Z')).toBe('28 March 2027 at 20:30');
    // In winter Paris is UTC+1: 23:30 UTC is already the next day there.
    expect(formattersFor('fr').date('2027-01-10T23:30:00Z')).toBe('11 janvier 2027');
  });

  it('format numbers and shares for the language', () => {
    expect(formattersFor('fr').number(162395)).toBe('162\u202f395');
    expect(formattersFor('en').number(162395)).toBe('162,395');
    expect(formattersFor('fr').percent(0.4567)).toBe('45,7\u00a0%');
    expect(formattersFor('en').percent(0.4567)).toBe('45.7%');
  });

  it('write euros from whole cents, with cents only when there are some', () => {
    expect(formattersFor('fr').money('3000000000')).toBe('30\u202f000\u202f000\u00a0€');
    expect(formattersFor('en').money('3000000000')).toBe('€30,000,000');
    expect(formattersFor('fr').money(12345)).toBe('123,45\u00a0€');
    expect(formattersFor('en').money('-250')).toBe('-€2.50');
  });

  it('write a calendar day as it is, whatever the zone', () => {
    expect(formattersFor('fr').day('2027-01-15')).toBe('15 janvier 2027');
    expect(formattersFor('en').day('2027-10-05')).toBe('5 October 2027');
  });
});
