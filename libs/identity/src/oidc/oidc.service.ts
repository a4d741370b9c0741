import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, APP_CONFIG, AuditLogService, CLOCK, type AppConfig, type Clock, type OidcProviderConfig } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AccountRepository } from '../account.repository.js';
import { AuthService, type IssuedTokens } from '../auth.service.js';
import { AccountIdentityEntity } from '../entities/account-identity.entity.js';
import type { AccountEntity } from '../entities/account.entity.js';
import { IdentityException, type OidcErrorCode } from '../identity.exception.js';
import { displayNameOf, keepClaims, safeReturnPath, type KeptClaims } from './oidc-claims.js';

/** From the redirect to the provider to the callback. */
const LOGIN_TTL_MS = 10 * 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

export type CallbackOutcome =
  | { kind: 'signed-in'; tokens: IssuedTokens; returnTo: string }
  | { kind: 'linked'; returnTo: string }
  /** `linking`: the person was signed in and linking a provider (their page shows the refusal); else the sign-in page does. */
  | { kind: 'failed'; code: OidcErrorCode | 'ACCOUNT_DISABLED'; returnTo: string; linking: boolean };

/**
 * Sign-in through OpenID Connect providers: authorization code flow with PKCE, `state` (also in a
 * cookie, so a callback only completes in the browser that started it) and `nonce`; the ID token is
 * verified by openid-client (issuer, audience, expiry, nonce, and its signature against the
 * provider's JWKS — non-repudiation checks on). A first sign-in makes a resident account; a
 * signed-in person may link a provider to theirs.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  /** Provider metadata, discovered once per process (again after a failure). */
  private readonly configurations = new Map<string, Promise<client.Configuration>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accounts: AccountRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditLogService,
  ) {}

  providers(): Array<Pick<OidcProviderConfig, 'id' | 'name'>> {
    return this.config.oidcProviders.map(({ id, name }) => ({ id, name }));
  }

  private provider(id: string): OidcProviderConfig {
    const provider = this.config.oidcProviders.find((candidate) => candidate.id === id);
    if (provider === undefined) throw IdentityException.oidc('OIDC_PROVIDER_UNKNOWN', `No sign-in provider "${id}" here`);
    return provider;
  }

  private configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    let found = this.configurations.get(provider.id);
    if (found === undefined) {
      const issuer = new URL(provider.issuer);
      const insecure = issuer.protocol === 'http:'; // loopback only (checked with the configuration)
      found = client
        .discovery(issuer, provider.clientId, undefined, provider.clientSecret === undefined ? client.None() : client.ClientSecretPost(provider.clientSecret), {
          execute: [client.enableNonRepudiationChecks, ...(insecure ? [client.allowInsecureRequests] : [])],
          timeout: 10,
        })
        .catch((error: unknown) => {
          this.configurations.delete(provider.id);
          this.logger.warn({ msg: 'OpenID Connect discovery failed', provider: provider.id, error: error instanceof Error ? error.message : String(error) });
          throw IdentityException.oidc('OIDC_PROVIDER_UNAVAILABLE', `${provider.name} cannot be reached; try again in a few minutes`);
        });
      this.configurations.set(provider.id, found);
    }
    return found;
  }

  /** Where the provider sends the browser back: PUBLIC_URL's, or the address the request came to. */
  redirectUri(providerId: string, origin: string): string {
    return `${(this.config.publicUrl ?? origin).replace(/\/+$/, '')}/api/auth/oidc/${providerId}/callback`;
  }

  /** Records the sign-in's secrets and returns the provider's authorization URL and the `state` for the cookie. */
  async start(providerId: string, origin: string, returnTo: string | undefined, linkAccountId?: string): Promise<{ authorizationUrl: string; state: string }> {
    const provider = this.provider(providerId);
    const path = safeReturnPath(returnTo);
    if (path === null) throw IdentityException.returnPathInvalid();
    const configuration = await this.configuration(provider);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const now = this.clock.now();
    await this.dataSource.query(`DELETE FROM oidc_logins WHERE expires_at < $1`, [now]); // abandoned attempts go with the next one
    await this.dataSource.query(
      `INSERT INTO oidc_logins (state_hash, provider, code_verifier, nonce, return_to, link_account_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [sha256(state), provider.id, codeVerifier, nonce, path, linkAccountId ?? null, new Date(now.getTime() + LOGIN_TTL_MS)],
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(provider.id, origin),
      scope: provider.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, state };
  }

  /**
   * The provider's redirect back. Never throws for what the provider or the browser sent: the outcome
   * says where to send the browser and, on failure, which code to show there.
   */
  async callback(providerId: string, origin: string, query: Record<string, string>, cookieState: string | undefined): Promise<CallbackOutcome> {
    const provider = this.provider(providerId);
    const state = query['state'];
    const login = state === undefined || state.length > 200 ? undefined : await this.takeLogin(state);
    if (login === undefined || login.provider !== provider.id || cookieState !== state) {
      return { kind: 'failed', code: 'OIDC_STATE_INVALID', returnTo: login?.return_to ?? '/', linking: false };
    }
    const fail = (code: OidcErrorCode | 'ACCOUNT_DISABLED'): CallbackOutcome => ({ kind: 'failed', code, returnTo: login.return_to, linking: login.link_account_id !== null });
    if (login.expires_at < this.clock.now()) return fail('OIDC_STATE_INVALID');
    if (query['error'] !== undefined) return fail('OIDC_CANCELLED');

    let subject: string;
    let kept: KeptClaims;
    try {
      const configuration = await this.configuration(provider);
      const current = new URL(this.redirectUri(provider.id, origin));
      for (const [key, value] of Object.entries(query)) current.searchParams.set(key, value);
      const tokens = await client.authorizationCodeGrant(configuration, current, { pkceCodeVerifier: login.code_verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true });
      const idClaims = tokens.claims()!;
      subject = idClaims.sub;
      const userInfo = configuration.serverMetadata().userinfo_endpoint === undefined ? {} : await client.fetchUserInfo(configuration, tokens.access_token, subject);
      kept = keepClaims(provider.claims, { ...userInfo, ...idClaims });
    } catch (error) {
      const code = this.failureCode(error);
      this.logger.warn({ msg: 'OpenID Connect sign-in refused', provider: provider.id, code, reason: error instanceof Error ? error.message : String(error) });
      return fail(code);
    }

    try {
      if (login.link_account_id !== null) {
        await this.link(login.link_account_id, provider, subject, kept);
        return { kind: 'linked', returnTo: login.return_to };
      }
      const account = await this.accountFor(provider, subject, kept);
      if (account.disabledAt !== null) return fail('ACCOUNT_DISABLED');
      return { kind: 'signed-in', tokens: await this.auth.startSession(account), returnTo: login.return_to };
    } catch (error) {
      if (error instanceof IdentityException && error.code.startsWith('OIDC_')) return fail(error.code as OidcErrorCode);
      throw error;
    }
  }

  /** The sign-in's secrets, deleted as they are read: a callback works once. */
  private async takeLogin(state: string): Promise<{ provider: string; code_verifier: string; nonce: string; return_to: string; link_account_id: string | null; expires_at: Date } | undefined> {
    const [rows] = await this.dataSource.query<[Array<{ provider: string; code_verifier: string; nonce: string; return_to: string; link_account_id: string | null; expires_at: Date }>, number]>(
      `DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING provider, code_verifier, nonce, return_to, link_account_id, expires_at`,
      [sha256(state)],
    );
    return rows[0];
  }

  private failureCode(error: unknown): OidcErrorCode {
    if (error instanceof IdentityException && error.code.startsWith('OIDC_')) return error.code as OidcErrorCode;
    // The token endpoint refused the code: used, expired, or not issued for this client and verifier.
    if (error instanceof client.ResponseBodyError) return error.error === 'invalid_grant' ? 'OIDC_CODE_INVALID' : 'OIDC_PROVIDER_UNAVAILABLE';
    if (error instanceof client.AuthorizationResponseError) return 'OIDC_CANCELLED';
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('OAUTH_')) return 'OIDC_ID_TOKEN_INVALID';
    return 'OIDC_PROVIDER_UNAVAILABLE';
  }

  /** The account of this identity, made at its first sign-in; its claims refreshed every time. */
  private async accountFor(provider: OidcProviderConfig, subject: string, kept: KeptClaims): Promise<AccountEntity> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const identity = await manager.getRepository(AccountIdentityEntity).findOneBy({ provider: provider.id, subject });
        if (identity !== null) {
          await this.refreshClaims(identity.id, kept, manager);
          return (await this.accounts.findById(identity.accountId, manager))!;
        }
        if (kept.email !== null && (await this.accounts.findByEmail(kept.email)) !== null) {
          // Never joined to an existing account by email alone: its owner links the provider after a password sign-in.
          throw IdentityException.oidc('OIDC_EMAIL_TAKEN', 'An account already uses this email: sign in with your password, then link the provider from your account page');
        }
        const account = await this.accounts.insert({ email: kept.email, displayName: displayNameOf(kept, provider.name), passwordHash: null, roles: ['resident'], locale: 'fr' }, manager);
        await manager.getRepository(AccountIdentityEntity).insert({ accountId: account.id, provider: provider.id, subject, ...kept });
        return account;
      });
    } catch (error) {
      // Two first sign-ins of one identity at once: the other one made the account.
      if (isUniqueViolation(error)) return this.accountFor(provider, subject, kept);
      throw error;
    }
  }

  private async link(accountId: string, provider: OidcProviderConfig, subject: string, kept: KeptClaims): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(AccountIdentityEntity);
      const existing = await repository.findOneBy({ provider: provider.id, subject });
      if (existing !== null && existing.accountId !== accountId) throw IdentityException.oidc('OIDC_IDENTITY_LINKED_ELSEWHERE', `This ${provider.name} identity is already linked to another account`);
      if (existing !== null) return this.refreshClaims(existing.id, kept, manager);
      if ((await repository.findOneBy({ accountId, provider: provider.id })) !== null) {
        throw IdentityException.oidc('OIDC_PROVIDER_ALREADY_LINKED', `Another ${provider.name} identity is linked to your account: unlink it first`);
      }
      try {
        await repository.insert({ accountId, provider: provider.id, subject, ...kept });
      } catch (error) {
        if (isUniqueViolation(error)) throw IdentityException.oidc('OIDC_IDENTITY_LINKED_ELSEWHERE', `This ${provider.name} identity is already linked to another account`);
        throw error;
      }
      await this.audit.record({ actor: actorOf(accountId), action: 'account.identity.linked', subjectType: 'account', subjectId: accountId, data: { provider: provider.id } }, manager);
    });
  }

  private async refreshClaims(identityId: string, kept: KeptClaims, manager: EntityManager): Promise<void> {
    await manager.getRepository(AccountIdentityEntity).update({ id: identityId }, { ...kept, lastUsedAt: this.clock.now() });
  }

  /** The person's linked identities, with the claims kept. */
  identities(accountId: string): Promise<AccountIdentityEntity[]> {
    return this.dataSource.getRepository(AccountIdentityEntity).find({ where: { accountId }, order: { linkedAt: 'ASC' } });
  }

  /** Unlinks a provider, unless it is the person's only way to sign in. */
  async unlink(accountId: string, providerId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const account = await this.accounts.findByIdForUpdate(accountId, manager);
      if (account === null) throw IdentityException.accountNotFound();
      const identities = await manager.getRepository(AccountIdentityEntity).findBy({ accountId });
      const identity = identities.find((candidate) => candidate.provider === providerId);
      if (identity === undefined) throw IdentityException.identityNotLinked();
      if (identities.length === 1 && account.passwordHash === null) throw IdentityException.lastSignInMethod();
      await manager.getRepository(AccountIdentityEntity).delete({ id: identity.id });
      await this.audit.record({ actor: actorOf(accountId), action: 'account.identity.unlinked', subjectType: 'account', subjectId: accountId, data: { provider: providerId } }, manager);
    });
  }
}
