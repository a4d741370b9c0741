import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents' identity through OpenID Connect, and personal data kept no longer than needed (issue #20).
 * Accounts may have no email or password (provider sign-in only) and, once deleted, have neither; a
 * linked provider identity keeps only the claims needed (names, birth date, email); a sign-in in
 * progress keeps its PKCE verifier and nonce server-side. Referendums name the providers whose
 * identity electors may vote with. Rolls, invitations, respondents, pools and source lists lose their
 * personal columns when their retention period ends (`purged_at` says when; ids stay).
 */
export class IdentityAndRetention1766000000000 implements MigrationInterface {
  name = 'IdentityAndRetention1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "accounts" ALTER COLUMN "email" DROP NOT NULL, ALTER COLUMN "email_normalized" DROP NOT NULL, ALTER COLUMN "password_hash" DROP NOT NULL, ADD COLUMN "deleted_at" timestamptz`);
    await db.query(`ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_pair" CHECK (("email" IS NULL) = ("email_normalized" IS NULL))`);
    await db.query(`ALTER TABLE "accounts" ADD CONSTRAINT "accounts_deleted_erased" CHECK ("deleted_at" IS NULL OR ("email" IS NULL AND "password_hash" IS NULL AND "disabled_at" IS NOT NULL))`);

    await db.query(`CREATE TABLE "account_identities" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "account_id" uuid NOT NULL,
      "provider" text NOT NULL,
      "subject" text NOT NULL,
      "given_name" text,
      "family_name" text,
      "birth_date" date,
      "email" text,
      "linked_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "account_identities_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "account_identities_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE,
      CONSTRAINT "account_identities_subject_length" CHECK (char_length("subject") BETWEEN 1 AND 255)
    )`);
    await db.query(`CREATE UNIQUE INDEX "account_identities_subject_key" ON "account_identities" ("provider", "subject")`);
    await db.query(`CREATE UNIQUE INDEX "account_identities_one_per_provider" ON "account_identities" ("account_id", "provider")`);

    await db.query(`CREATE TABLE "oidc_logins" (
      "state_hash" character(64) NOT NULL,
      "provider" text NOT NULL,
      "code_verifier" text NOT NULL,
      "nonce" text NOT NULL,
      "return_to" text NOT NULL,
      "link_account_id" uuid,
      "expires_at" timestamptz NOT NULL,
      CONSTRAINT "oidc_logins_pkey" PRIMARY KEY ("state_hash"),
      CONSTRAINT "oidc_logins_link_account_fk" FOREIGN KEY ("link_account_id") REFERENCES "accounts"("id") ON DELETE CASCADE
    )`);

    await db.query(`ALTER TABLE "referendums" ADD COLUMN "identity_providers" text[] NOT NULL DEFAULT '{}'`);

    await db.query(`ALTER TABLE "roll_entries" ALTER COLUMN "family_name" DROP NOT NULL, ALTER COLUMN "given_names" DROP NOT NULL, ALTER COLUMN "birth_date" DROP NOT NULL, ADD COLUMN "purged_at" timestamptz`);
    await db.query(`ALTER TABLE "roll_entries" ADD CONSTRAINT "roll_entries_personal_until_purged" CHECK ("purged_at" IS NOT NULL OR ("family_name" IS NOT NULL AND "given_names" IS NOT NULL AND "birth_date" IS NOT NULL))`);
    // Electors who vote with a provider identity are found by birth date, then by name.
    await db.query(`CREATE INDEX "roll_entries_birth_date_idx" ON "roll_entries" ("referendum_id", "birth_date")`);

    await db.query(`ALTER TABLE "invitations" ALTER COLUMN "family_name" DROP NOT NULL, ALTER COLUMN "given_names" DROP NOT NULL, ALTER COLUMN "birth_date" DROP NOT NULL, ALTER COLUMN "address" DROP NOT NULL, ADD COLUMN "purged_at" timestamptz`);
    await db.query(`ALTER TABLE "invitations" ADD CONSTRAINT "invitations_personal_until_purged" CHECK ("purged_at" IS NOT NULL OR ("family_name" IS NOT NULL AND "given_names" IS NOT NULL AND "birth_date" IS NOT NULL AND "address" IS NOT NULL))`);
    await db.query(`ALTER TABLE "respondents" ADD COLUMN "purged_at" timestamptz`);
    await db.query(`ALTER TABLE "pools" ADD COLUMN "personal_purged_at" timestamptz`);
    await db.query(`ALTER TABLE "source_lists" ADD COLUMN "purged_at" timestamptz`);
    // Pools stay frozen, but for one change: erasing volunteers' personal columns (and noting when).
    await db.query(`CREATE FUNCTION pool_volunteer_allow_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.personal = '{}'::jsonb AND (to_jsonb(NEW) - 'personal') = (to_jsonb(OLD) - 'personal') THEN RETURN NEW; END IF;
        RAISE EXCEPTION '% is frozen once uploaded (UPDATE refused; only erasing personal data is allowed)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE FUNCTION pool_allow_purge_mark_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.personal_purged_at IS NULL AND NEW.personal_purged_at IS NOT NULL AND (to_jsonb(NEW) - 'personal_purged_at') = (to_jsonb(OLD) - 'personal_purged_at') THEN RETURN NEW; END IF;
        RAISE EXCEPTION '% is frozen once uploaded (UPDATE refused; only erasing personal data is allowed)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`DROP TRIGGER "pools_frozen" ON "pools"`);
    await db.query(`DROP TRIGGER "pool_volunteers_frozen" ON "pool_volunteers"`);
    await db.query(`CREATE TRIGGER pools_frozen BEFORE UPDATE ON "pools" FOR EACH ROW EXECUTE FUNCTION pool_allow_purge_mark_only()`);
    await db.query(`CREATE TRIGGER pool_volunteers_frozen BEFORE UPDATE ON "pool_volunteers" FOR EACH ROW EXECUTE FUNCTION pool_volunteer_allow_erasure_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "pools_frozen" ON "pools"`);
    await db.query(`DROP TRIGGER "pool_volunteers_frozen" ON "pool_volunteers"`);
    await db.query(`CREATE TRIGGER pools_frozen BEFORE UPDATE ON "pools" FOR EACH ROW EXECUTE FUNCTION pool_refuse_update()`);
    await db.query(`CREATE TRIGGER pool_volunteers_frozen BEFORE UPDATE ON "pool_volunteers" FOR EACH ROW EXECUTE FUNCTION pool_refuse_update()`);
    await db.query(`DROP FUNCTION pool_allow_purge_mark_only()`);
    await db.query(`DROP FUNCTION pool_volunteer_allow_erasure_only()`);
    await db.query(`ALTER TABLE "source_lists" DROP COLUMN "purged_at"`);
    await db.query(`ALTER TABLE "pools" DROP COLUMN "personal_purged_at"`);
    await db.query(`ALTER TABLE "respondents" DROP COLUMN "purged_at"`);
    await db.query(`ALTER TABLE "invitations" DROP CONSTRAINT "invitations_personal_until_purged"`);
    // Purged rows cannot get their data back: down refuses rather than invent names.
    await db.query(`ALTER TABLE "invitations" DROP COLUMN "purged_at", ALTER COLUMN "family_name" SET NOT NULL, ALTER COLUMN "given_names" SET NOT NULL, ALTER COLUMN "birth_date" SET NOT NULL, ALTER COLUMN "address" SET NOT NULL`);
    await db.query(`DROP INDEX "roll_entries_birth_date_idx"`);
    await db.query(`ALTER TABLE "roll_entries" DROP CONSTRAINT "roll_entries_personal_until_purged"`);
    await db.query(`ALTER TABLE "roll_entries" DROP COLUMN "purged_at", ALTER COLUMN "family_name" SET NOT NULL, ALTER COLUMN "given_names" SET NOT NULL, ALTER COLUMN "birth_date" SET NOT NULL`);
    await db.query(`ALTER TABLE "referendums" DROP COLUMN "identity_providers"`);
    await db.query(`DROP TABLE "oidc_logins"`);
    await db.query(`DROP TABLE "account_identities"`);
    await db.query(`ALTER TABLE "accounts" DROP CONSTRAINT "accounts_deleted_erased", DROP CONSTRAINT "accounts_email_pair"`);
    await db.query(`ALTER TABLE "accounts" DROP COLUMN "deleted_at", ALTER COLUMN "email" SET NOT NULL, ALTER COLUMN "email_normalized" SET NOT NULL, ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
