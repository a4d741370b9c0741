import type { EntityManager } from 'typeorm';
import { actorOf, daysBefore, repeatInBatches, type PersonalDataSection, type RetentionRule } from '@app/shared';
import { IdentityException } from './identity.exception.js';

/** The name a deleted account signs its remaining contributions with. */
export const DELETED_ACCOUNT_NAME = 'Compte supprimé · Deleted account';

/**
 * The account itself: what the person gave (email, name, language), what providers told us (the
 * claims kept), and their sign-ins. Deleting erases all of it but the row, which proposals,
 * messages, memberships and audit entries still point at.
 */
export const ACCOUNT_SECTION: PersonalDataSection = {
  name: 'account',
  async export(manager, accountId) {
    const [account] = await manager.query<Array<Record<string, unknown>>>(
      `SELECT id, email, display_name AS "displayName", locale, roles, created_at AS "createdAt", password_hash IS NOT NULL AS "hasPassword" FROM accounts WHERE id = $1`,
      [accountId],
    );
    const identities = await manager.query<unknown[]>(
      `SELECT provider, subject, given_name AS "givenName", family_name AS "familyName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", email, linked_at AS "linkedAt", last_used_at AS "lastUsedAt"
         FROM account_identities WHERE account_id = $1 ORDER BY linked_at`,
      [accountId],
    );
    const signIns = await manager.query<unknown[]>(
      `SELECT created_at AS "startedAt", expires_at AS "expiresAt", revoked_at AS "endedAt", revoked_reason AS "endReason" FROM auth_sessions WHERE account_id = $1 ORDER BY created_at`,
      [accountId],
    );
    return { ...account, identities, signIns };
    },
    async erase(manager, accountId, { now, audit }) {
      await refuseLastAdmin(manager, accountId);
      await manager.query(`DELETE FROM account_identities WHERE account_id = $1`, [accountId]);
      await manager.query(`DELETE FROM oidc_logins WHERE link_account_id = $1`, [accountId]);
      await manager.query(`UPDATE auth_sessions SET revoked_at = $2, revoked_reason = 'account-deleted' WHERE account_id = $1 AND revoked_at IS NULL`, [accountId, now]);
      await manager.query(
        `UPDATE accounts SET email = NULL, email_normalized = NULL, password_hash = NULL, display_name = $2, roles = '{}', failed_login_count = 0, locked_until = NULL,
                disabled_at = coalesce(disabled_at, $3), deleted_at = $3, updated_at = $3
          WHERE id = $1`,
        [accountId, DELETED_ACCOUNT_NAME, now],
      );
      await audit.record({ actor: actorOf(accountId), action: 'account.deleted', subjectType: 'account', subjectId: accountId, data: {} }, manager);
    },
};

async function refuseLastAdmin(manager: EntityManager, accountId: string): Promise<void> {
  const admins = await manager.query<Array<{ id: string }>>(`SELECT id FROM accounts WHERE 'admin' = ANY(roles) AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
  if (admins.length === 1 && admins[0].id === accountId) throw IdentityException.lastAdminDeletion();
}

/** Ended sign-ins and abandoned provider sign-ins. */
export const SESSIONS_RETENTION: RetentionRule = {
  name: 'sessions',
  describe: (retention) => `Sign-ins (sessions and refresh tokens) ${retention.sessionDays} days after they ended or expired; provider sign-ins left unfinished`,
  async purge(manager, { now, retention, dryRun }) {
    const cutoff = daysBefore(now, retention.sessionDays);
    const where = `(revoked_at IS NOT NULL AND revoked_at < $1) OR expires_at < $1`;
    const [{ count }] = await manager.query<Array<{ count: number }>>(`SELECT count(*)::int AS count FROM auth_sessions WHERE ${where}`, [cutoff]);
    const [{ logins }] = await manager.query<Array<{ logins: number }>>(`SELECT count(*)::int AS logins FROM oidc_logins WHERE expires_at < $1`, [now]);
    if (!dryRun) {
      await repeatInBatches(manager, `DELETE FROM auth_sessions WHERE id IN (SELECT id FROM auth_sessions WHERE ${where} LIMIT $2)`, [cutoff]);
      await manager.query(`DELETE FROM oidc_logins WHERE expires_at < $1`, [now]);
    }
    return count + logins;
  },
};
