import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { AuthException } from './auth.exception.js';

const ISSUER = 'pnyx';
const AUDIENCE = 'pnyx-api';
const ALGORITHM = 'HS256';

export interface AccessTokenClaims {
  accountId: string;
  sessionId: string;
}

/** Signs and verifies short-lived access tokens (JWT, HS256). Used by HTTP and the socket handshake. */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.accessTokenTtlSeconds)
      .sign(this.key);
  }

  /** Throws `AuthException` (TOKEN_INVALID or TOKEN_EXPIRED); never trusts the token's own `alg`. */
  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const sessionId = payload['sid'];
      if (typeof payload.sub !== 'string' || typeof sessionId !== 'string') throw AuthException.invalidToken();
      return { accountId: payload.sub, sessionId };
    } catch (error) {
      if (error instanceof AuthException) throw error;
      if (error instanceof errors.JWTExpired) throw AuthException.expiredToken();
      throw AuthException.invalidToken();
    }
  }
}
