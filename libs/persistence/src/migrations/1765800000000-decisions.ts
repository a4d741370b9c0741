import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions followed to the end (issue #19): a proposal the assembly adopted, the vote that adopted
 * it, its transmission to the Conseil de Paris, the council's answer, then implementation milestones;
 * and every change as an entry of the public feed. One decision per proposal; each answer's shape
 * is checked (an amended text, a rejection's reasons).
 */
export class Decisions1765800000000 implements MigrationInterface {
  name = 'Decisions1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "decisions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assembly_id" uuid NOT NULL,
      "proposal_id" uuid NOT NULL,
      "poll_id" uuid NOT NULL,
      "title" text NOT NULL,
      "text" text NOT NULL,
      "adopted_on" date NOT NULL,
      "transmitted_on" date,
      "transmission_reference" text,
      "answer_due_on" date,
      "council_answer" text,
      "answered_on" date,
      "council_text" text,
      "council_reasons" text,
      "created_by" uuid NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "decisions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "decisions_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
      CONSTRAINT "decisions_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT,
      CONSTRAINT "decisions_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT,
      CONSTRAINT "decisions_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
      CONSTRAINT "decisions_title_length" CHECK (char_length("title") BETWEEN 1 AND 200),
      CONSTRAINT "decisions_text_length" CHECK (char_length("text") <= 50000),
      CONSTRAINT "decisions_transmission_complete" CHECK (("transmitted_on" IS NULL) = ("transmission_reference" IS NULL)),
      CONSTRAINT "decisions_reference_length" CHECK ("transmission_reference" IS NULL OR char_length("transmission_reference") BETWEEN 1 AND 100),
      CONSTRAINT "decisions_due_after_transmission" CHECK ("answer_due_on" IS NULL OR ("transmitted_on" IS NOT NULL AND "answer_due_on" >= "transmitted_on")),
      CONSTRAINT "decisions_answer_known" CHECK ("council_answer" IS NULL OR "council_answer" IN ('adopted','amended','rejected')),
      CONSTRAINT "decisions_answer_after_transmission" CHECK ("council_answer" IS NULL OR ("transmitted_on" IS NOT NULL AND "answered_on" >= "transmitted_on")),
      CONSTRAINT "decisions_answer_dated" CHECK (("council_answer" IS NULL) = ("answered_on" IS NULL)),
      CONSTRAINT "decisions_amended_has_text" CHECK (("council_answer" = 'amended' AND "council_text" IS NOT NULL) OR ("council_answer" IS DISTINCT FROM 'amended' AND "council_text" IS NULL)),
      CONSTRAINT "decisions_rejected_has_reasons" CHECK (("council_answer" = 'rejected' AND "council_reasons" IS NOT NULL) OR ("council_answer" IS DISTINCT FROM 'rejected' AND "council_reasons" IS NULL)),
      CONSTRAINT "decisions_council_text_length" CHECK ("council_text" IS NULL OR char_length("council_text") BETWEEN 1 AND 50000),
      CONSTRAINT "decisions_council_reasons_length" CHECK ("council_reasons" IS NULL OR char_length("council_reasons") BETWEEN 1 AND 5000)
    )`);
    await db.query(`CREATE UNIQUE INDEX "decisions_proposal_key" ON "decisions" ("proposal_id")`);
    await db.query(`CREATE INDEX "decisions_assembly_idx" ON "decisions" ("assembly_id", "adopted_on")`);

    await db.query(`CREATE TABLE "decision_milestones" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "decision_id" uuid NOT NULL,
      "title" text NOT NULL,
      "department" text NOT NULL,
      "planned_on" date NOT NULL,
      "status" text NOT NULL DEFAULT 'planned',
      "done_on" date,
      "committed_cents" bigint,
      "note" text NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "decision_milestones_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "decision_milestones_decision_fk" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE RESTRICT,
      CONSTRAINT "decision_milestones_title_length" CHECK (char_length("title") BETWEEN 1 AND 200),
      CONSTRAINT "decision_milestones_department_length" CHECK (char_length("department") BETWEEN 1 AND 200),
      CONSTRAINT "decision_milestones_status_known" CHECK ("status" IN ('planned','in-progress','done','cancelled')),
      CONSTRAINT "decision_milestones_done_dated" CHECK (("status" = 'done') = ("done_on" IS NOT NULL)),
      CONSTRAINT "decision_milestones_committed_range" CHECK ("committed_cents" IS NULL OR "committed_cents" BETWEEN 0 AND 100000000000000),
      CONSTRAINT "decision_milestones_note_length" CHECK (char_length("note") <= 2000)
    )`);
    await db.query(`CREATE INDEX "decision_milestones_decision_idx" ON "decision_milestones" ("decision_id", "planned_on")`);

    await db.query(`CREATE TABLE "decision_changes" (
      "seq" bigserial NOT NULL,
      "decision_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "data" jsonb NOT NULL,
      "at" timestamptz NOT NULL,
      CONSTRAINT "decision_changes_pkey" PRIMARY KEY ("seq"),
      CONSTRAINT "decision_changes_decision_fk" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE RESTRICT,
      CONSTRAINT "decision_changes_kind_known" CHECK ("kind" IN ('adopted','transmitted','answered','milestone-added','milestone-updated'))
    )`);
    await db.query(`CREATE INDEX "decision_changes_decision_idx" ON "decision_changes" ("decision_id", "seq")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "decision_changes"`);
    await db.query(`DROP TABLE "decision_milestones"`);
    await db.query(`DROP TABLE "decisions"`);
  }
}
