import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
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
 * all public before the seed) → drawn (the seed chose the invited). Constraints: migration
 * 1765600000000-recruitment.
 */
@Entity({ name: 'invitation_draws' })
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

  @Column({ type: 'timestamptz' })
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
}

/** The lists of a draw, in the order the mix weighs them. */
@Entity({ name: 'invitation_draw_lists' })
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
