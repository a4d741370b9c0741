import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
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
  /** Expiry (epoch seconds), present on verified tokens. */
  expiresAt?: number;
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

  /**
   * Throws `AuthException` (TOKEN_INVALID or TOKEN_EXPIRED). Verifies synchronously with node:crypto
   * (every request pays this; WebCrypto's async path cost ten times more here): the header must say
   * exactly HS256 (never trusting `alg` to pick the check), the signature must match in constant
   * time, then issuer, audience, expiry (RFC 7519 §4.1.4: expired at `exp`), and the claims we use.
   */
  async verify(token: string): Promise<AccessTokenClaims> {
    return Promise.resolve(this.verifySync(token));
  }

  verifySync(token: string): AccessTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) throw AuthException.invalidToken();
    const [encodedHeader, encodedPayload, encodedSignature] = parts;
    const expected = createHmac('sha256', this.key).update(`${encodedHeader}.${encodedPayload}`).digest();
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) throw AuthException.invalidToken();
    const header = parseSegment(encodedHeader);
    if (header['alg'] !== ALGORITHM || (header['typ'] !== undefined && header['typ'] !== 'JWT') || header['crit'] !== undefined) throw AuthException.invalidToken();
    const payload = parseSegment(encodedPayload);
    const audience = payload['aud'];
    const audienceOk = audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE));
    const { exp, iat, nbf, sub, sid } = payload;
    if (payload['iss'] !== ISSUER || !audienceOk || typeof exp !== 'number' || typeof iat !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') {
      throw AuthException.invalidToken();
    }
    const now = this.clock.now().getTime() / 1000;
    if (typeof nbf === 'number' && now < nbf) throw AuthException.invalidToken();
    if (now >= exp) throw AuthException.expiredToken();
    return { accountId: sub, sessionId: sid, expiresAt: exp };
  }
}

function parseSegment(segment: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw AuthException.invalidToken();
  }
}
