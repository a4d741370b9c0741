import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenService } from './access-token.service.js';
import { AuthException } from './auth.exception.js';
import type { Principal } from './principal.js';
import { SESSION_RESOLVER, type SessionResolver } from './session-resolver.js';

/** One way to authenticate, for HTTP requests and socket handshakes alike. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
  ) {}

  /** Accepts "Bearer <token>" or a bare token; throws `AuthException` when not authenticated. */
  async authenticate(credential: string | undefined): Promise<Principal> {
    return (await this.authenticateUntil(credential)).principal;
  }

  /** The same, with the moment (epoch ms) the credential stops being valid: long-lived sockets end then. */
  async authenticateUntil(credential: string | undefined): Promise<{ principal: Principal; expiresAt: number }> {
    const token = credential?.replace(/^Bearer\s+/i, '').trim();
    if (token === undefined || token === '') throw AuthException.missingToken();
    const claims = await this.tokens.verify(token);
    const principal = await this.sessions.resolve(claims);
    if (principal === null) throw AuthException.sessionRevoked();
    return { principal, expiresAt: (claims.expiresAt ?? 0) * 1000 };
  }
}
