import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions and refresh tokens; the append-only, hash-chained audit log. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "audit_log" (
      "seq" bigint NOT NULL,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor" text NOT NULL,
      "action" text NOT NULL,
      "subject_type" text,
      "subject_id" text,
      "data" jsonb NOT NULL,
      "prev_hash" character(64) NOT NULL,
      "hash" character(64) NOT NULL,
      CONSTRAINT "audit_log_hash_key" UNIQUE ("hash"),
      CONSTRAINT "audit_log_hashes_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "audit_log_seq_positive" CHECK ("seq" > 0),
      CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq"))`);
    // Append-only in the database too: updates, deletes and truncation are refused. (A superuser can
    // still disable this; `pnyx audit verify` is what detects such an edit.)
    await db.query(`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await db.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    await db.query(`CREATE TABLE "accounts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "email_normalized" text NOT NULL,
      "display_name" text NOT NULL,
      "password_hash" text NOT NULL,
      "roles" text array NOT NULL DEFAULT '{}',
      "locale" text NOT NULL DEFAULT 'fr',
      "failed_login_count" integer NOT NULL DEFAULT '0',
      "locked_until" TIMESTAMP WITH TIME ZONE,
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "accounts_email_normalized_key" UNIQUE ("email_normalized"),
      CONSTRAINT "accounts_failed_logins_non_negative" CHECK ("failed_login_count" >= 0),
      CONSTRAINT "accounts_locale_known" CHECK ("locale" IN ('fr','en')),
      CONSTRAINT "accounts_roles_known" CHECK ("roles" <@ ARRAY['admin','organiser','facilitator','resident']::text[]),
      CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "auth_sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "account_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      CONSTRAINT "auth_sessions_revocation_consistent" CHECK (("revoked_at" IS NULL) = ("revoked_reason" IS NULL)),
      CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "auth_sessions_account_id_idx" ON "auth_sessions" ("account_id")`);
    await db.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "token_hash" character(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "refresh_tokens_token_hash_key" UNIQUE ("token_hash"),
      CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "refresh_tokens_session_id_idx" ON "refresh_tokens" ("session_id")`);
    await db.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_account_fk"
      FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_fk"
      FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "refresh_tokens"`);
    await db.query(`DROP TABLE "auth_sessions"`);
    await db.query(`DROP TABLE "accounts"`);
    await db.query(`DROP TABLE "audit_log"`);
    await db.query(`DROP FUNCTION audit_log_refuse_change()`);
  }
}
