import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Away from the screen is a property of each connection (tab, device), not of the account: a member
 * with one tab in the background and another in front is here.
 */
export class ConnectionAway1765000000000 implements MigrationInterface {
  name = 'ConnectionAway1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session_connections" ADD "away" boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session_connections" DROP COLUMN "away"`);
  }
}
