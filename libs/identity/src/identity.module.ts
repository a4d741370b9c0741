import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SESSION_RESOLVER } from '@app/shared';
import { AccountRepository } from './account.repository.js';
import { AccountService } from './account.service.js';
import { AccountsController } from './accounts.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AccountIdentityEntity } from './entities/account-identity.entity.js';
import { AccountEntity } from './entities/account.entity.js';
import { OidcLoginEntity } from './entities/oidc-login.entity.js';
import { AuthSessionEntity } from './entities/auth-session.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionCache } from './session-cache.js';
import { SessionRepository } from './session.repository.js';

export const IDENTITY_ENTITIES = [AccountEntity, AuthSessionEntity, RefreshTokenEntity, AccountIdentityEntity, OidcLoginEntity];

/**
 * Accounts, passwords, sessions and global roles. Global because it provides the live-session
 * check (SESSION_RESOLVER) behind the shared Authenticator, used by every transport.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  controllers: [AuthController, OidcController, AccountsController],
  providers: [
    AccountRepository,
    SessionRepository,
    SessionCache,
    PasswordHasher,
    AccountService,
    AuthService,
    OidcService,
    { provide: SESSION_RESOLVER, useExisting: AuthService },
  ],
  exports: [AccountService, AuthService, OidcService, SessionCache, SESSION_RESOLVER],
})
export class IdentityModule {}
