import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, type GlobalRole, type GrantableRole } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AccountRepository } from './account.repository.js';
import type { AccountEntity, Locale } from './entities/account.entity.js';
import { IdentityException } from './identity.exception.js';
import { PasswordHasher, passwordProblem } from './password-hasher.js';
import { SessionCache } from './session-cache.js';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  locale?: Locale;
}

/** Accounts and their global roles. Every role change is audited. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogService,
    private readonly sessionCache: SessionCache,
  ) {}

  /** Self-registration: a resident account. */
  register(registration: Registration): Promise<AccountEntity> {
    return this.create(registration, ['resident'], undefined, 'account.registered');
  }

  /** `pnyx admin create`: an admin account, audited as done from the command line. */
  createAdmin(registration: Registration): Promise<AccountEntity> {
    return this.create(registration, ['admin', 'resident'], 'cli', 'account.admin-created');
  }

  async get(id: string): Promise<AccountEntity> {
    const account = await this.accounts.findById(id);
    if (account === null) throw IdentityException.accountNotFound();
    return account;
  }

  /** The account with exactly this email (organisers naming facilitators and officers). */
  async findByEmail(email: string): Promise<AccountEntity> {
    const account = await this.accounts.findByEmail(email);
    if (account === null) throw IdentityException.accountNotFound();
    return account;
  }

  search(emailFragment: string, limit: number): Promise<AccountEntity[]> {
    return this.accounts.searchByEmail(emailFragment, limit);
  }

  async grantRole(actorId: string, accountId: string, role: GrantableRole): Promise<AccountEntity> {
    const account = await inTransaction(this.dataSource, async (manager) => {
      const before = await this.accounts.findById(accountId, manager);
      if (before === null) throw IdentityException.accountNotFound();
      await this.accounts.addRole(accountId, role, manager);
      if (!before.roles.includes(role)) {
        await this.audit.record(
          { actor: actorOf(actorId), action: 'account.role.granted', subjectType: 'account', subjectId: accountId, data: { role } },
          manager,
        );
      }
      return (await this.accounts.findById(accountId, manager))!;
    });
    this.sessionCache.forgetAccount(accountId); // this instance at once; the others on the notification
    return account;
  }

  async revokeRole(actorId: string, accountId: string, role: GrantableRole): Promise<AccountEntity> {
    const account = await inTransaction(this.dataSource, async (manager) => {
      if (role === 'admin') {
        const admins = await this.accounts.lockActiveAdminIds(manager);
        if (admins.length === 1 && admins[0] === accountId) throw IdentityException.lastAdmin();
      }
      const before = await this.accounts.findById(accountId, manager);
      if (before === null) throw IdentityException.accountNotFound();
      await this.accounts.removeRole(accountId, role, manager);
      if (before.roles.includes(role)) {
        await this.audit.record(
          { actor: actorOf(actorId), action: 'account.role.revoked', subjectType: 'account', subjectId: accountId, data: { role } },
          manager,
        );
      }
      return (await this.accounts.findById(accountId, manager))!;
    });
    this.sessionCache.forgetAccount(accountId); // this instance at once; the others on the notification
    return account;
  }

  private async create(
    registration: Registration,
    roles: GlobalRole[],
    actor: string | undefined,
    action: string,
  ): Promise<AccountEntity> {
    const problem = passwordProblem(registration.password, registration.email);
    if (problem !== undefined) throw IdentityException.weakPassword(problem);
    const passwordHash = await this.hasher.hash(registration.password);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const account = await this.accounts.insert(
          { email: registration.email, displayName: registration.displayName.trim(), passwordHash, roles, locale: registration.locale ?? 'fr' },
          manager,
        );
        if (actor !== undefined || roles.includes('admin')) {
          await this.audit.record(
            { actor: actor ?? actorOf(account.id), action, subjectType: 'account', subjectId: account.id, data: { roles } },
            manager,
          );
        }
        return account;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw IdentityException.emailTaken();
      throw error;
    }
  }
}
