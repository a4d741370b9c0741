import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A published draw has nothing of a drawn one; a drawn one has all of it. */
const DRAWN_COMPLETE =
  `("status" = 'published' AND "seed" IS NULL AND "drawn_at" IS NULL AND "result" IS NULL AND "invited_sha256" IS NULL AND "seed_given_by" IS NULL AND "present" IS NULL)` +
  ` OR ("status" = 'drawn' AND "seed" IS NOT NULL AND "drawn_at" IS NOT NULL AND "result" IS NOT NULL AND "invited_sha256" IS NOT NULL)`;

/**
 * Stage 1 of a Paris-style recruitment (issue "Recruiting the assembly as Paris does"): the city's
 * source lists kept byte for byte (so their SHA-256 can be checked again and the draw re-read from
 * exactly what was published), invitation draws published before their seed, the invited with their
 * one-time codes (hashes only), and the respondents who form the stage-2 pool.
 */
export class Recruitment1765600000000 implements MigrationInterface {
  name = 'Recruitment1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "source_lists" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "assembly_id" uuid NOT NULL,
        "label" text NOT NULL,
        "file_name" text NOT NULL,
        "sha256" character(64) NOT NULL,
        "byte_count" bigint NOT NULL,
        "row_count" integer NOT NULL,
        "uploaded_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "source_lists_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "source_lists_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
        CONSTRAINT "source_lists_uploaded_by_fk" FOREIGN KEY ("uploaded_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
        CONSTRAINT "source_lists_label_shape" CHECK ("label" ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
        CONSTRAINT "source_lists_file_name_length" CHECK (char_length("file_name") BETWEEN 1 AND 200),
        CONSTRAINT "source_lists_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "source_lists_counts" CHECK ("byte_count" > 0 AND "row_count" > 0)
      )`);
    await db.query(`CREATE INDEX "source_lists_assembly_id_idx" ON "source_lists" ("assembly_id")`);
    // The file itself, in pieces of about 1 MiB, in upload order.
    await db.query(`
      CREATE TABLE "source_list_chunks" (
        "list_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "bytes" bytea NOT NULL,
        CONSTRAINT "source_list_chunks_pkey" PRIMARY KEY ("list_id", "seq"),
        CONSTRAINT "source_list_chunks_list_fk" FOREIGN KEY ("list_id") REFERENCES "source_lists"("id") ON DELETE CASCADE,
        CONSTRAINT "source_list_chunks_seq_nonnegative" CHECK ("seq" >= 0)
      )`);

    await db.query(`
      CREATE TABLE "invitation_draws" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "assembly_id" uuid NOT NULL,
        "status" text NOT NULL,
        "count" integer NOT NULL,
        "mix" integer[] NOT NULL,
        "strata" text[] NOT NULL,
        "counted_on" date NOT NULL,
        "questions" jsonb NOT NULL,
        "parameters_digest" character(64) NOT NULL,
        "excluded_digest" character(64) NOT NULL,
        "published_at" timestamptz NOT NULL DEFAULT now(),
        "seed" text,
        "seed_given_by" text,
        "present" text[],
        "drawn_at" timestamptz,
        "result" jsonb,
        "invited_sha256" character(64),
        "letters_issued_at" timestamptz,
        "created_by" uuid NOT NULL,
        CONSTRAINT "invitation_draws_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "invitation_draws_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
        CONSTRAINT "invitation_draws_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
        CONSTRAINT "invitation_draws_status_known" CHECK ("status" IN ('published','drawn')),
        CONSTRAINT "invitation_draws_count_positive" CHECK ("count" > 0),
        CONSTRAINT "invitation_draws_mix_nonnegative" CHECK (cardinality("mix") >= 1 AND 0 <= ALL ("mix")),
        CONSTRAINT "invitation_draws_strata_known" CHECK (cardinality("strata") >= 1 AND "strata" <@ ARRAY['district','age']::text[]),
        CONSTRAINT "invitation_draws_digests_hex" CHECK ("parameters_digest" ~ '^[0-9a-f]{64}$' AND "excluded_digest" ~ '^[0-9a-f]{64}$' AND ("invited_sha256" IS NULL OR "invited_sha256" ~ '^[0-9a-f]{64}$')),
        CONSTRAINT "invitation_draws_seed_length" CHECK ("seed" IS NULL OR char_length("seed") BETWEEN 1 AND 200),
        CONSTRAINT "invitation_draws_seed_given_by_length" CHECK ("seed_given_by" IS NULL OR char_length("seed_given_by") BETWEEN 1 AND 200),
        CONSTRAINT "invitation_draws_present_bounded" CHECK ("present" IS NULL OR cardinality("present") <= 30),
        CONSTRAINT "invitation_draws_drawn_complete" CHECK (${DRAWN_COMPLETE}),
        CONSTRAINT "invitation_draws_letters_after_draw" CHECK ("letters_issued_at" IS NULL OR "status" = 'drawn')
      )`);
    // One draw waiting for its seed per assembly: the exclusions it published stay what they were.
    await db.query(`CREATE UNIQUE INDEX "invitation_draws_one_published" ON "invitation_draws" ("assembly_id") WHERE "status" = 'published'`);
    await db.query(`
      CREATE TABLE "invitation_draw_lists" (
        "draw_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "list_id" uuid NOT NULL,
        CONSTRAINT "invitation_draw_lists_pkey" PRIMARY KEY ("draw_id", "position"),
        CONSTRAINT "invitation_draw_lists_list_once" UNIQUE ("draw_id", "list_id"),
        CONSTRAINT "invitation_draw_lists_draw_fk" FOREIGN KEY ("draw_id") REFERENCES "invitation_draws"("id") ON DELETE CASCADE,
        CONSTRAINT "invitation_draw_lists_list_fk" FOREIGN KEY ("list_id") REFERENCES "source_lists"("id") ON DELETE RESTRICT,
        CONSTRAINT "invitation_draw_lists_position_nonnegative" CHECK ("position" >= 0)
      )`);

    await db.query(`
      CREATE TABLE "invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "draw_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "assembly_id" uuid NOT NULL,
        "source" text NOT NULL,
        "person_id" text NOT NULL,
        "stratum" text NOT NULL,
        "family_name" text NOT NULL,
        "given_names" text NOT NULL,
        "birth_date" date NOT NULL,
        "address" text NOT NULL,
        "district" text NOT NULL,
        "code_hash" character(64),
        CONSTRAINT "invitations_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "invitations_draw_fk" FOREIGN KEY ("draw_id") REFERENCES "invitation_draws"("id") ON DELETE RESTRICT,
        CONSTRAINT "invitations_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
        CONSTRAINT "invitations_draw_position" UNIQUE ("draw_id", "position"),
        CONSTRAINT "invitations_position_nonnegative" CHECK ("position" >= 0),
        CONSTRAINT "invitations_code_hash_hex" CHECK ("code_hash" IS NULL OR "code_hash" ~ '^[0-9a-f]{64}$')
      )`);
    // Nobody is invited twice by the same assembly, whatever the draw.
    await db.query(`CREATE UNIQUE INDEX "invitations_person_once" ON "invitations" ("assembly_id", "source", "person_id")`);
    await db.query(`CREATE UNIQUE INDEX "invitations_code_hash_key" ON "invitations" ("code_hash") WHERE "code_hash" IS NOT NULL`);

    await db.query(`
      CREATE TABLE "respondents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "assembly_id" uuid NOT NULL,
        "invitation_id" uuid NOT NULL,
        "person_id" text NOT NULL,
        "channel" text NOT NULL,
        "consent_at" timestamptz NOT NULL,
        "features" jsonb NOT NULL,
        "contact" jsonb NOT NULL,
        "availability" text NOT NULL DEFAULT '',
        "recorded_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "respondents_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "respondents_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE RESTRICT,
        CONSTRAINT "respondents_invitation_fk" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE RESTRICT,
        CONSTRAINT "respondents_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "accounts"("id") ON DELETE RESTRICT,
        CONSTRAINT "respondents_channel_known" CHECK ("channel" IN ('online','phone','paper')),
        CONSTRAINT "respondents_recorded_by_staff" CHECK (("channel" = 'online') = ("recorded_by" IS NULL)),
        CONSTRAINT "respondents_person_id_shape" CHECK ("person_id" ~ '^R[0-9A-Z]{8}$'),
        CONSTRAINT "respondents_availability_length" CHECK (char_length("availability") <= 1000),
        CONSTRAINT "respondents_features_object" CHECK (jsonb_typeof("features") = 'object' AND jsonb_typeof("contact") = 'object')
      )`);
    // One answer per invitation; pseudonymous ids unique in the assembly (they become pool ids).
    await db.query(`CREATE UNIQUE INDEX "respondents_invitation_once" ON "respondents" ("invitation_id")`);
    await db.query(`CREATE UNIQUE INDEX "respondents_person_id_key" ON "respondents" ("assembly_id", "person_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "respondents"`);
    await db.query(`DROP TABLE "invitations"`);
    await db.query(`DROP TABLE "invitation_draw_lists"`);
    await db.query(`DROP TABLE "invitation_draws"`);
    await db.query(`DROP TABLE "source_list_chunks"`);
    await db.query(`DROP TABLE "source_lists"`);
  }
}
