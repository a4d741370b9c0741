import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { generateVotingCode, hashVotingCode } from './voting-code.js';
import { canonicalVotingCode, votingCodeProblem } from './voting-code-check.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('voting codes', () => {
  it('are 24 random base32 characters in groups of four, and a check character', () => {
    const code = generateVotingCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]$/);
    expect(canonicalVotingCode(code)).toBe(code.replace(/-/g, ''));
    expect(new Set(Array.from({ length: 1000 }, () => generateVotingCode())).size).toBe(1000);
  });

  it('forgive case, spaces and the usual confusions, and hash the canonical form', () => {
    const code = generateVotingCode(() => Buffer.from(Array.from({ length: 24 }, (_, i) => i)));
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(canonicalVotingCode(typed)).toBe(code.replace(/-/g, ''));
    expect(hashVotingCode(canonicalVotingCode(typed)!)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('catch every single wrong character (Luhn mod 32)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 24 }), fc.nat(24), fc.nat(31), (bytes, position, shift) => {
        const canonical = generateVotingCode(() => Buffer.from(bytes)).replace(/-/g, '');
        const replaced = ALPHABET[(ALPHABET.indexOf(canonical[position]) + 1 + (shift % 31)) % 32];
        const typo = canonical.slice(0, position) + replaced + canonical.slice(position + 1);
        expect(canonicalVotingCode(typo)).toBeNull();
      }),
    );
  });

  it('catch swaps of two adjacent different characters in the data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 24 }), fc.nat(22), (bytes, position) => {
        const canonical = generateVotingCode(() => Buffer.from(bytes)).replace(/-/g, '');
        const [a, b] = [canonical[position], canonical[position + 1]];
        fc.pre(a !== b);
        // Luhn's one blind spot in base N: swapping the digits worth 0 and N−1 ("0" and "Z" here).
        fc.pre(!([a, b].includes('0') && [a, b].includes('Z')));
        const swapped = canonical.slice(0, position) + b + a + canonical.slice(position + 2);
        expect(canonicalVotingCode(swapped)).toBeNull();
      }),
    );
  });

  it('refuse wrong lengths and characters outside the alphabet', () => {
    expect(canonicalVotingCode('')).toBeNull();
    expect(canonicalVotingCode('ABCD-EFGH')).toBeNull();
    expect(canonicalVotingCode(`${generateVotingCode()}X`)).toBeNull();
    expect(canonicalVotingCode('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-U')).toBeNull();
  });
});

describe('votingCodeProblem (what the web app tells a person who mistyped)', () => {
  it('tells a wrong length from a foreign character from a failed check', () => {
    const code = generateVotingCode();
    expect(votingCodeProblem(code)).toBeNull();
    expect(votingCodeProblem(code.slice(0, -2))).toBe('length');
    expect(votingCodeProblem(`${code.slice(0, -1)}U`)).toBe('character'); // U is not in Crockford's alphabet
    const last = code.at(-1)!;
    expect(votingCodeProblem(`${code.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`)).toBe('check');
  });
});
