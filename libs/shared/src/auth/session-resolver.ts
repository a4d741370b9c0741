import type { AccessTokenClaims } from './access-token.service.js';
import type { Principal } from './principal.js';

/**
 * Port: turns verified token claims into the live principal (session not revoked, account not
 * disabled, current roles). Implemented by the identity library; consulted on every request so
 * logout and role changes take effect at once.
 */
export interface SessionResolver {
  resolve(claims: AccessTokenClaims): Promise<Principal | null>;
}

export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');
