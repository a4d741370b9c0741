import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import type { InvitationDraw } from '@app/sortition';
import { AssemblyEntity } from './assembly.entity.js';
import { SourceListEntity } from './source-list.entity.js';

export const INVITATION_DRAW_STATUSES = ['published', 'drawn'] as const;
export type InvitationDrawStatus = (typeof INVITATION_DRAW_STATUSES)[number];

/** A question the respondents' form asks, whose answer becomes a feature of the stage-2 pool. */
export interface RespondentQuestion {
  category: string;
  values: string[];
}

/** What the draw found, beside the invited (stored as invitations): allocation, shortfall, exclusions. */
export type InvitationDrawResult = Pick<InvitationDraw, 'allocation' | 'shortfall' | 'excluded'> & { invitedCount: number };

/**
 * Stage 1: published (the lists' digests, the parameters and their digest, the exclusions' digest,
 * all public before the seed) → drawn (the seed chose the invited).
 */
@Entity({ name: 'invitation_draws' })
@Check('invitation_draws_status_known', `"status" IN ('published','drawn')`)
@Check('invitation_draws_count_positive', `"count" > 0`)
@Check('invitation_draws_mix_nonnegative', `cardinality("mix") >= 1 AND 0 <= ALL ("mix")`)
@Check('invitation_draws_strata_known', `cardinality("strata") >= 1 AND "strata" <@ ARRAY['district','age']::text[]`)
@Check(
  'invitation_draws_digests_hex',
  `"parameters_digest" ~ '^[0-9a-f]{64}$' AND "excluded_digest" ~ '^[0-9a-f]{64}$' AND ("invited_sha256" IS NULL OR "invited_sha256" ~ '^[0-9a-f]{64}$')`,
)
@Check('invitation_draws_seed_length', `"seed" IS NULL OR char_length("seed") BETWEEN 1 AND 200`)
@Check('invitation_draws_seed_given_by_length', `"seed_given_by" IS NULL OR char_length("seed_given_by") BETWEEN 1 AND 200`)
@Check('invitation_draws_present_bounded', `"present" IS NULL OR cardinality("present") <= 30`)
@Check(
  'invitation_draws_drawn_complete',
  `("status" = 'published' AND "seed" IS NULL AND "drawn_at" IS NULL AND "result" IS NULL AND "invited_sha256" IS NULL AND "seed_given_by" IS NULL AND "present" IS NULL)` +
    ` OR ("status" = 'drawn' AND "seed" IS NOT NULL AND "drawn_at" IS NOT NULL AND "result" IS NOT NULL AND "invited_sha256" IS NOT NULL)`,
)
@Check('invitation_draws_letters_after_draw', `"letters_issued_at" IS NULL OR "status" = 'drawn'`)
// One draw waiting for its seed per assembly: the exclusions it published stay what they were.
@Index('invitation_draws_one_published', ['assemblyId'], { unique: true, where: `"status" = 'published'` })
export class InvitationDrawEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitation_draws_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'invitation_draws_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  status!: InvitationDrawStatus;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'integer', array: true })
  mix!: number[];

  @Column({ type: 'text', array: true })
  strata!: Array<'district' | 'age'>;

  /** YYYY-MM-DD: the day ages are counted on. */
  @Column({ type: 'date' })
  countedOn!: string;

  @Column({ type: 'jsonb' })
  questions!: RespondentQuestion[];

  @Column({ type: 'character', length: 64 })
  parametersDigest!: string;

  @Column({ type: 'character', length: 64 })
  excludedDigest!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt!: Date;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ type: 'text', nullable: true })
  seedGivenBy!: string | null;

  @Column({ type: 'text', array: true, nullable: true })
  present!: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  drawnAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: InvitationDrawResult | null;

  /** SHA-256 of the invited as CSV (id, source, stratum), what `pnyx sortition invite --out` writes. */
  @Column({ type: 'character', length: 64, nullable: true })
  invitedSha256!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lettersIssuedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'invitation_draws_created_by_fk' })
  creator?: Relation<AccountEntity>;
}

/** The lists of a draw, in the order the mix weighs them. */
@Entity({ name: 'invitation_draw_lists' })
@Check('invitation_draw_lists_position_nonnegative', `"position" >= 0`)
@Unique('invitation_draw_lists_list_once', ['drawId', 'listId'])
export class InvitationDrawListEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'invitation_draw_lists_pkey' })
  drawId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'invitation_draw_lists_pkey' })
  position!: number;

  @Column({ type: 'uuid' })
  listId!: string;

  @ManyToOne(() => InvitationDrawEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'invitation_draw_lists_draw_fk' })
  draw?: Relation<InvitationDrawEntity>;

  @ManyToOne(() => SourceListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'invitation_draw_lists_list_fk' })
  list?: Relation<SourceListEntity>;
}
