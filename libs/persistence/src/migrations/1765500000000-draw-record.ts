import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a draw's official record (procès-verbal) needs beyond the bundle, entered with the seed: who
 * gave the seed and the people present (the bailiff, organisers, witnesses). Bounded like the API
 * bounds them, so the record stays a document a person can sign.
 */
export class DrawRecord1765500000000 implements MigrationInterface {
  name = 'DrawRecord1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "draws" ADD COLUMN "seed_given_by" text, ADD COLUMN "present" text[]`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_seed_given_by_length" CHECK ("seed_given_by" IS NULL OR char_length("seed_given_by") BETWEEN 1 AND 200)`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_present_bounded" CHECK ("present" IS NULL OR cardinality("present") <= 30)`);
    await db.query(`ALTER TABLE "draws" ADD CONSTRAINT "draws_record_after_seed" CHECK (("seed_given_by" IS NULL AND "present" IS NULL) OR "status" = 'seeded')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "draws" DROP CONSTRAINT "draws_record_after_seed", DROP CONSTRAINT "draws_present_bounded", DROP CONSTRAINT "draws_seed_given_by_length"`);
    await db.query(`ALTER TABLE "draws" DROP COLUMN "present", DROP COLUMN "seed_given_by"`);
  }
}
