import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Rational } from './rational.js';

describe('Rational', () => {
  it('parses decimals exactly and prints them back, fractions as fractions', () => {
    expect(Rational.parse('1500').toString()).toBe('1500');
    expect(Rational.parse('0.10').toString()).toBe('0.1');
    expect(Rational.parse('-2.5').toString()).toBe('-2.5');
    expect(Rational.of(10n, 3n).toString()).toBe('10/3');
    expect(Rational.of(1n, 8n).toString()).toBe('0.125');
    expect(Rational.of(6n, -4n).toString()).toBe('-1.5');
    expect(() => Rational.parse('1e3')).toThrow(RangeError);
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies and divides without rounding', () => {
    const third = Rational.of(1n, 3n);
    expect(third.add(third).add(third).cmp(Rational.of(1n))).toBe(0);
    expect(Rational.of(1n).sub(third).mul(Rational.of(3n)).toString()).toBe('2');
    expect(Rational.of(7n).div(Rational.of(2n)).toString()).toBe('3.5');
    expect(Rational.of(1n, 10n).add(Rational.of(2n, 10n)).cmp(Rational.of(3n, 10n))).toBe(0); // 0.1 + 0.2 = 0.3, exactly
  });

  it('orders like the numbers it stands for', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b, c, d) => {
        const expected = Math.sign(a * d - c * b);
        expect(Rational.of(BigInt(a), BigInt(b)).cmp(Rational.of(BigInt(c), BigInt(d)))).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});
