import { describe, expect, it } from '@jest/globals';
import { readBirthDate } from './birth-date';

describe('readBirthDate', () => {
  const today = '2027-03-28';
  it('reads day, month and year into an ISO date', () => {
    expect(readBirthDate('7', '5', '1990', today)).toEqual({ date: '1990-05-07' });
    expect(readBirthDate(' 29 ', '02', '2000', today)).toEqual({ date: '2000-02-29' });
  });
  it('says what is wrong: missing, impossible, or in the future', () => {
    expect(readBirthDate('', '5', '1990', today)).toEqual({ problem: 'missing' });
    expect(readBirthDate('31', '4', '1990', today)).toEqual({ problem: 'invalid' });
    expect(readBirthDate('29', '2', '2001', today)).toEqual({ problem: 'invalid' });
    expect(readBirthDate('1', '1', '90', today)).toEqual({ problem: 'invalid' });
    expect(readBirthDate('1', 'mai', '1990', today)).toEqual({ problem: 'invalid' });
    expect(readBirthDate('1', '1', '2030', today)).toEqual({ problem: 'future' });
  });
});
