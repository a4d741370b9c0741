import { describe, expect, it } from '@jest/globals';
import { ballotGrades, ballotProgress, canSubmit, gradesBestFirst } from './ballot';

describe('ballot helpers', () => {
  it('show grades best first while keeping the API’s indices (0 = worst)', () => {
    expect(gradesBestFirst(['À rejeter', 'Passable', 'Excellent'])).toEqual([
      { index: 2, label: 'Excellent' },
      { index: 1, label: 'Passable' },
      { index: 0, label: 'À rejeter' },
    ]);
  });

  it('count graded options and list the missing ones in order', () => {
    const chosen = new Map([
      ['b', 3],
      ['d', 0],
    ]);
    expect(ballotProgress(['a', 'b', 'c', 'd'], chosen)).toEqual({ graded: 2, total: 4, missing: ['a', 'c'] });
    expect(ballotGrades(chosen)).toEqual({ b: 3, d: 0 });
  });

  it('let an incomplete ballot go only where the poll counts ungraded options', () => {
    const partial = ballotProgress(['a', 'b'], new Map([['a', 1]]));
    expect(canSubmit(partial, 'refuse')).toBe(false);
    expect(canSubmit(partial, 'worst')).toBe(true);
    expect(canSubmit(partial, 'median')).toBe(true);
    expect(canSubmit(ballotProgress(['a', 'b'], new Map()), 'worst')).toBe(false);
    expect(canSubmit(ballotProgress(['a'], new Map([['a', 0]])), 'refuse')).toBe(true);
  });
});
