import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports on proposals are open until an organiser deals with them (keeps the proposal or hides it): the moderation queue. */
export class ReportReview1765200000000 implements MigrationInterface {
  name = 'ReportReview1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "proposal_reports" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`CREATE INDEX "proposal_reports_open_idx" ON "proposal_reports" ("proposal_id") WHERE "reviewed_at" IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "proposal_reports_open_idx"`);
    await db.query(`ALTER TABLE "proposal_reports" DROP COLUMN "reviewed_at"`);
  }
}
