import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { GlobalRole } from '@app/shared';
import { AccountEntity, type Locale } from './entities/account.entity.js';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewAccount {
  email: string | null;
  displayName: string;
  passwordHash: string | null;
  roles: GlobalRole[];
  locale: Locale;
}

/** Every column of AccountEntity, named as its properties. */
const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'email_normalized AS "emailNormalized"',
  'display_name AS "displayName"',
  'password_hash AS "passwordHash"',
  'roles',
  'locale',
  'failed_login_count AS "failedLoginCount"',
  'locked_until AS "lockedUntil"',
  'disabled_at AS "disabledAt"',
  'deleted_at AS "deletedAt"',
  'created_at AS "createdAt"',
  'updated_at AS "updatedAt"',
].join(', ');

/** Every query on `accounts`. */
@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AccountEntity);
  }

  /** Inserts; PostgreSQL's unique constraint on the normalised email decides races. */
  async insert(account: NewAccount, manager?: EntityManager): Promise<AccountEntity> {
    const email = account.email?.trim() ?? null;
    const entity = this.repo(manager).create({ ...account, email, emailNormalized: email === null ? null : normalizeEmail(email) });
    return this.repo(manager).save(entity);
  }

  /**
   * In plain SQL: the signed-in person's account is read on most requests (`GET /api/auth/me` on every
   * page), and TypeORM's query builder took more CPU than the query itself.
   */
  async findById(id: string, manager?: EntityManager): Promise<AccountEntity | null> {
    const rows = await (manager ?? this.dataSource.manager).query<AccountEntity[]>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [id]);
    return rows.length === 0 ? null : Object.assign(new AccountEntity(), rows[0]);
  }

  async findByIdForUpdate(id: string, manager: EntityManager): Promise<AccountEntity | null> {
    const rows = await manager.query<AccountEntity[]>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length === 0 ? null : Object.assign(new AccountEntity(), rows[0]);
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.repo().findOneBy({ emailNormalized: normalizeEmail(email) });
  }

  /**
   * Counts a failed login in one statement (no lost update under concurrent attempts) and, from the
   * `threshold`-th consecutive failure, locks the account for 60 s doubling per further failure, up
   * to an hour. Returns the new lock end, if any.
   */
  async recordFailedLogin(id: string, now: Date, threshold: number): Promise<Date | null> {
    const rows = await this.dataSource.query<[Array<{ locked_until: Date | null }>, number]>(
      `UPDATE accounts
          SET failed_login_count = failed_login_count + 1,
              locked_until = CASE WHEN failed_login_count + 1 >= $3
                THEN $2::timestamptz + make_interval(secs => LEAST(3600, 60 * power(2, failed_login_count + 1 - $3)))
                ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until`,
      [id, now, threshold],
    );
    return rows[0][0]?.locked_until ?? null;
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.repo().update({ id }, { failedLoginCount: 0, lockedUntil: null });
  }

  /** Adds a role if missing; returns false when the account does not exist. */
  async addRole(id: string, role: GlobalRole, manager: EntityManager): Promise<boolean> {
    const result = await manager.query<[unknown[], number]>(
      `UPDATE accounts SET roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END, updated_at = now()
        WHERE id = $1 RETURNING id`,
      [id, role],
    );
    return result[1] > 0;
  }

  async removeRole(id: string, role: GlobalRole, manager: EntityManager): Promise<boolean> {
    const result = await manager.query<[unknown[], number]>(
      `UPDATE accounts SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 RETURNING id`,
      [id, role],
    );
    return result[1] > 0;
  }

  /** Locks the active admins' rows, so two concurrent demotions cannot both pass the "last admin" check. */
  async lockActiveAdminIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM accounts WHERE 'admin' = ANY(roles) AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  searchByEmail(fragment: string, limit: number): Promise<AccountEntity[]> {
    const pattern = `%${normalizeEmail(fragment).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.repo()
      .createQueryBuilder('account')
      .where('account.email_normalized LIKE :pattern', { pattern })
      .orderBy('account.email_normalized', 'ASC')
      .take(limit)
      .getMany();
  }
}
