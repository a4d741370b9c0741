import { describe, expect, it } from '@jest/globals';
import { ascending, niceMax, probabilitiesCsv, quantile, stepPath, summarise } from './probabilities';

describe('selection probabilities on the draw page', () => {
  it('ranks and summarises them', () => {
    const sorted = ascending({ b: 0.3, a: 0.1, c: 0.2, d: 0.4 });
    expect(sorted).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(quantile(sorted, 0)).toBe(0.1);
    expect(quantile(sorted, 1)).toBe(0.4);
    expect(quantile(sorted, 0.5)).toBeCloseTo(0.25, 12);
    expect(summarise(sorted)).toMatchObject({ count: 4, min: 0.1, max: 0.4, mean: 0.25 });
    expect(summarise([]).count).toBe(0);
  });

  it('draws a step line with one vertex pair per change, flat runs merged', () => {
    expect(stepPath([0.1, 0.1, 0.2], 300, 100, 0.2)).toBe('M0 50.0H200.0V0.0H300');
    expect(stepPath([], 300, 100, 0.2)).toBe('');
    const many = Array.from({ length: 2000 }, (_, i) => i / 20000);
    expect(stepPath(many, 800, 300, 0.1).split('H').length).toBe(2001);
  });

  it('picks a round top for the axis above every value', () => {
    expect(niceMax([0.147, 0.09])).toBe(0.16);
    expect(niceMax([0.61])).toBe(0.7);
    expect(niceMax([0.999])).toBe(1);
  });

  it('exports every probability by id, with LEGACY’s when there', () => {
    expect(probabilitiesCsv({ p10: 0.2, p2: 0.1 })).toBe('person_id,probability\np2,0.1\np10,0.2\n');
    expect(probabilitiesCsv({ a: 0.2 }, { a: 0.25 })).toBe('person_id,probability,legacy_probability\na,0.2,0.25\n');
  });
});
