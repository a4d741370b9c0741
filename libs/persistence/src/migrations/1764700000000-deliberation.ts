import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live deliberation: each session's room (state and last seq), its event log, messages and
 * reactions, the session's own facilitators, socket connections for presence (with the instances
 * holding them) and the polls opened in session.
 */
export class Deliberation1764700000000 implements MigrationInterface {
  name = 'Deliberation1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "deliberation_instances" ("id" uuid NOT NULL, "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "deliberation_instances_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "deliberation_rooms" ("session_id" uuid NOT NULL, "last_seq" bigint NOT NULL DEFAULT '0', "state" jsonb NOT NULL, "next_deadline_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deliberation_rooms_seq_non_negative" CHECK ("last_seq" >= 0), CONSTRAINT "deliberation_rooms_pkey" PRIMARY KEY ("session_id"))`);
    await db.query(`CREATE INDEX "deliberation_rooms_due_idx" ON "deliberation_rooms" ("next_deadline_at") WHERE "next_deadline_at" IS NOT NULL`);
    await db.query(`CREATE TABLE "session_messages" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "seq" bigint NOT NULL, "item_index" integer, "author_id" uuid NOT NULL, "reply_to" uuid, "body" text NOT NULL, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_by" uuid, "hidden_reason" text, "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "session_messages_hidden_consistent" CHECK (("hidden_at" IS NULL) = ("hidden_reason" IS NULL) AND ("hidden_at" IS NULL) = ("hidden_by" IS NULL)), CONSTRAINT "session_messages_body_length" CHECK (char_length("body") BETWEEN 1 AND 2000), CONSTRAINT "session_messages_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "session_messages_session_seq_idx" ON "session_messages" ("session_id", "seq")`);
    await db.query(`CREATE TABLE "message_reactions" ("message_id" uuid NOT NULL, "account_id" uuid NOT NULL, "reaction" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "message_reactions_known" CHECK ("reaction" IN ('agree','disagree','unclear','applause')), CONSTRAINT "message_reactions_pkey" PRIMARY KEY ("message_id", "account_id", "reaction"))`);
    await db.query(`CREATE TABLE "session_connections" ("socket_id" text NOT NULL, "session_id" uuid NOT NULL, "account_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_connections_pkey" PRIMARY KEY ("socket_id", "session_id"))`);
    await db.query(`CREATE INDEX "session_connections_instance_idx" ON "session_connections" ("instance_id")`);
    await db.query(`CREATE INDEX "session_connections_presence_idx" ON "session_connections" ("session_id", "account_id")`);
    await db.query(`CREATE TABLE "session_events" ("session_id" uuid NOT NULL, "seq" bigint NOT NULL, "type" text NOT NULL, "actor_id" uuid, "data" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "session_events_type_length" CHECK (char_length("type") BETWEEN 1 AND 64), CONSTRAINT "session_events_seq_positive" CHECK ("seq" >= 1), CONSTRAINT "session_events_pkey" PRIMARY KEY ("session_id", "seq"))`);
    await db.query(`CREATE TABLE "session_facilitators" ("session_id" uuid NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_facilitators_pkey" PRIMARY KEY ("session_id", "account_id"))`);
    await db.query(`CREATE TABLE "session_polls" ("poll_id" uuid NOT NULL, "session_id" uuid NOT NULL, "item_index" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_polls_pkey" PRIMARY KEY ("poll_id"))`);
    await db.query(`CREATE INDEX "session_polls_session_idx" ON "session_polls" ("session_id")`);
    await db.query(`ALTER TABLE "deliberation_rooms" ADD CONSTRAINT "deliberation_rooms_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_author_fk" FOREIGN KEY ("author_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_reply_to_fk" FOREIGN KEY ("reply_to") REFERENCES "session_messages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_hidden_by_fk" FOREIGN KEY ("hidden_by") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_message_fk" FOREIGN KEY ("message_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_connections" ADD CONSTRAINT "session_connections_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_connections" ADD CONSTRAINT "session_connections_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_events" ADD CONSTRAINT "session_events_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_events" ADD CONSTRAINT "session_events_actor_fk" FOREIGN KEY ("actor_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_facilitators" ADD CONSTRAINT "session_facilitators_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_facilitators" ADD CONSTRAINT "session_facilitators_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_polls" ADD CONSTRAINT "session_polls_poll_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_polls" ADD CONSTRAINT "session_polls_session_fk" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session_polls" DROP CONSTRAINT "session_polls_session_fk"`);
    await db.query(`ALTER TABLE "session_polls" DROP CONSTRAINT "session_polls_poll_fk"`);
    await db.query(`ALTER TABLE "session_facilitators" DROP CONSTRAINT "session_facilitators_account_fk"`);
    await db.query(`ALTER TABLE "session_facilitators" DROP CONSTRAINT "session_facilitators_session_fk"`);
    await db.query(`ALTER TABLE "session_events" DROP CONSTRAINT "session_events_actor_fk"`);
    await db.query(`ALTER TABLE "session_events" DROP CONSTRAINT "session_events_session_fk"`);
    await db.query(`ALTER TABLE "session_connections" DROP CONSTRAINT "session_connections_account_fk"`);
    await db.query(`ALTER TABLE "session_connections" DROP CONSTRAINT "session_connections_session_fk"`);
    await db.query(`ALTER TABLE "message_reactions" DROP CONSTRAINT "message_reactions_account_fk"`);
    await db.query(`ALTER TABLE "message_reactions" DROP CONSTRAINT "message_reactions_message_fk"`);
    await db.query(`ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_hidden_by_fk"`);
    await db.query(`ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_reply_to_fk"`);
    await db.query(`ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_author_fk"`);
    await db.query(`ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_session_fk"`);
    await db.query(`ALTER TABLE "deliberation_rooms" DROP CONSTRAINT "deliberation_rooms_session_fk"`);
    await db.query(`DROP INDEX "public"."session_polls_session_idx"`);
    await db.query(`DROP TABLE "session_polls"`);
    await db.query(`DROP TABLE "session_facilitators"`);
    await db.query(`DROP TABLE "session_events"`);
    await db.query(`DROP INDEX "public"."session_connections_presence_idx"`);
    await db.query(`DROP INDEX "public"."session_connections_instance_idx"`);
    await db.query(`DROP TABLE "session_connections"`);
    await db.query(`DROP TABLE "message_reactions"`);
    await db.query(`DROP INDEX "public"."session_messages_session_seq_idx"`);
    await db.query(`DROP TABLE "session_messages"`);
    await db.query(`DROP INDEX "public"."deliberation_rooms_due_idx"`);
    await db.query(`DROP TABLE "deliberation_rooms"`);
    await db.query(`DROP TABLE "deliberation_instances"`);
  }
}
