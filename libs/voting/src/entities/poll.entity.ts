import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from '@app/assembly';
import type { RankingJson } from '@app/majority-judgment';

export const POLL_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
/**
 * `roll`: a referendum's electoral roll (libs/referendum casts those ballots with voting codes);
 * `budget`: a participatory budget's envelope (libs/budget says who may vote, by district).
 */
export const POLL_AUDIENCES = ['assembly', 'residents', 'roll', 'budget'] as const;
export type PollAudience = (typeof POLL_AUDIENCES)[number];
export const REVOTE_POLICIES = ['never', 'until-close'] as const;
export type RevotePolicy = (typeof REVOTE_POLICIES)[number];
/** What an option left ungraded on a ballot counts as: refused (every option must be graded), the worst grade, or the option's median. */
export const SKIPPED_POLICIES = ['refuse', 'worst', 'median'] as const;
export type SkippedPolicy = (typeof SKIPPED_POLICIES)[number];
export const POLL_TIE_BREAKS = ['majority-value', 'usual', 'typical', 'central'] as const;
export type PollTieBreak = (typeof POLL_TIE_BREAKS)[number];

/** The published outcome, computed once at close. */
export interface PollResult {
  ballots: number;
  participations: number;
  /** Null for the few seconds between the close (results) and the sealing of the bulletin board. */
  bulletinBoardDigest: string | null;
  ranking: RankingJson;
}

/**
 * A majority-judgment poll: draft → open → closed → published. Options and grades are fixed once
 * open. Assembly polls are for the assembly's members; resident polls for any resident account.
 */
@Entity({ name: 'polls' })
@Check('polls_title_length', `char_length("title") BETWEEN 1 AND 300`)
@Check('polls_status_known', `"status" IN ('draft','open','closed','published')`)
@Check('polls_audience_known', `"audience" IN ('assembly','residents','roll','budget')`)
@Check('polls_assembly_audience', `("audience" = 'assembly') = ("assembly_id" IS NOT NULL)`)
@Check('polls_revote_known', `"revote" IN ('never','until-close')`)
@Check('polls_skipped_known', `"skipped" IN ('refuse','worst','median')`)
@Check('polls_tie_break_known', `"tie_break" IN ('majority-value','usual','typical','central')`)
@Check('polls_grade_count', `array_length("grades", 1) BETWEEN 2 AND 10`)
@Check('polls_window_order', `"opens_at" IS NULL OR "closes_at" IS NULL OR "closes_at" > "opens_at"`)
@Check('polls_closed_has_result', `"status" NOT IN ('closed','published') OR "result" IS NOT NULL`)
export class PollEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'polls_pkey' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Grade labels, worst first. */
  @Column({ type: 'text', array: true })
  grades!: string[];

  @Column({ type: 'text' })
  audience!: PollAudience;

  @Index('polls_assembly_id_idx')
  @Column({ type: 'uuid', nullable: true })
  assemblyId!: string | null;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'polls_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  opensAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt!: Date | null;

  @Column({ type: 'text', default: 'never' })
  revote!: RevotePolicy;

  @Column({ type: 'text', default: 'refuse' })
  skipped!: SkippedPolicy;

  @Column({ type: 'text', default: 'majority-value' })
  tieBreak!: PollTieBreak;

  @Column({ type: 'text', default: 'draft' })
  status!: PollStatus;

  @Column({ type: 'jsonb', nullable: true })
  result!: PollResult | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'polls_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** When the closed poll's ballots and participations were rewritten in an order unrelated to casting. */
  @Column({ type: 'timestamptz', nullable: true })
  ballotsMixedAt!: Date | null;
}
