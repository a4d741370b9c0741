import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assemblies, memberships, frozen pools of volunteers and draw jobs. Pools and their volunteers are
 * frozen in the database: any UPDATE is refused, so a draw always starts from what was uploaded.
 */
export class Assemblies1764400000000 implements MigrationInterface {
  name = 'Assemblies1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "assemblies" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "seats" integer NOT NULL,
      "term_start" date NOT NULL,
      "term_end" date NOT NULL,
      "status" text NOT NULL DEFAULT 'forming',
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "assemblies_status_known" CHECK ("status" IN ('forming','active','ended')),
      CONSTRAINT "assemblies_term_order" CHECK ("term_end" > "term_start"),
      CONSTRAINT "assemblies_seats_range" CHECK ("seats" BETWEEN 1 AND 1000),
      CONSTRAINT "assemblies_name_length" CHECK (char_length("name") BETWEEN 1 AND 200),
      CONSTRAINT "assemblies_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "pools" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "layout" text NOT NULL,
      "quotas_file_name" text NOT NULL,
      "pool_file_name" text NOT NULL,
      "quotas_sha256" character(64) NOT NULL,
      "pool_sha256" character(64) NOT NULL,
      "household_columns" text array NOT NULL DEFAULT '{}',
      "volunteer_count" integer NOT NULL,
      "quotas_csv" text NOT NULL,
      "pool_csv" text NOT NULL,
      "uploaded_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pools_digests_hex" CHECK ("quotas_sha256" ~ '^[0-9a-f]{64}$' AND "pool_sha256" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "pools_volunteer_count_positive" CHECK ("volunteer_count" > 0),
      CONSTRAINT "pools_layout_known" CHECK ("layout" IN ('panelot','sortition-foundation')),
      CONSTRAINT "pools_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "pools_assembly_id_idx" ON "pools" ("assembly_id")`);
    await db.query(`CREATE TABLE "draws" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "pool_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "size" integer NOT NULL,
      "algorithm" text NOT NULL,
      "lottery_size" integer NOT NULL,
      "status" text NOT NULL DEFAULT 'queued',
      "quotas_csv" text NOT NULL,
      "pool_csv" text NOT NULL,
      "household_rule" boolean NOT NULL,
      "instance_digest" character(64) NOT NULL,
      "continuing_person_ids" text array,
      "progress" jsonb,
      "attempts" integer NOT NULL DEFAULT '0',
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "result" jsonb,
      "bundle" text,
      "lottery_digest" character(64),
      "error" jsonb,
      "seed" text,
      "drawn_index" integer,
      "panel" text array,
      "requested_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP WITH TIME ZONE,
      "computed_at" TIMESTAMP WITH TIME ZONE,
      "seeded_at" TIMESTAMP WITH TIME ZONE,
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "draws_seeded_has_panel" CHECK (("status" = 'seeded') = ("seed" IS NOT NULL AND "drawn_index" IS NOT NULL AND "panel" IS NOT NULL)),
      CONSTRAINT "draws_computed_has_lottery" CHECK ("status" NOT IN ('computed','seeded') OR ("lottery_digest" IS NOT NULL AND "bundle" IS NOT NULL AND "result" IS NOT NULL)),
      CONSTRAINT "draws_lottery_size_range" CHECK ("lottery_size" BETWEEN 1 AND 100000),
      CONSTRAINT "draws_size_positive" CHECK ("size" > 0),
      CONSTRAINT "draws_algorithm_known" CHECK ("algorithm" IN ('leximin','maximin','legacy')),
      CONSTRAINT "draws_status_known" CHECK ("status" IN ('queued','running','computed','seeded','failed','cancelled')),
      CONSTRAINT "draws_kind_known" CHECK ("kind" IN ('initial','replacement')),
      CONSTRAINT "draws_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "draws_assembly_id_idx" ON "draws" ("assembly_id")`);
    await db.query(`CREATE INDEX "draws_claimable" ON "draws" ("created_at") WHERE "status" IN ('queued','running')`);
    await db.query(`CREATE UNIQUE INDEX "draws_one_initial_per_assembly" ON "draws" ("assembly_id") WHERE "kind" = 'initial' AND "status" = 'seeded'`);
    await db.query(`CREATE UNIQUE INDEX "draws_one_open_per_assembly" ON "draws" ("assembly_id") WHERE "status" IN ('queued','running','computed')`);
    await db.query(`CREATE TABLE "pool_volunteers" (
      "pool_id" uuid NOT NULL,
      "person_id" text NOT NULL,
      "row_number" integer NOT NULL,
      "features" jsonb NOT NULL,
      "household" text,
      "personal" jsonb NOT NULL,
      CONSTRAINT "pool_volunteers_pkey" PRIMARY KEY ("pool_id", "person_id"))`);
    await db.query(`CREATE TABLE "memberships" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "role" text NOT NULL,
      "account_id" uuid,
      "pool_id" uuid,
      "person_id" text,
      "draw_id" uuid,
      "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ended_at" TIMESTAMP WITH TIME ZONE,
      "end_kind" text,
      "end_reason" text,
      "ended_by" uuid,
      "invitation_hash" character(64),
      "invitation_issued_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "memberships_end_kind_known" CHECK ("end_kind" IS NULL OR "end_kind" IN ('left','removed')),
      CONSTRAINT "memberships_end_consistent" CHECK (("ended_at" IS NULL) = ("end_kind" IS NULL) AND ("ended_at" IS NULL) = ("end_reason" IS NULL)),
      CONSTRAINT "memberships_staff_have_accounts" CHECK ("role" NOT IN ('facilitator','organiser') OR "account_id" IS NOT NULL),
      CONSTRAINT "memberships_volunteer_ref_complete" CHECK (("pool_id" IS NULL) = ("person_id" IS NULL)),
      CONSTRAINT "memberships_has_person" CHECK ("account_id" IS NOT NULL OR "person_id" IS NOT NULL),
      CONSTRAINT "memberships_role_known" CHECK ("role" IN ('member','alternate','facilitator','organiser')),
      CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "memberships_account_id_idx" ON "memberships" ("account_id")`);
    await db.query(`CREATE INDEX "memberships_assembly_id_idx" ON "memberships" ("assembly_id")`);
    await db.query(`CREATE UNIQUE INDEX "memberships_invitation_hash_key" ON "memberships" ("invitation_hash") WHERE "invitation_hash" IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "memberships_account_role_active" ON "memberships" ("assembly_id", "account_id", "role") WHERE "ended_at" IS NULL AND "account_id" IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "memberships_volunteer_once" ON "memberships" ("assembly_id", "pool_id", "person_id") WHERE "person_id" IS NOT NULL`);
    await db.query(`ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "pools" ADD CONSTRAINT "pools_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "pools" ADD CONSTRAINT "pools_uploaded_by_fk" FOREIGN KEY ("uploaded_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_pool_fk" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_requested_by_fk" FOREIGN KEY ("requested_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "pool_volunteers" ADD CONSTRAINT "pool_volunteers_pool_fk" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_volunteer_fk" FOREIGN KEY ("pool_id", "person_id") REFERENCES "pool_volunteers"("pool_id","person_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_draw_fk" FOREIGN KEY ("draw_id") REFERENCES "draws"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`CREATE FUNCTION pool_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is frozen once uploaded (UPDATE refused)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER pools_frozen BEFORE UPDATE ON "pools" FOR EACH ROW EXECUTE FUNCTION pool_refuse_update()`);
    await db.query(`CREATE TRIGGER pool_volunteers_frozen BEFORE UPDATE ON "pool_volunteers" FOR EACH ROW EXECUTE FUNCTION pool_refuse_update()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "pool_volunteers_frozen" ON "pool_volunteers"`);
    await db.query(`DROP TRIGGER "pools_frozen" ON "pools"`);
    await db.query(`DROP FUNCTION pool_refuse_update()`);
    await db.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_draw_fk"`);
    await db.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_volunteer_fk"`);
    await db.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_account_fk"`);
    await db.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_assembly_fk"`);
    await db.query(`ALTER TABLE "pool_volunteers" DROP CONSTRAINT "pool_volunteers_pool_fk"`);
    await db.query(`ALTER TABLE "draws" DROP CONSTRAINT "draws_requested_by_fk"`);
    await db.query(`ALTER TABLE "draws" DROP CONSTRAINT "draws_pool_fk"`);
    await db.query(`ALTER TABLE "draws" DROP CONSTRAINT "draws_assembly_fk"`);
    await db.query(`ALTER TABLE "pools" DROP CONSTRAINT "pools_uploaded_by_fk"`);
    await db.query(`ALTER TABLE "pools" DROP CONSTRAINT "pools_assembly_fk"`);
    await db.query(`ALTER TABLE "assemblies" DROP CONSTRAINT "assemblies_created_by_fk"`);
    await db.query(`DROP INDEX "public"."memberships_volunteer_once"`);
    await db.query(`DROP INDEX "public"."memberships_account_role_active"`);
    await db.query(`DROP INDEX "public"."memberships_invitation_hash_key"`);
    await db.query(`DROP INDEX "public"."memberships_account_id_idx"`);
    await db.query(`DROP INDEX "public"."memberships_assembly_id_idx"`);
    await db.query(`DROP TABLE "memberships"`);
    await db.query(`DROP TABLE "pool_volunteers"`);
    await db.query(`DROP INDEX "public"."draws_one_open_per_assembly"`);
    await db.query(`DROP INDEX "public"."draws_one_initial_per_assembly"`);
    await db.query(`DROP INDEX "public"."draws_claimable"`);
    await db.query(`DROP INDEX "public"."draws_assembly_id_idx"`);
    await db.query(`DROP TABLE "draws"`);
    await db.query(`DROP INDEX "public"."pools_assembly_id_idx"`);
    await db.query(`DROP TABLE "pools"`);
    await db.query(`DROP TABLE "assemblies"`);
  }
}
