import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so codes survive being read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A random code a person can copy by hand: `groups` groups of 5 base32 characters (5 bits each),
 * dash-separated — 26 characters carry 130 bits. Compare codes with `normalizeHumanCode`, which
 * accepts lower case, spaces, and the usual confusions (O→0, I/L→1).
 */
export function generateHumanCode(groups = 6, random: (size: number) => Buffer = randomBytes): string {
  const length = groups * 5;
  const bytes = random(length);
  let code = '';
  for (let i = 0; i < length; i += 1) {
    code += ALPHABET[bytes[i] & 31]; // 256 is a multiple of 32: no modulo bias
    if (i % 5 === 4 && i < length - 1) code += '-';
  }
  return code;
}

/** Canonical form: upper case, separators removed, Crockford's confusable letters mapped. */
export function normalizeHumanCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** What is stored instead of a code: SHA-256 (hex) of its canonical form. High-entropy codes need no salt. */
export function hashHumanCode(input: string): string {
  return createHash('sha256').update(normalizeHumanCode(input), 'utf8').digest('hex');
}
