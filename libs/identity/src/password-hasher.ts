import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). Hashes are PHC strings,
 * so raising the parameters later does not invalidate stored hashes.
 */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export class PasswordHasher {
  /** A hash of a random string, verified against when the account does not exist (equal timing). */
  private readonly decoy = hash(`decoy-${process.hrtime.bigint()}`, PARAMETERS);

  hash(password: string): Promise<string> {
    return hash(password, PARAMETERS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time a real verification would, so "no such account" cannot be timed. */
  async verifyDecoy(password: string): Promise<false> {
    await verify(await this.decoy, password).catch(() => false);
    return false;
  }
}

/** Length rules from NIST SP 800-63B §3.1.1.2: at least 12 here, no composition rules. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `it must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `it must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'it must not be your email address';
  return undefined;
}
