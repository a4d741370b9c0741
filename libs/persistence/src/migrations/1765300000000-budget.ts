import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The participatory budget: editions with their calendar, grade scale and rule; envelopes (citywide,
 * per district, ring-fenced) in whole cents, each with its majority-judgment poll once the ballot is
 * fixed (polls gain the `budget` audience); residents' ideas with French and English full-text search
 * (trigger-maintained tsvector, GIN) and followers; projects made of ideas (their lineage), the
 * services' feasibility decisions and their options in the polls; each resident's declared district
 * and first ballot; the winners of each envelope as computed at the close; the follow-up of the
 * winners (status, money committed and spent) with every update kept as a timeline.
 */

export class Budget1765300000000 implements MigrationInterface {
  name = 'Budget1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_audience_known"`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_audience_known" CHECK ("audience" IN ('assembly','residents','roll','budget'))`);
    await db.query(`CREATE TABLE "budget_editions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "phase" text NOT NULL DEFAULT 'draft', "rule" text NOT NULL, "completion" text, "grades" text array NOT NULL, "approval_threshold" smallint NOT NULL, "ideas_from" date NOT NULL, "co_construction_from" date NOT NULL, "feasibility_from" date NOT NULL, "ballot_from" date NOT NULL, "vote_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "vote_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "results_from" date NOT NULL, "follow_up_from" date NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_editions_calendar_order" CHECK ("ideas_from" <= "co_construction_from" AND "co_construction_from" <= "feasibility_from" AND "feasibility_from" <= "ballot_from" AND "ballot_from" <= ("vote_opens_at" AT TIME ZONE 'Europe/Paris')::date AND "vote_opens_at" < "vote_closes_at" AND ("vote_closes_at" AT TIME ZONE 'Europe/Paris')::date <= "results_from" AND "results_from" <= "follow_up_from"), CONSTRAINT "budget_editions_threshold_range" CHECK ("approval_threshold" >= 1 AND "approval_threshold" < array_length("grades", 1)), CONSTRAINT "budget_editions_grades_count" CHECK (array_length("grades", 1) BETWEEN 2 AND 10), CONSTRAINT "budget_editions_completion_known" CHECK ("completion" IS NULL OR ("completion" = 'greedy' AND "rule" = 'equal-shares')), CONSTRAINT "budget_editions_rule_known" CHECK ("rule" IN ('greedy','equal-shares')), CONSTRAINT "budget_editions_phase_known" CHECK ("phase" IN ('draft','ideas','co-construction','feasibility','ballot','vote','results','follow-up')), CONSTRAINT "budget_editions_title_length" CHECK (char_length("title") BETWEEN 1 AND 200), CONSTRAINT "budget_editions_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "budget_envelopes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "kind" text NOT NULL, "district" text, "name" text NOT NULL, "amount_cents" bigint NOT NULL, "max_project_cost_cents" bigint, "poll_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_envelopes_max_cost_positive" CHECK ("max_project_cost_cents" IS NULL OR ("max_project_cost_cents" > 0 AND "max_project_cost_cents" <= "amount_cents")), CONSTRAINT "budget_envelopes_amount_positive" CHECK ("amount_cents" > 0), CONSTRAINT "budget_envelopes_name_length" CHECK (char_length("name") BETWEEN 1 AND 200), CONSTRAINT "budget_envelopes_district_iff_kind" CHECK (("kind" = 'district') = ("district" IS NOT NULL)), CONSTRAINT "budget_envelopes_kind_known" CHECK ("kind" IN ('citywide','district','ring-fenced')), CONSTRAINT "budget_envelopes_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "budget_envelopes_poll_key" ON "budget_envelopes" ("poll_id") WHERE "poll_id" IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "budget_envelopes_name_key" ON "budget_envelopes" ("edition_id", "name")`);
    await db.query(`CREATE UNIQUE INDEX "budget_envelopes_district_key" ON "budget_envelopes" ("edition_id", "district") WHERE "district" IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "budget_envelopes_citywide_key" ON "budget_envelopes" ("edition_id") WHERE "kind" = 'citywide'`);
    await db.query(`CREATE TABLE "budget_ideas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "author_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL DEFAULT '', "district" text, "location" text NOT NULL DEFAULT '', "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_ideas_location_length" CHECK (char_length("location") <= 500), CONSTRAINT "budget_ideas_body_length" CHECK (char_length("body") <= 20000), CONSTRAINT "budget_ideas_title_length" CHECK (char_length("title") BETWEEN 1 AND 200), CONSTRAINT "budget_ideas_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "budget_ideas_author_id_idx" ON "budget_ideas" ("author_id")`);
    await db.query(`CREATE INDEX "budget_ideas_listing_idx" ON "budget_ideas" ("edition_id", "created_at", "id")`);
    await db.query(`CREATE TABLE "budget_idea_follows" ("idea_id" uuid NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_idea_follows_pkey" PRIMARY KEY ("idea_id", "account_id"))`);
    await db.query(`CREATE TABLE "budget_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "district" text, "location" text NOT NULL DEFAULT '', "feasibility" text NOT NULL DEFAULT 'pending', "feasibility_reason" text, "cost_cents" bigint, "envelope_id" uuid, "poll_option_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_projects_cost_positive" CHECK ("cost_cents" IS NULL OR "cost_cents" > 0), CONSTRAINT "budget_projects_decision_has_reason" CHECK ("feasibility" = 'pending' OR "feasibility_reason" IS NOT NULL), CONSTRAINT "budget_projects_admissible_costed" CHECK ("feasibility" <> 'admissible' OR ("cost_cents" IS NOT NULL AND "envelope_id" IS NOT NULL)), CONSTRAINT "budget_projects_feasibility_known" CHECK ("feasibility" IN ('pending','admissible','inadmissible')), CONSTRAINT "budget_projects_location_length" CHECK (char_length("location") <= 500), CONSTRAINT "budget_projects_description_length" CHECK (char_length("description") <= 20000), CONSTRAINT "budget_projects_title_length" CHECK (char_length("title") BETWEEN 1 AND 200), CONSTRAINT "budget_projects_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "budget_projects_envelope_id_idx" ON "budget_projects" ("envelope_id")`);
    await db.query(`CREATE UNIQUE INDEX "budget_projects_poll_option_key" ON "budget_projects" ("poll_option_id") WHERE "poll_option_id" IS NOT NULL`);
    await db.query(`CREATE INDEX "budget_projects_listing_idx" ON "budget_projects" ("edition_id", "created_at", "id")`);
    await db.query(`CREATE TABLE "budget_project_ideas" ("project_id" uuid NOT NULL, "idea_id" uuid NOT NULL, CONSTRAINT "budget_project_ideas_pkey" PRIMARY KEY ("project_id", "idea_id"))`);
    await db.query(`CREATE INDEX "budget_project_ideas_idea_id_idx" ON "budget_project_ideas" ("idea_id")`);
    await db.query(`CREATE TABLE "budget_voters" ("edition_id" uuid NOT NULL, "account_id" uuid NOT NULL, "district" text, "first_ballot_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "budget_voters_district_length" CHECK ("district" IS NULL OR char_length("district") BETWEEN 1 AND 64), CONSTRAINT "budget_voters_pkey" PRIMARY KEY ("edition_id", "account_id"))`);
    await db.query(`CREATE TABLE "budget_results" ("envelope_id" uuid NOT NULL, "rule" text NOT NULL, "completion" text, "budget_cents" bigint NOT NULL, "spent_cents" bigint NOT NULL, "voters" integer NOT NULL, "lines" jsonb NOT NULL, "rounds" jsonb NOT NULL DEFAULT '[]', "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "budget_results_spent_within" CHECK ("spent_cents" >= 0 AND "spent_cents" <= "budget_cents"), CONSTRAINT "budget_results_rule_known" CHECK ("rule" IN ('greedy','equal-shares')), CONSTRAINT "budget_results_pkey" PRIMARY KEY ("envelope_id"))`);
    await db.query(`CREATE TABLE "budget_follow_ups" ("project_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'study', "reason" text, "committed_cents" bigint NOT NULL DEFAULT '0', "spent_cents" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "budget_follow_ups_money_non_negative" CHECK ("committed_cents" >= 0 AND "spent_cents" >= 0), CONSTRAINT "budget_follow_ups_abandoned_has_reason" CHECK ("status" <> 'abandoned' OR "reason" IS NOT NULL), CONSTRAINT "budget_follow_ups_status_known" CHECK ("status" IN ('study','works','delivered','abandoned')), CONSTRAINT "budget_follow_ups_pkey" PRIMARY KEY ("project_id"))`);
    await db.query(`CREATE TABLE "budget_follow_up_events" ("seq" BIGSERIAL NOT NULL, "project_id" uuid NOT NULL, "status" text NOT NULL, "reason" text, "committed_cents" bigint NOT NULL, "spent_cents" bigint NOT NULL, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "budget_follow_up_events_status_known" CHECK ("status" IN ('study','works','delivered','abandoned')), CONSTRAINT "budget_follow_up_events_pkey" PRIMARY KEY ("seq"))`);
    await db.query(`CREATE INDEX "budget_follow_up_events_timeline_idx" ON "budget_follow_up_events" ("project_id", "seq")`);
    await db.query(`ALTER TABLE "budget_editions" ADD CONSTRAINT "budget_editions_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_envelopes" ADD CONSTRAINT "budget_envelopes_edition_fk" FOREIGN KEY ("edition_id") REFERENCES "budget_editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_envelopes" ADD CONSTRAINT "budget_envelopes_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_ideas" ADD CONSTRAINT "budget_ideas_edition_fk" FOREIGN KEY ("edition_id") REFERENCES "budget_editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_ideas" ADD CONSTRAINT "budget_ideas_author_fk" FOREIGN KEY ("author_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_idea_follows" ADD CONSTRAINT "budget_idea_follows_idea_fk" FOREIGN KEY ("idea_id") REFERENCES "budget_ideas"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_idea_follows" ADD CONSTRAINT "budget_idea_follows_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_edition_fk" FOREIGN KEY ("edition_id") REFERENCES "budget_editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_envelope_fk" FOREIGN KEY ("envelope_id") REFERENCES "budget_envelopes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_project_ideas" ADD CONSTRAINT "budget_project_ideas_project_fk" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_project_ideas" ADD CONSTRAINT "budget_project_ideas_idea_fk" FOREIGN KEY ("idea_id") REFERENCES "budget_ideas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_edition_fk" FOREIGN KEY ("edition_id") REFERENCES "budget_editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_results" ADD CONSTRAINT "budget_results_envelope_fk" FOREIGN KEY ("envelope_id") REFERENCES "budget_envelopes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_follow_ups" ADD CONSTRAINT "budget_follow_ups_project_fk" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_follow_up_events" ADD CONSTRAINT "budget_follow_up_events_project_fk" FOREIGN KEY ("project_id") REFERENCES "budget_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "budget_follow_up_events" ADD CONSTRAINT "budget_follow_up_events_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`CREATE FUNCTION budget_ideas_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('french', NEW.title), 'A') || setweight(to_tsvector('english', NEW.title), 'A') ||
          setweight(to_tsvector('simple', coalesce(NEW.district, '') || ' ' || NEW.location), 'B') ||
          setweight(to_tsvector('french', NEW.body), 'C') || setweight(to_tsvector('english', NEW.body), 'C');
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER budget_ideas_search_vector_update BEFORE INSERT OR UPDATE OF title, body, district, location ON "budget_ideas"
      FOR EACH ROW EXECUTE FUNCTION budget_ideas_search_vector()`);
    await db.query(`CREATE INDEX "budget_ideas_search_idx" ON "budget_ideas" USING GIN ("search_vector")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."budget_ideas_search_idx"`);
    await db.query(`DROP TRIGGER "budget_ideas_search_vector_update" ON "budget_ideas"`);
    await db.query(`DROP FUNCTION budget_ideas_search_vector()`);
    await db.query(`ALTER TABLE "budget_follow_up_events" DROP CONSTRAINT "budget_follow_up_events_recorded_by_fk"`);
    await db.query(`ALTER TABLE "budget_follow_up_events" DROP CONSTRAINT "budget_follow_up_events_project_fk"`);
    await db.query(`ALTER TABLE "budget_follow_ups" DROP CONSTRAINT "budget_follow_ups_project_fk"`);
    await db.query(`ALTER TABLE "budget_results" DROP CONSTRAINT "budget_results_envelope_fk"`);
    await db.query(`ALTER TABLE "budget_voters" DROP CONSTRAINT "budget_voters_account_fk"`);
    await db.query(`ALTER TABLE "budget_voters" DROP CONSTRAINT "budget_voters_edition_fk"`);
    await db.query(`ALTER TABLE "budget_project_ideas" DROP CONSTRAINT "budget_project_ideas_idea_fk"`);
    await db.query(`ALTER TABLE "budget_project_ideas" DROP CONSTRAINT "budget_project_ideas_project_fk"`);
    await db.query(`ALTER TABLE "budget_projects" DROP CONSTRAINT "budget_projects_envelope_fk"`);
    await db.query(`ALTER TABLE "budget_projects" DROP CONSTRAINT "budget_projects_edition_fk"`);
    await db.query(`ALTER TABLE "budget_idea_follows" DROP CONSTRAINT "budget_idea_follows_account_fk"`);
    await db.query(`ALTER TABLE "budget_idea_follows" DROP CONSTRAINT "budget_idea_follows_idea_fk"`);
    await db.query(`ALTER TABLE "budget_ideas" DROP CONSTRAINT "budget_ideas_author_fk"`);
    await db.query(`ALTER TABLE "budget_ideas" DROP CONSTRAINT "budget_ideas_edition_fk"`);
    await db.query(`ALTER TABLE "budget_envelopes" DROP CONSTRAINT "budget_envelopes_poll_fk"`);
    await db.query(`ALTER TABLE "budget_envelopes" DROP CONSTRAINT "budget_envelopes_edition_fk"`);
    await db.query(`ALTER TABLE "budget_editions" DROP CONSTRAINT "budget_editions_created_by_fk"`);
    await db.query(`DROP INDEX "public"."budget_follow_up_events_timeline_idx"`);
    await db.query(`DROP TABLE "budget_follow_up_events"`);
    await db.query(`DROP TABLE "budget_follow_ups"`);
    await db.query(`DROP TABLE "budget_results"`);
    await db.query(`DROP TABLE "budget_voters"`);
    await db.query(`DROP INDEX "public"."budget_project_ideas_idea_id_idx"`);
    await db.query(`DROP TABLE "budget_project_ideas"`);
    await db.query(`DROP INDEX "public"."budget_projects_listing_idx"`);
    await db.query(`DROP INDEX "public"."budget_projects_poll_option_key"`);
    await db.query(`DROP INDEX "public"."budget_projects_envelope_id_idx"`);
    await db.query(`DROP TABLE "budget_projects"`);
    await db.query(`DROP TABLE "budget_idea_follows"`);
    await db.query(`DROP INDEX "public"."budget_ideas_listing_idx"`);
    await db.query(`DROP INDEX "public"."budget_ideas_author_id_idx"`);
    await db.query(`DROP TABLE "budget_ideas"`);
    await db.query(`DROP INDEX "public"."budget_envelopes_citywide_key"`);
    await db.query(`DROP INDEX "public"."budget_envelopes_district_key"`);
    await db.query(`DROP INDEX "public"."budget_envelopes_name_key"`);
    await db.query(`DROP INDEX "public"."budget_envelopes_poll_key"`);
    await db.query(`DROP TABLE "budget_envelopes"`);
    await db.query(`DROP TABLE "budget_editions"`);
    await db.query(`ALTER TABLE "polls" DROP CONSTRAINT "polls_audience_known"`);
    await db.query(`ALTER TABLE "polls" ADD CONSTRAINT "polls_audience_known" CHECK ("audience" IN ('assembly','residents','roll'))`);
  }
}
