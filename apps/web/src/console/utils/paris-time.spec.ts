import { describe, expect, it } from '@jest/globals';
import { parisLocal, parisToIso } from './paris-time';

describe('Paris wall-clock times in the console', () => {
  it('reads them in winter and in summer', () => {
    expect(parisToIso('2027-01-15T09:30')).toBe('2027-01-15T08:30:00.000Z');
    expect(parisToIso('2027-07-14T22:00')).toBe('2027-07-14T20:00:00.000Z');
    expect(parisLocal('2027-07-14T20:00:00Z')).toBe('2027-07-14T22:00');
  });

  it('refuses the hour skipped in spring and takes the first of the repeated autumn hour', () => {
    expect(parisToIso('2027-03-28T02:30')).toBeNull();
    expect(parisToIso('2027-03-28T03:00')).toBe('2027-03-28T01:00:00.000Z');
    expect(parisToIso('2027-10-31T02:30')).toBe('2027-10-31T00:30:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(parisToIso('')).toBeNull();
    expect(parisToIso('2027-02-30T10:00')).toBeNull();
    expect(parisToIso('tomorrow')).toBeNull();
  });
});
