import { describe, expect, it } from '@jest/globals';
import { PasswordHasher, passwordProblem } from './password-hasher.js';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(hasher.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'correct horse battery stapler')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'x')).resolves.toBe(false);
    await expect(hasher.verifyDecoy('anything')).resolves.toBe(false);
  });

  it('applies length rules (NIST SP 800-63B) and refuses the email as password', () => {
    expect(passwordProblem('short', 'a@b.org')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257), 'a@b.org')).toMatch(/at most 256/);
    expect(passwordProblem('Camille@Example.org', 'camille@example.org')).toMatch(/email/);
    expect(passwordProblem('twelve chars', 'a@b.org')).toBeUndefined();
  });
});
