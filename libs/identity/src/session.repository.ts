import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { GlobalRole } from '@app/shared';
import { AuthSessionEntity, type SessionEndReason } from './entities/auth-session.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';

export interface LiveSessionRow {
  accountId: string;
  roles: GlobalRole[];
  expiresAt: Date;
}

/** Every query on `auth_sessions` and `refresh_tokens`. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createSession(accountId: string, expiresAt: Date, manager: EntityManager): Promise<AuthSessionEntity> {
    return manager.getRepository(AuthSessionEntity).save({ accountId, expiresAt, revokedAt: null, revokedReason: null });
  }

  async addRefreshToken(sessionId: string, tokenHash: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).insert({ sessionId, tokenHash, expiresAt, usedAt: null });
  }

  /** The token with its session, row-locked for the rest of the transaction. */
  async findRefreshTokenForUpdate(
    tokenHash: string,
    manager: EntityManager,
  ): Promise<{ token: RefreshTokenEntity; session: AuthSessionEntity } | null> {
    const token = await manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :tokenHash', { tokenHash })
      .getOne();
    if (token === null) return null;
    const session = await manager
      .getRepository(AuthSessionEntity)
      .createQueryBuilder('session')
      .setLock('pessimistic_write')
      .where('session.id = :id', { id: token.sessionId })
      .getOne();
    return session === null ? null : { token, session };
  }

  async markRefreshTokenUsed(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ id }, { usedAt: at });
  }

  async revokeSession(id: string, reason: SessionEndReason, at: Date, manager?: EntityManager): Promise<boolean> {
    const result = await (manager ?? this.dataSource.manager)
      .getRepository(AuthSessionEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The live sessions among `sessionIds` (not revoked, not expired at `now`, account not disabled)
   * with their account's roles: one indexed query for a whole batch of requests.
   */
  async findLiveSessions(sessionIds: string[], now: Date): Promise<Map<string, LiveSessionRow>> {
    const rows = await this.dataSource.query<Array<LiveSessionRow & { id: string }>>(
      `SELECT s.id, s.account_id AS "accountId", a.roles, s.expires_at AS "expiresAt"
         FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.disabled_at IS NULL`,
      [sessionIds, now],
    );
    return new Map(rows.map(({ id, ...row }) => [id, row]));
  }
}
