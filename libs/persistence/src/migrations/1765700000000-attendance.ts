import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance and indemnities (issue #19): a session's hours and half-days and whether members may
 * attend from home; who was present when (checked in at the door, or connected to the live room);
 * organisers' corrections with their reason; each assembly's indemnity rules; each seat's personal
 * attendance code (the QR code shown at the door). Existing sessions get three hours.
 */
export class Attendance1765700000000 implements MigrationInterface {
  name = 'Attendance1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "sessions" ADD COLUMN "ends_at" timestamptz, ADD COLUMN "half_days" smallint NOT NULL DEFAULT 1, ADD COLUMN "remote_attendance" boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE "sessions" SET "ends_at" = "scheduled_at" + interval '3 hours'`);
    await db.query(`ALTER TABLE "sessions" ALTER COLUMN "ends_at" SET NOT NULL`);
    await db.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_hours_valid" CHECK ("ends_at" > "scheduled_at" AND "ends_at" <= "scheduled_at" + interval '24 hours')`);
    await db.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_half_days_known" CHECK ("half_days" IN (1, 2))`);

    await db.query(`ALTER TABLE "memberships" ADD COLUMN "attendance_code" text`);
    await db.query(`ALTER TABLE "memberships" ADD CONSTRAINT "memberships_attendance_code_shape" CHECK ("attendance_code" IS NULL OR "attendance_code" ~ '^[A-Z2-9]{12}$')`);
    await db.query(`CREATE UNIQUE INDEX "memberships_attendance_code_key" ON "memberships" ("attendance_code") WHERE "attendance_code" IS NOT NULL`);

    await db.query(`CREATE TABLE "attendance_records" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "membership_id" uuid NOT NULL,
      "mode" text NOT NULL,
      "method" text NOT NULL,
      "arrived_at" timestamptz NOT NULL,
      "left_at" timestamptz,
      "recorded_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "attendance_records_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "attendance_records_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_records_membership_fk" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_records_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_records_mode_known" CHECK ("mode" IN ('room','remote')),
      CONSTRAINT "attendance_records_method_known" CHECK ("method" IN ('list','code','live')),
      CONSTRAINT "attendance_records_remote_is_live" CHECK (("mode" = 'remote') = ("method" = 'live')),
      CONSTRAINT "attendance_records_room_recorded_by_staff" CHECK ("mode" = 'remote' OR "recorded_by" IS NOT NULL),
      CONSTRAINT "attendance_records_leaves_after_arriving" CHECK ("left_at" IS NULL OR "left_at" >= "arrived_at")
    )`);
    // One open stretch per seat and session: a member checked in at the door who also opens the live room is not counted twice.
    await db.query(`CREATE UNIQUE INDEX "attendance_records_one_open" ON "attendance_records" ("session_id", "membership_id") WHERE "left_at" IS NULL`);
    await db.query(`CREATE INDEX "attendance_records_membership_idx" ON "attendance_records" ("membership_id")`);

    await db.query(`CREATE TABLE "attendance_corrections" (
      "session_id" uuid NOT NULL,
      "membership_id" uuid NOT NULL,
      "minutes" integer NOT NULL,
      "reason" text NOT NULL,
      "corrected_by" uuid NOT NULL,
      "corrected_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "attendance_corrections_pkey" PRIMARY KEY ("session_id", "membership_id"),
      CONSTRAINT "attendance_corrections_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_corrections_membership_fk" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_corrections_corrected_by_fk" FOREIGN KEY ("corrected_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "attendance_corrections_minutes_range" CHECK ("minutes" BETWEEN 0 AND 1440),
      CONSTRAINT "attendance_corrections_reason_length" CHECK (char_length("reason") BETWEEN 1 AND 500)
    )`);

    await db.query(`CREATE TABLE "indemnity_rules" (
      "assembly_id" uuid NOT NULL,
      "cents_per_half_day" integer NOT NULL,
      "minimum_minutes" integer NOT NULL,
      "monthly_cap_cents" integer,
      "updated_by" uuid NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "indemnity_rules_pkey" PRIMARY KEY ("assembly_id"),
      CONSTRAINT "indemnity_rules_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
      CONSTRAINT "indemnity_rules_updated_by_fk" FOREIGN KEY ("updated_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "indemnity_rules_amount_range" CHECK ("cents_per_half_day" BETWEEN 0 AND 1000000),
      CONSTRAINT "indemnity_rules_minimum_range" CHECK ("minimum_minutes" BETWEEN 1 AND 720),
      CONSTRAINT "indemnity_rules_cap_range" CHECK ("monthly_cap_cents" IS NULL OR "monthly_cap_cents" BETWEEN 0 AND 100000000)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "indemnity_rules"`);
    await db.query(`DROP TABLE "attendance_corrections"`);
    await db.query(`DROP TABLE "attendance_records"`);
    await db.query(`DROP INDEX "memberships_attendance_code_key"`);
    await db.query(`ALTER TABLE "memberships" DROP CONSTRAINT "memberships_attendance_code_shape", DROP COLUMN "attendance_code"`);
    await db.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_half_days_known", DROP CONSTRAINT "sessions_hours_valid"`);
    await db.query(`ALTER TABLE "sessions" DROP COLUMN "remote_attendance", DROP COLUMN "half_days", DROP COLUMN "ends_at"`);
  }
}
