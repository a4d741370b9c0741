import { createHash, randomBytes } from 'node:crypto';

/**
 * Voting codes mailed to residents: 24 random characters of Crockford's base32 (120 bits: guessing
 * one is hopeless), in groups of four, and a 25th check character computed with the Luhn mod N
 * algorithm (N = 32), which catches every single mistyped character and most swaps of two adjacent
 * ones before any attempt reaches the server's counters.
 *
 * Sources: D. Crockford, "Base 32" (https://www.crockford.com/base32.html); H. P. Luhn, US patent
 * 2,950,048 (1960), generalised to base N ("Luhn mod N algorithm").
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;
export const VOTING_CODE_DATA_LENGTH = 24;

function luhnModN(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i -= 1) {
    let addend = factor * ALPHABET.indexOf(data[i]);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET[(N - (sum % N)) % N];
}

/** A fresh code, e.g. `K7QM-2XPA-9RTD-0B4E-HV1C-YS6N-W`. */
export function generateVotingCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(VOTING_CODE_DATA_LENGTH);
  let data = '';
  for (let i = 0; i < VOTING_CODE_DATA_LENGTH; i += 1) data += ALPHABET[bytes[i] & 31]; // 256 is a multiple of 32: no bias
  const groups = data.match(/.{4}/g) ?? [];
  return `${groups.join('-')}-${luhnModN(data)}`;
}

/**
 * The canonical form (25 characters, no separators) of a typed code, or null when it cannot be one
 * (wrong length, a character outside the alphabet, or a check character that does not match).
 * Lower case, spaces, dashes and the usual confusions (O→0, I/L→1) are forgiven.
 */
export function canonicalVotingCode(input: string): string | null {
  const canonical = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (canonical.length !== VOTING_CODE_DATA_LENGTH + 1 || ![...canonical].every((char) => ALPHABET.includes(char))) return null;
  const data = canonical.slice(0, VOTING_CODE_DATA_LENGTH);
  return luhnModN(data) === canonical[VOTING_CODE_DATA_LENGTH] ? canonical : null;
}

/** What is stored: SHA-256 (hex) of the canonical form. 120 random bits need no salt or slow hash. */
export function hashVotingCode(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
