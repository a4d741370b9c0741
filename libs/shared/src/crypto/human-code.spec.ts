import { describe, expect, it } from '@jest/globals';
import { generateHumanCode, hashHumanCode, normalizeHumanCode } from './human-code.js';

describe('human codes', () => {
  it('has 6 groups of 5 Crockford characters by default', () => {
    const code = generateHumanCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(generateHumanCode()).not.toBe(code);
  });

  it('uses every character of the alphabet and only those, from the random bytes given', () => {
    const code = generateHumanCode(7, (size) => Buffer.from(Array.from({ length: size }, (_, i) => i + 32 * (i % 3))));
    expect(code.replace(/-/g, '')).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ012');
  });

  it('matches a code typed in lower case, with spaces and confusable letters', () => {
    const code = 'AB1C0-XYZ10';
    expect(normalizeHumanCode(' ab1co xyzl0 ')).toBe(normalizeHumanCode(code));
    expect(hashHumanCode('ab1co-xyzi0')).toBe(hashHumanCode(code));
    expect(hashHumanCode('AB1C0-XYZ11')).not.toBe(hashHumanCode(code));
  });
});
