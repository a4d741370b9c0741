import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A draw can carry LEGACY's empirical distribution on the same instance, for the probability chart's comparison. */
export class LegacyComparison1765100000000 implements MigrationInterface {
  name = 'LegacyComparison1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "draws" ADD "legacy_comparison" jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "draws" DROP COLUMN "legacy_comparison"`);
  }
}
