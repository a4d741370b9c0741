import { describe, expect, it } from '@jest/globals';
import { gradeColours, textColourOn } from './grade-colours';

describe('grade colours', () => {
  it('give one distinct colour per grade for every scale a poll may have', () => {
    for (let count = 2; count <= 10; count += 1) {
      const colours = gradeColours(count);
      expect(colours).toHaveLength(count);
      expect(new Set(colours).size).toBe(count);
    }
    expect(() => gradeColours(1)).toThrow(RangeError);
    expect(() => gradeColours(11)).toThrow(RangeError);
  });

  it('pick the readable text colour on each fill (contrast ≥ 4.5:1)', () => {
    const luminance = (hex: string): number => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const contrast = (a: string, b: string): number => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    for (let count = 2; count <= 10; count += 1) {
      for (const colour of gradeColours(count)) expect(contrast(colour, textColourOn(colour))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
