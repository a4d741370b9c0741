import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workshops in breakout rooms (issue #19): a plenary session splits its members present into groups,
 * each group a session of its own (so its room, queue, turns, messages and minutes are the plenary's
 * machinery). One open breakout per plenary; a member in one group per breakout; a group's summary
 * goes with its reporter.
 */
export class Breakouts1765900000000 implements MigrationInterface {
  name = 'Breakouts1765900000000';

  async up(db: QueryRunner): Promise<void> {
    // A workshop group's session points at its plenary: lists of sittings, attendance and statements leave groups out.
    await db.query(`ALTER TABLE "sessions" ADD COLUMN "plenary_session_id" uuid, ADD CONSTRAINT "sessions_plenary_fk" FOREIGN KEY ("plenary_session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT`);
    await db.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_plenary_not_self" CHECK ("plenary_session_id" IS NULL OR "plenary_session_id" <> "id")`);
    await db.query(`CREATE INDEX "sessions_plenary_idx" ON "sessions" ("plenary_session_id") WHERE "plenary_session_id" IS NOT NULL`);
    await db.query(`CREATE TABLE "breakouts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "item_index" integer,
      "method" text NOT NULL,
      "features" text[] NOT NULL DEFAULT '{}',
      "seed" text,
      "opened_by" uuid NOT NULL,
      "opened_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "closed_at" timestamptz,
      CONSTRAINT "breakouts_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "breakouts_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakouts_opened_by_fk" FOREIGN KEY ("opened_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakouts_method_known" CHECK ("method" IN ('random','manual')),
      CONSTRAINT "breakouts_random_has_seed" CHECK (("method" = 'random') = ("seed" IS NOT NULL)),
      CONSTRAINT "breakouts_ends_after_opening" CHECK ("ends_at" > "opened_at"),
      CONSTRAINT "breakouts_closed_after_opening" CHECK ("closed_at" IS NULL OR "closed_at" >= "opened_at")
    )`);
    await db.query(`CREATE UNIQUE INDEX "breakouts_one_open" ON "breakouts" ("session_id") WHERE "closed_at" IS NULL`);

    await db.query(`CREATE TABLE "breakout_groups" (
      "session_id" uuid NOT NULL,
      "breakout_id" uuid NOT NULL,
      "index" smallint NOT NULL,
      "facilitator_id" uuid,
      "reporter_id" uuid,
      "summary" text,
      "reported_at" timestamptz,
      CONSTRAINT "breakout_groups_pkey" PRIMARY KEY ("session_id"),
      CONSTRAINT "breakout_groups_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_groups_breakout_fk" FOREIGN KEY ("breakout_id") REFERENCES "breakouts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_groups_facilitator_fk" FOREIGN KEY ("facilitator_id") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_groups_reporter_fk" FOREIGN KEY ("reporter_id") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_groups_index_range" CHECK ("index" BETWEEN 1 AND 50),
      CONSTRAINT "breakout_groups_summary_length" CHECK ("summary" IS NULL OR char_length("summary") BETWEEN 1 AND 1800),
      CONSTRAINT "breakout_groups_summary_dated" CHECK (("summary" IS NULL) = ("reported_at" IS NULL)),
      CONSTRAINT "breakout_groups_summary_by_reporter" CHECK ("summary" IS NULL OR "reporter_id" IS NOT NULL)
    )`);
    await db.query(`CREATE UNIQUE INDEX "breakout_groups_breakout_index_key" ON "breakout_groups" ("breakout_id", "index")`);

    await db.query(`CREATE TABLE "breakout_members" (
      "breakout_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "group_session_id" uuid NOT NULL,
      CONSTRAINT "breakout_members_pkey" PRIMARY KEY ("breakout_id", "account_id"),
      CONSTRAINT "breakout_members_breakout_fk" FOREIGN KEY ("breakout_id") REFERENCES "breakouts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_members_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "breakout_members_group_fk" FOREIGN KEY ("group_session_id") REFERENCES "breakout_groups"("session_id") ON DELETE RESTRICT
    )`);
    await db.query(`CREATE INDEX "breakout_members_group_idx" ON "breakout_members" ("group_session_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "breakout_members"`);
    await db.query(`DROP TABLE "breakout_groups"`);
    await db.query(`DROP TABLE "breakouts"`);
    await db.query(`DROP INDEX "sessions_plenary_idx"`);
    await db.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_plenary_not_self", DROP CONSTRAINT "sessions_plenary_fk", DROP COLUMN "plenary_session_id"`);
  }
}
