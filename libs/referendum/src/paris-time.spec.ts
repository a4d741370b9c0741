import { describe, expect, it } from '@jest/globals';
import { ageOn, latestBirthDate, parisDate, parisLocalToInstant, ParisTimeError, toParisIso } from './paris-time.js';

describe('Paris time', () => {
  it('reads winter (UTC+1) and summer (UTC+2) wall-clock times', () => {
    expect(parisLocalToInstant('2027-01-15T08:00').toISOString()).toBe('2027-01-15T07:00:00.000Z');
    expect(parisLocalToInstant('2027-07-14T20:30').toISOString()).toBe('2027-07-14T18:30:00.000Z');
  });

  it('handles the night clocks go forward: 02:00–03:00 does not exist', () => {
    expect(parisLocalToInstant('2027-03-28T01:59').toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(() => parisLocalToInstant('2027-03-28T02:30')).toThrow(ParisTimeError);
    expect(parisLocalToInstant('2027-03-28T03:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('handles the night clocks go back: 02:00–03:00 happens twice, the first one is meant', () => {
    expect(parisLocalToInstant('2027-10-31T02:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(parisLocalToInstant('2027-10-31T03:00').toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    for (const bad of ['2027-02-30T08:00', '2027-13-01T08:00', '2027-01-01T24:00', '2027-01-01 08:00', 'tomorrow']) expect(() => parisLocalToInstant(bad)).toThrow(ParisTimeError);
  });

  it('writes instants back in Paris time with their offset, and gives the Paris day', () => {
    expect(toParisIso(new Date('2027-03-28T06:00:00Z'))).toBe('2027-03-28T08:00:00+02:00');
    expect(toParisIso(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01T00:30:00+01:00');
    expect(parisDate(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
  });

  it('counts age on the voting day; a 29 February birthday comes on 1 March in common years', () => {
    expect(ageOn('2011-03-28', '2027-03-28')).toBe(16);
    expect(ageOn('2011-03-29', '2027-03-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
    expect(ageOn('2011-02-28', '2027-03-01')).toBe(16);
    expect(latestBirthDate('2027-03-28', 16)).toBe('2011-03-28');
    expect(latestBirthDate('2028-02-29', 17)).toBe('2011-02-28');
    for (const [votingDay, birth] of [
      ['2028-02-29', '2011-02-28'],
      ['2028-02-29', '2011-03-01'],
      ['2027-03-01', '2011-02-28'],
    ] as const) {
      expect(birth <= latestBirthDate(votingDay, 17)).toBe(ageOn(birth, votingDay) >= 17);
    }
  });
});
