import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen votes: referendums and their questions, the ballot-box polls per question and district
 * (polls gain the `roll` audience), the electoral roll with hashed voting codes and revoked codes,
 * the once-per-elector vote mark across channels, polling-station officers, double-entry counts.
 */
export class Referendum1764800000000 implements MigrationInterface {
  name = 'Referendum1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_audience_known"`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_audience_known" CHECK ("audience" IN ('assembly','residents','roll'))`);
    await db.query(`CREATE TABLE "referendums" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'draft', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "voting_day" date NOT NULL, "min_age" smallint NOT NULL DEFAULT '16', "district_threshold" integer NOT NULL DEFAULT '10', "roll_digest" character(64), "roll_size" integer, "created_by" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referendums_open_has_digest" CHECK ("status" = 'draft' OR ("roll_digest" IS NOT NULL AND "roll_size" IS NOT NULL)), CONSTRAINT "referendums_district_threshold_positive" CHECK ("district_threshold" >= 1), CONSTRAINT "referendums_min_age_range" CHECK ("min_age" BETWEEN 0 AND 120), CONSTRAINT "referendums_window_order" CHECK ("closes_at" > "opens_at"), CONSTRAINT "referendums_status_known" CHECK ("status" IN ('draft','open','closed','published')), CONSTRAINT "referendums_title_length" CHECK (char_length("title") BETWEEN 1 AND 300), CONSTRAINT "referendums_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "referendum_officers" ("referendum_id" uuid NOT NULL, "account_id" uuid NOT NULL, "polling_station" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "referendum_officers_station_length" CHECK (char_length("polling_station") BETWEEN 1 AND 64), CONSTRAINT "referendum_officers_pkey" PRIMARY KEY ("referendum_id", "account_id"))`);
    await db.query(`CREATE TABLE "referendum_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referendum_id" uuid NOT NULL, "position" smallint NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "options" text array NOT NULL, "grades" text array NOT NULL, CONSTRAINT "referendum_questions_grades_count" CHECK (array_length("grades", 1) BETWEEN 2 AND 10), CONSTRAINT "referendum_questions_options_count" CHECK (array_length("options", 1) BETWEEN 2 AND 50), CONSTRAINT "referendum_questions_text_length" CHECK (char_length("text") BETWEEN 1 AND 2000), CONSTRAINT "referendum_questions_kind_known" CHECK ("kind" IN ('yes-no','single','majority-judgment')), CONSTRAINT "referendum_questions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "referendum_questions_position_key" ON "referendum_questions" ("referendum_id", "position")`);
    await db.query(`CREATE TABLE "referendum_polls" ("question_id" uuid NOT NULL, "district" text NOT NULL, "poll_id" uuid NOT NULL, CONSTRAINT "referendum_polls_pkey" PRIMARY KEY ("question_id", "district"))`);
    await db.query(`CREATE UNIQUE INDEX "referendum_polls_poll_key" ON "referendum_polls" ("poll_id")`);
    await db.query(`CREATE TABLE "roll_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referendum_id" uuid NOT NULL, "external_id" text NOT NULL, "family_name" text NOT NULL, "given_names" text NOT NULL, "birth_date" date NOT NULL, "district" text NOT NULL, "polling_station" text NOT NULL, "code_hash" character(64), "code_issued_at" TIMESTAMP WITH TIME ZONE, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "roll_entries_failed_attempts_non_negative" CHECK ("failed_attempts" >= 0), CONSTRAINT "roll_entries_code_hash_hex" CHECK ("code_hash" IS NULL OR "code_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "roll_entries_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "roll_entries_district_idx" ON "roll_entries" ("referendum_id", "district")`);
    await db.query(`CREATE UNIQUE INDEX "roll_entries_code_hash_key" ON "roll_entries" ("code_hash") WHERE "code_hash" IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "roll_entries_external_id_key" ON "roll_entries" ("referendum_id", "external_id")`);
    await db.query(`CREATE TABLE "revoked_voting_codes" ("code_hash" character(64) NOT NULL, "roll_entry_id" uuid NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "revoked_voting_codes_pkey" PRIMARY KEY ("code_hash"))`);
    await db.query(`CREATE TABLE "roll_votes" ("roll_entry_id" uuid NOT NULL, "referendum_id" uuid NOT NULL, "channel" text NOT NULL, "recorded_by" uuid, CONSTRAINT "roll_votes_paper_has_officer" CHECK (("channel" = 'paper') = ("recorded_by" IS NOT NULL)), CONSTRAINT "roll_votes_channel_known" CHECK ("channel" IN ('online','paper')), CONSTRAINT "roll_votes_pkey" PRIMARY KEY ("roll_entry_id"))`);
    await db.query(`CREATE INDEX "roll_votes_referendum_idx" ON "roll_votes" ("referendum_id")`);
    await db.query(`CREATE TABLE "station_results" ("referendum_id" uuid NOT NULL, "polling_station" text NOT NULL, "district" text NOT NULL, "counts" jsonb NOT NULL, "officers" uuid array NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "station_results_pkey" PRIMARY KEY ("referendum_id", "polling_station"))`);
    await db.query(`CREATE TABLE "station_tallies" ("referendum_id" uuid NOT NULL, "polling_station" text NOT NULL, "officer_id" uuid NOT NULL, "counts" jsonb NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "station_tallies_pkey" PRIMARY KEY ("referendum_id", "polling_station", "officer_id"))`);
    await db.query(`ALTER TABLE "referendums" ADD CONSTRAINT "referendums_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "referendum_officers" ADD CONSTRAINT "referendum_officers_referendum_fk" FOREIGN KEY ("referendum_id") REFERENCES "referendums"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "referendum_officers" ADD CONSTRAINT "referendum_officers_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "referendum_questions" ADD CONSTRAINT "referendum_questions_referendum_fk" FOREIGN KEY ("referendum_id") REFERENCES "referendums"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "referendum_polls" ADD CONSTRAINT "referendum_polls_question_fk" FOREIGN KEY ("question_id") REFERENCES "referendum_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "referendum_polls" ADD CONSTRAINT "referendum_polls_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "roll_entries" ADD CONSTRAINT "roll_entries_referendum_fk" FOREIGN KEY ("referendum_id") REFERENCES "referendums"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "revoked_voting_codes" ADD CONSTRAINT "revoked_voting_codes_roll_entry_fk" FOREIGN KEY ("roll_entry_id") REFERENCES "roll_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "roll_votes" ADD CONSTRAINT "roll_votes_roll_entry_fk" FOREIGN KEY ("roll_entry_id") REFERENCES "roll_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "roll_votes" ADD CONSTRAINT "roll_votes_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "station_results" ADD CONSTRAINT "station_results_referendum_fk" FOREIGN KEY ("referendum_id") REFERENCES "referendums"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "station_tallies" ADD CONSTRAINT "station_tallies_referendum_fk" FOREIGN KEY ("referendum_id") REFERENCES "referendums"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "station_tallies" ADD CONSTRAINT "station_tallies_officer_fk" FOREIGN KEY ("officer_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "station_tallies" DROP CONSTRAINT "station_tallies_officer_fk"`);
    await db.query(`ALTER TABLE "station_tallies" DROP CONSTRAINT "station_tallies_referendum_fk"`);
    await db.query(`ALTER TABLE "station_results" DROP CONSTRAINT "station_results_referendum_fk"`);
    await db.query(`ALTER TABLE "roll_votes" DROP CONSTRAINT "roll_votes_recorded_by_fk"`);
    await db.query(`ALTER TABLE "roll_votes" DROP CONSTRAINT "roll_votes_roll_entry_fk"`);
    await db.query(`ALTER TABLE "revoked_voting_codes" DROP CONSTRAINT "revoked_voting_codes_roll_entry_fk"`);
    await db.query(`ALTER TABLE "roll_entries" DROP CONSTRAINT "roll_entries_referendum_fk"`);
    await db.query(`ALTER TABLE "referendum_polls" DROP CONSTRAINT "referendum_polls_poll_fk"`);
    await db.query(`ALTER TABLE "referendum_polls" DROP CONSTRAINT "referendum_polls_question_fk"`);
    await db.query(`ALTER TABLE "referendum_questions" DROP CONSTRAINT "referendum_questions_referendum_fk"`);
    await db.query(`ALTER TABLE "referendum_officers" DROP CONSTRAINT "referendum_officers_account_fk"`);
    await db.query(`ALTER TABLE "referendum_officers" DROP CONSTRAINT "referendum_officers_referendum_fk"`);
    await db.query(`ALTER TABLE "referendums" DROP CONSTRAINT "referendums_created_by_fk"`);
    await db.query(`DROP TABLE "station_tallies"`);
    await db.query(`DROP TABLE "station_results"`);
    await db.query(`DROP INDEX "public"."roll_votes_referendum_idx"`);
    await db.query(`DROP TABLE "roll_votes"`);
    await db.query(`DROP TABLE "revoked_voting_codes"`);
    await db.query(`DROP INDEX "public"."roll_entries_external_id_key"`);
    await db.query(`DROP INDEX "public"."roll_entries_code_hash_key"`);
    await db.query(`DROP INDEX "public"."roll_entries_district_idx"`);
    await db.query(`DROP TABLE "roll_entries"`);
    await db.query(`DROP INDEX "public"."referendum_polls_poll_key"`);
    await db.query(`DROP TABLE "referendum_polls"`);
    await db.query(`DROP INDEX "public"."referendum_questions_position_key"`);
    await db.query(`DROP TABLE "referendum_questions"`);
    await db.query(`DROP TABLE "referendum_officers"`);
    await db.query(`DROP TABLE "referendums"`);
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_audience_known"`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_audience_known" CHECK ("audience" IN ('assembly','residents'))`);
  }
}
