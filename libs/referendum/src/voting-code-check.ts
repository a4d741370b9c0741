/**
 * The check character of voting codes, with no dependency at all: the API and the web app (which
 * catches a mistyped code before sending it) use this one implementation.
 *
 * Codes are 24 characters of Crockford's base32 and a 25th computed with the Luhn mod N algorithm
 * (N = 32), which catches every single mistyped character and most swaps of two adjacent ones.
 * Sources: D. Crockford, "Base 32" (https://www.crockford.com/base32.html); H. P. Luhn, US patent
 * 2,950,048 (1960), generalised to base N ("Luhn mod N algorithm").
 */
export const VOTING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VOTING_CODE_DATA_LENGTH = 24;
const N = VOTING_CODE_ALPHABET.length;

export function luhnModN(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i -= 1) {
    let addend = factor * VOTING_CODE_ALPHABET.indexOf(data[i]);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return VOTING_CODE_ALPHABET[(N - (sum % N)) % N];
}

/** Upper case, without spaces or dashes, with Crockford's confusions mapped (O→0, I/L→1). */
export function normaliseVotingCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export type VotingCodeProblem = 'length' | 'character' | 'check';

/** What is wrong with a typed code, or null when it is well formed (its check character matches). */
export function votingCodeProblem(input: string): VotingCodeProblem | null {
  const canonical = normaliseVotingCode(input);
  if (canonical.length !== VOTING_CODE_DATA_LENGTH + 1) return 'length';
  if (![...canonical].every((char) => VOTING_CODE_ALPHABET.includes(char))) return 'character';
  return luhnModN(canonical.slice(0, VOTING_CODE_DATA_LENGTH)) === canonical[VOTING_CODE_DATA_LENGTH] ? null : 'check';
}

/**
 * The canonical form (25 characters, no separators) of a typed code, or null when it cannot be one
 * (wrong length, a character outside the alphabet, or a check character that does not match).
 */
export function canonicalVotingCode(input: string): string | null {
  return votingCodeProblem(input) === null ? normaliseVotingCode(input) : null;
}
