import { createHash, randomBytes } from 'node:crypto';
import { luhnModN, VOTING_CODE_ALPHABET, VOTING_CODE_DATA_LENGTH } from './voting-code-check.js';

/**
 * A fresh voting code for the mailing, e.g. `K7QM-2XPA-9RTD-0B4E-HV1C-YS6N-W`: 24 random characters
 * of Crockford's base32 (120 bits: guessing one is hopeless), in groups of four, and a 25th check
 * character (voting-code-check.ts).
 */
export function generateVotingCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(VOTING_CODE_DATA_LENGTH);
  let data = '';
  for (let i = 0; i < VOTING_CODE_DATA_LENGTH; i += 1) data += VOTING_CODE_ALPHABET[bytes[i] & 31]; // 256 is a multiple of 32: no bias
  const groups = data.match(/.{4}/g) ?? [];
  return `${groups.join('-')}-${luhnModN(data)}`;
}

/** What is stored: SHA-256 (hex) of the canonical form. 120 random bits need no salt or slow hash. */
export function hashVotingCode(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
