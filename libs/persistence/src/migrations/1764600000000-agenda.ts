import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agenda: sessions, proposals (motions and petitions) with their versions, supports, amendments,
 * reports and per-assembly petition settings. Full-text search in French and English through a
 * trigger-maintained tsvector and a GIN index.
 */
export class Agenda1764600000000 implements MigrationInterface {
  name = 'Agenda1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "agenda_settings" (
      "assembly_id" uuid NOT NULL,
      "petition_threshold" integer NOT NULL DEFAULT '5000',
      "petition_days" integer NOT NULL DEFAULT '90',
      CONSTRAINT "agenda_settings_days_range" CHECK ("petition_days" BETWEEN 1 AND 730),
      CONSTRAINT "agenda_settings_threshold_positive" CHECK ("petition_threshold" >= 1),
      CONSTRAINT "agenda_settings_pkey" PRIMARY KEY ("assembly_id"))`);
    await db.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "title" text NOT NULL,
      "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "status" text NOT NULL DEFAULT 'scheduled',
      "visibility" text NOT NULL DEFAULT 'public',
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "sessions_visibility_known" CHECK ("visibility" IN ('public','members')),
      CONSTRAINT "sessions_status_known" CHECK ("status" IN ('scheduled','live','paused','ended')),
      CONSTRAINT "sessions_title_length" CHECK (char_length("title") BETWEEN 1 AND 200),
      CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "sessions_assembly_scheduled_idx" ON "sessions" ("assembly_id", "scheduled_at")`);
    await db.query(`CREATE TABLE "proposals" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL DEFAULT '',
      "category" text NOT NULL DEFAULT '',
      "links" text array NOT NULL DEFAULT '{}',
      "author_id" uuid NOT NULL,
      "state" text NOT NULL DEFAULT 'draft',
      "state_reason" text,
      "support_count" integer NOT NULL DEFAULT '0',
      "support_threshold" integer,
      "support_deadline" TIMESTAMP WITH TIME ZONE,
      "version" integer NOT NULL DEFAULT '1',
      "decision_poll_id" uuid,
      "session_id" uuid,
      "agenda_position" integer,
      "allotted_minutes" integer,
      "hidden_at" TIMESTAMP WITH TIME ZONE,
      "hidden_reason" text,
      "submitted_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "search_vector" tsvector,
      CONSTRAINT "proposals_petition_terms" CHECK ("kind" <> 'petition' OR "state" IN ('draft','submitted','withdrawn') OR ("support_threshold" IS NOT NULL AND "support_deadline" IS NOT NULL)),
      CONSTRAINT "proposals_hidden_consistent" CHECK (("hidden_at" IS NULL) = ("hidden_reason" IS NULL)),
      CONSTRAINT "proposals_allotted_minutes_range" CHECK ("allotted_minutes" IS NULL OR "allotted_minutes" BETWEEN 1 AND 600),
      CONSTRAINT "proposals_scheduled_has_slot" CHECK ("state" <> 'scheduled' OR ("session_id" IS NOT NULL AND "agenda_position" IS NOT NULL AND "allotted_minutes" IS NOT NULL)),
      CONSTRAINT "proposals_inadmissible_has_reason" CHECK ("state" <> 'inadmissible' OR "state_reason" IS NOT NULL),
      CONSTRAINT "proposals_support_count_non_negative" CHECK ("support_count" >= 0),
      CONSTRAINT "proposals_body_length" CHECK (char_length("body") <= 20000),
      CONSTRAINT "proposals_title_length" CHECK (char_length("title") BETWEEN 1 AND 200),
      CONSTRAINT "proposals_state_known" CHECK ("state" IN ('draft','submitted','collecting','threshold-reached','expired','under-review','admissible','inadmissible','scheduled','deliberated','decided','archived','withdrawn')),
      CONSTRAINT "proposals_kind_known" CHECK ("kind" IN ('motion','petition')),
      CONSTRAINT "proposals_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "proposals_author_id_idx" ON "proposals" ("author_id")`);
    await db.query(`CREATE INDEX "proposals_assembly_listing_idx" ON "proposals" ("assembly_id", "created_at", "id")`);
    await db.query(`CREATE UNIQUE INDEX "proposals_agenda_slot_key" ON "proposals" ("session_id", "agenda_position") WHERE "session_id" IS NOT NULL`);
    await db.query(`CREATE TABLE "amendments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "proposal_id" uuid NOT NULL,
      "author_id" uuid NOT NULL,
      "base_version" integer NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "rationale" text NOT NULL DEFAULT '',
      "state" text NOT NULL DEFAULT 'open',
      "decided_by" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      "decision_poll_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "amendments_decided_consistent" CHECK (("state" IN ('accepted','rejected')) = ("decided_at" IS NOT NULL)),
      CONSTRAINT "amendments_body_length" CHECK (char_length("body") <= 20000),
      CONSTRAINT "amendments_title_length" CHECK (char_length("title") BETWEEN 1 AND 200),
      CONSTRAINT "amendments_state_known" CHECK ("state" IN ('open','accepted','rejected','withdrawn')),
      CONSTRAINT "amendments_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "amendments_proposal_id_idx" ON "amendments" ("proposal_id")`);
    await db.query(`CREATE TABLE "proposal_versions" (
      "proposal_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "amendment_id" uuid,
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "proposal_versions_pkey" PRIMARY KEY ("proposal_id", "version"))`);
    await db.query(`CREATE TABLE "proposal_reports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "proposal_id" uuid NOT NULL,
      "reporter_id" uuid NOT NULL,
      "reason" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "proposal_reports_once_key" UNIQUE ("proposal_id", "reporter_id"),
      CONSTRAINT "proposal_reports_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "supports" (
      "proposal_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "supports_pkey" PRIMARY KEY ("proposal_id", "account_id"))`);
    await db.query(`CREATE INDEX "supports_account_id_idx" ON "supports" ("account_id")`);
    await db.query(`ALTER TABLE "agenda_settings" ADD CONSTRAINT "agenda_settings_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_fk" FOREIGN KEY ("author_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_decision_poll_fk" FOREIGN KEY ("decision_poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_author_fk" FOREIGN KEY ("author_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_decision_poll_fk" FOREIGN KEY ("decision_poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposal_versions" ADD CONSTRAINT "proposal_versions_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposal_reports" ADD CONSTRAINT "proposal_reports_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "proposal_reports" ADD CONSTRAINT "proposal_reports_reporter_fk" FOREIGN KEY ("reporter_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "supports" ADD CONSTRAINT "supports_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "supports" ADD CONSTRAINT "supports_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`CREATE FUNCTION proposals_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('french', NEW.title), 'A') || setweight(to_tsvector('english', NEW.title), 'A') ||
          setweight(to_tsvector('simple', NEW.category), 'B') ||
          setweight(to_tsvector('french', NEW.body), 'C') || setweight(to_tsvector('english', NEW.body), 'C');
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER proposals_search_vector_update BEFORE INSERT OR UPDATE OF title, body, category ON "proposals"
      FOR EACH ROW EXECUTE FUNCTION proposals_search_vector()`);
    await db.query(`CREATE INDEX "proposals_search_idx" ON "proposals" USING GIN ("search_vector")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."proposals_search_idx"`);
    await db.query(`DROP TRIGGER "proposals_search_vector_update" ON "proposals"`);
    await db.query(`DROP FUNCTION proposals_search_vector()`);
    await db.query(`ALTER TABLE "supports" DROP CONSTRAINT "supports_account_fk"`);
    await db.query(`ALTER TABLE "supports" DROP CONSTRAINT "supports_proposal_fk"`);
    await db.query(`ALTER TABLE "proposal_reports" DROP CONSTRAINT "proposal_reports_reporter_fk"`);
    await db.query(`ALTER TABLE "proposal_reports" DROP CONSTRAINT "proposal_reports_proposal_fk"`);
    await db.query(`ALTER TABLE "proposal_versions" DROP CONSTRAINT "proposal_versions_proposal_fk"`);
    await db.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_decision_poll_fk"`);
    await db.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_author_fk"`);
    await db.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_proposal_fk"`);
    await db.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_session_fk"`);
    await db.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_decision_poll_fk"`);
    await db.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_author_fk"`);
    await db.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_assembly_fk"`);
    await db.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_created_by_fk"`);
    await db.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_assembly_fk"`);
    await db.query(`ALTER TABLE "agenda_settings" DROP CONSTRAINT "agenda_settings_assembly_fk"`);
    await db.query(`DROP INDEX "public"."supports_account_id_idx"`);
    await db.query(`DROP TABLE "supports"`);
    await db.query(`DROP TABLE "proposal_reports"`);
    await db.query(`DROP TABLE "proposal_versions"`);
    await db.query(`DROP INDEX "public"."amendments_proposal_id_idx"`);
    await db.query(`DROP TABLE "amendments"`);
    await db.query(`DROP INDEX "public"."proposals_agenda_slot_key"`);
    await db.query(`DROP INDEX "public"."proposals_assembly_listing_idx"`);
    await db.query(`DROP INDEX "public"."proposals_author_id_idx"`);
    await db.query(`DROP TABLE "proposals"`);
    await db.query(`DROP INDEX "public"."sessions_assembly_scheduled_idx"`);
    await db.query(`DROP TABLE "sessions"`);
    await db.query(`DROP TABLE "agenda_settings"`);
  }
}
