import { describe, expect, it } from '@jest/globals';
import { progressShare } from './draw-progress';

describe('a draw’s progress bar', () => {
  it('moves through the phases, and within LEXIMIN by the people settled', () => {
    expect(progressShare('queued', undefined)).toBe(0);
    expect(progressShare('running', { phase: 'feasibility', iteration: 0 })).toBe(0);
    expect(progressShare('running', { phase: 'initial-panels', iteration: 3 })).toBeCloseTo(0.05, 12);
    expect(progressShare('running', { phase: 'leximin', iteration: 2, settledPeople: 50, people: 100 })).toBeCloseTo(0.5, 12);
    expect(progressShare('running', { phase: 'lottery', iteration: 0 })).toBeCloseTo(0.95, 12);
    expect(progressShare('computed', undefined)).toBe(1);
    expect(progressShare('failed', undefined)).toBeNull();
  });
});
