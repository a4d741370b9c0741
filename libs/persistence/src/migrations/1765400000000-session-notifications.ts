import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or narrow an authenticated session announces itself on the
 * `pnyx_sessions` channel, from the database itself: a session revoked, expired early or deleted
 * (payload `s:<session id>`), an account's roles changed, the account disabled or deleted
 * (`a:<account id>`). The API instances keep recently checked sessions in memory and drop them on
 * these notifications, which PostgreSQL delivers at commit to every listener — so a logout, a demotion
 * or a disabled account takes effect on all instances, whoever made the change (the API, the CLI, or
 * an operator in psql). Identical payloads in one transaction are delivered once.
 */
export class SessionNotifications1765400000000 implements MigrationInterface {
  name = 'SessionNotifications1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE FUNCTION "pnyx_notify_session_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'auth_sessions' THEN
          PERFORM pg_notify('pnyx_sessions', 's:' || OLD.id);
        ELSE
          PERFORM pg_notify('pnyx_sessions', 'a:' || OLD.id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER "auth_sessions_notify_change" AFTER UPDATE ON "auth_sessions" FOR EACH ROW
      WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.account_id IS DISTINCT FROM NEW.account_id)
      EXECUTE FUNCTION "pnyx_notify_session_change"()`);
    await db.query(`CREATE TRIGGER "auth_sessions_notify_delete" AFTER DELETE ON "auth_sessions" FOR EACH ROW EXECUTE FUNCTION "pnyx_notify_session_change"()`);
    await db.query(`CREATE TRIGGER "accounts_notify_change" AFTER UPDATE ON "accounts" FOR EACH ROW
      WHEN (OLD.roles IS DISTINCT FROM NEW.roles OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
      EXECUTE FUNCTION "pnyx_notify_session_change"()`);
    await db.query(`CREATE TRIGGER "accounts_notify_delete" AFTER DELETE ON "accounts" FOR EACH ROW EXECUTE FUNCTION "pnyx_notify_session_change"()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "accounts_notify_delete" ON "accounts"`);
    await db.query(`DROP TRIGGER "accounts_notify_change" ON "accounts"`);
    await db.query(`DROP TRIGGER "auth_sessions_notify_delete" ON "auth_sessions"`);
    await db.query(`DROP TRIGGER "auth_sessions_notify_change" ON "auth_sessions"`);
    await db.query(`DROP FUNCTION "pnyx_notify_session_change"()`);
  }
}
