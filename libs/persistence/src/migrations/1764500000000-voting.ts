import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Majority-judgment polls, their options, anonymous ballots and participations. Ballots have no
 * voter column and no timestamp; participations record who voted, never how.
 */
export class Voting1764500000000 implements MigrationInterface {
  name = 'Voting1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "polls" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "title" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "grades" text array NOT NULL,
      "audience" text NOT NULL,
      "assembly_id" uuid,
      "opens_at" TIMESTAMP WITH TIME ZONE,
      "closes_at" TIMESTAMP WITH TIME ZONE,
      "revote" text NOT NULL DEFAULT 'never',
      "skipped" text NOT NULL DEFAULT 'refuse',
      "tie_break" text NOT NULL DEFAULT 'majority-value',
      "status" text NOT NULL DEFAULT 'draft',
      "result" jsonb,
      "created_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "opened_at" TIMESTAMP WITH TIME ZONE,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      "published_at" TIMESTAMP WITH TIME ZONE,
      "ballots_mixed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "polls_closed_has_result" CHECK ("status" NOT IN ('closed','published') OR "result" IS NOT NULL),
      CONSTRAINT "polls_window_order" CHECK ("opens_at" IS NULL OR "closes_at" IS NULL OR "closes_at" > "opens_at"),
      CONSTRAINT "polls_grade_count" CHECK (array_length("grades", 1) BETWEEN 2 AND 10),
      CONSTRAINT "polls_tie_break_known" CHECK ("tie_break" IN ('majority-value','usual','typical','central')),
      CONSTRAINT "polls_skipped_known" CHECK ("skipped" IN ('refuse','worst','median')),
      CONSTRAINT "polls_revote_known" CHECK ("revote" IN ('never','until-close')),
      CONSTRAINT "polls_assembly_audience" CHECK (("audience" = 'assembly') = ("assembly_id" IS NOT NULL)),
      CONSTRAINT "polls_audience_known" CHECK ("audience" IN ('assembly','residents')),
      CONSTRAINT "polls_status_known" CHECK ("status" IN ('draft','open','closed','published')),
      CONSTRAINT "polls_title_length" CHECK (char_length("title") BETWEEN 1 AND 300),
      CONSTRAINT "polls_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "polls_assembly_id_idx" ON "polls" ("assembly_id")`);
    await db.query(`CREATE TABLE "ballots" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "poll_id" uuid NOT NULL,
      "receipt_hash" character(64) NOT NULL,
      "grades" smallint array NOT NULL,
      CONSTRAINT "ballots_receipt_key" UNIQUE ("poll_id", "receipt_hash"),
      CONSTRAINT "ballots_grades_range" CHECK (0 <= ALL ("grades") AND 9 >= ALL ("grades")),
      CONSTRAINT "ballots_receipt_hash_hex" CHECK ("receipt_hash" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "ballots_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "participations" (
      "poll_id" uuid NOT NULL,
      "voter_key" text NOT NULL,
      CONSTRAINT "participations_pkey" PRIMARY KEY ("poll_id", "voter_key"))`);
    await db.query(`CREATE TABLE "poll_options" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "poll_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "label" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      CONSTRAINT "poll_options_position_key" UNIQUE ("poll_id", "position"),
      CONSTRAINT "poll_options_position_range" CHECK ("position" BETWEEN 0 AND 499),
      CONSTRAINT "poll_options_label_length" CHECK (char_length("label") BETWEEN 1 AND 300),
      CONSTRAINT "poll_options_pkey" PRIMARY KEY ("id"))`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "ballots" ADD CONSTRAINT "ballots_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "participations" ADD CONSTRAINT "participations_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "poll_options" DROP CONSTRAINT "poll_options_poll_fk"`);
    await db.query(`ALTER TABLE "participations" DROP CONSTRAINT "participations_poll_fk"`);
    await db.query(`ALTER TABLE "ballots" DROP CONSTRAINT "ballots_poll_fk"`);
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_created_by_fk"`);
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_assembly_fk"`);
    await db.query(`DROP TABLE "poll_options"`);
    await db.query(`DROP TABLE "participations"`);
    await db.query(`DROP TABLE "ballots"`);
    await db.query(`DROP INDEX "public"."polls_assembly_id_idx"`);
    await db.query(`DROP TABLE "polls"`);
  }
}
