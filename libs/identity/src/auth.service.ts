import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccessTokenService,
  APP_CONFIG,
  CLOCK,
  FixedWindowLimiter,
  TickBatcher,
  type AccessTokenClaims,
  type AppConfig,
  type Clock,
  type Principal,
  type SessionResolver,
} from '@app/shared';
import { inTransaction } from '@app/persistence';
import { AccountRepository } from './account.repository.js';
import type { AccountEntity } from './entities/account.entity.js';
import { IdentityException } from './identity.exception.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionCache } from './session-cache.js';
import { SessionRepository, type LiveSessionRow } from './session.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Consecutive failures before the account locks (then 60 s, doubling, at most 1 h). */
export const LOCKOUT_THRESHOLD = 5;

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  account: AccountEntity;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Login, refresh-token rotation, logout; and the live-session check behind every request. */
@Injectable()
export class AuthService implements SessionResolver {
  private readonly logger = new Logger(AuthService.name);
  private readonly loginLimiter: FixedWindowLimiter;
  private readonly sessionLookups: TickBatcher<string, LiveSessionRow>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly cache: SessionCache,
  ) {
    this.loginLimiter = new FixedWindowLimiter(config.loginRatePerMinute, 60_000, clock);
    this.sessionLookups = new TickBatcher((sessionIds) => this.sessions.findLiveSessions(sessionIds, this.clock.now()));
  }

  /** Counts an attempt from `clientAddress` against the per-address limit (login and registration). */
  throttle(clientAddress: string): void {
    const decision = this.loginLimiter.hit(clientAddress);
    if (!decision.allowed) throw IdentityException.tooManyAttempts(decision.retryAfterSeconds);
  }

  async login(email: string, password: string, clientAddress: string): Promise<IssuedTokens> {
    this.throttle(clientAddress);
    const account = await this.accounts.findByEmail(email);
    if (account === null || account.passwordHash === null) {
      await this.hasher.verifyDecoy(password);
      throw IdentityException.invalidCredentials();
    }
    const now = this.clock.now();
    if (account.lockedUntil !== null && account.lockedUntil > now) {
      throw IdentityException.accountLocked(Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000));
    }
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      const lockedUntil = await this.accounts.recordFailedLogin(account.id, now, LOCKOUT_THRESHOLD);
      if (lockedUntil !== null && lockedUntil > now) this.logger.warn({ msg: 'account locked after failed logins', accountId: account.id });
      throw IdentityException.invalidCredentials();
    }
    if (account.disabledAt !== null) throw IdentityException.accountDisabled();
    // Without password accounts, passwords remain for staff only (admins made with `pnyx admin create`, organisers, facilitators).
    if (!this.config.passwordLogin && !account.roles.some((role) => role !== 'resident')) throw IdentityException.passwordLoginDisabled();
    if (account.failedLoginCount > 0 || account.lockedUntil !== null) await this.accounts.recordSuccessfulLogin(account.id);
    return this.startSession(account);
  }

  /** A new session for an account whose identity was just established (password or provider). */
  startSession(account: AccountEntity): Promise<IssuedTokens> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const session = await this.sessions.createSession(account.id, this.refreshExpiry(now), manager);
      const refreshToken = await this.issueRefreshToken(session.id, session.expiresAt, manager);
      const accessToken = await this.tokens.sign({ accountId: account.id, sessionId: session.id });
      return { accessToken, expiresIn: this.tokens.ttlSeconds, ...refreshToken, account };
    });
  }

  /**
   * Rotates a refresh token: the presented one is consumed and a new one issued in the same session.
   * A consumed token presented again means it was copied: the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const outcome = await inTransaction(this.dataSource, async (manager) => {
      const found = await this.sessions.findRefreshTokenForUpdate(hashToken(refreshToken), manager);
      if (found === null) return { kind: 'invalid' as const };
      const { token, session } = found;
      if (token.usedAt !== null) {
        await this.sessions.revokeSession(session.id, 'refresh-token-reuse', now, manager);
        return { kind: 'reused' as const, sessionId: session.id };
      }
      if (session.revokedAt !== null || session.expiresAt <= now || token.expiresAt <= now) return { kind: 'invalid' as const };
      const account = await this.accounts.findById(session.accountId, manager);
      if (account === null || account.disabledAt !== null) return { kind: 'invalid' as const };
      await this.sessions.markRefreshTokenUsed(token.id, now, manager);
      const next = await this.issueRefreshToken(session.id, session.expiresAt, manager);
      const accessToken = await this.tokens.sign({ accountId: account.id, sessionId: session.id });
      return { kind: 'ok' as const, tokens: { accessToken, expiresIn: this.tokens.ttlSeconds, ...next, account } };
    });
    switch (outcome.kind) {
      case 'ok':
        return outcome.tokens;
      case 'reused':
        this.cache.forgetSession(outcome.sessionId);
        this.logger.warn({ msg: 'refresh token reused: session revoked', sessionId: outcome.sessionId });
        throw IdentityException.refreshTokenReused();
      case 'invalid':
        throw IdentityException.refreshTokenInvalid();
    }
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revokeSession(principal.sessionId, 'logout', this.clock.now());
    this.cache.forgetSession(principal.sessionId); // this instance at once; the others on the notification
  }

  /**
   * The live-session check of every request: from memory when the cache holds it (SessionCache),
   * else asked of PostgreSQL together with the other requests of this event-loop turn (TickBatcher).
   */
  async resolve(claims: AccessTokenClaims): Promise<Principal | null> {
    const cached = this.cache.get(claims.sessionId, claims.accountId, this.clock.now().getTime());
    if (cached !== null) return { accountId: claims.accountId, sessionId: claims.sessionId, roles: cached.roles };
    if (!UUID.test(claims.sessionId)) return null; // signed by us, so never; but one bad id must not fail a batch
    const mark = this.cache.mark();
    const live = await this.sessionLookups.load(claims.sessionId);
    if (live === undefined || live.accountId !== claims.accountId) return null;
    this.cache.store(claims.sessionId, { accountId: live.accountId, roles: live.roles, expiresAt: live.expiresAt.getTime() }, mark);
    return { accountId: claims.accountId, sessionId: claims.sessionId, roles: live.roles };
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
  }

  private async issueRefreshToken(
    sessionId: string,
    sessionExpiresAt: Date,
    manager: EntityManager,
  ): Promise<{ refreshToken: string; refreshExpiresAt: Date }> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.sessions.addRefreshToken(sessionId, hashToken(refreshToken), sessionExpiresAt, manager);
    return { refreshToken, refreshExpiresAt: sessionExpiresAt };
  }
}
