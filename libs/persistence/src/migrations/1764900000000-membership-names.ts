import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Drawn members choose whether their name is shown on the assembly's public page (hidden by default). */
export class MembershipNames1764900000000 implements MigrationInterface {
  name = 'MembershipNames1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "memberships" ADD "name_shown" boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "memberships" DROP COLUMN "name_shown"`);
  }
}
