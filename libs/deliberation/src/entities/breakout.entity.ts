import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { AccountEntity } from '@app/identity';

export const BREAKOUT_METHODS = ['random', 'manual'] as const;
export type BreakoutMethod = (typeof BREAKOUT_METHODS)[number];
export const SUMMARY_MAX_LENGTH = 1800;

/** A plenary's split into workshop groups, from its opening to its close. */
@Entity({ name: 'breakouts' })
@Check('breakouts_method_known', `"method" IN ('random','manual')`)
@Check('breakouts_random_has_seed', `("method" = 'random') = ("seed" IS NOT NULL)`)
@Check('breakouts_ends_after_opening', `"ends_at" > "opened_at"`)
@Check('breakouts_closed_after_opening', `"closed_at" IS NULL OR "closed_at" >= "opened_at"`)
@Index('breakouts_one_open', ['sessionId'], { unique: true, where: `"closed_at" IS NULL` })
export class BreakoutEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'breakouts_pkey' })
  id!: string;

  /** The plenary. */
  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'breakouts_session_fk' })
  session?: Relation<SessionEntity>;

  /** The plenary's item the groups work on (their summaries are posted on it). */
  @Column({ type: 'integer', nullable: true })
  itemIndex!: number | null;

  @Column({ type: 'text' })
  method!: BreakoutMethod;

  /** Pool features the groups were balanced on. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  features!: string[];

  /** The random split's seed, so the split can be re-run. */
  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ type: 'uuid' })
  openedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by', foreignKeyConstraintName: 'breakouts_opened_by_fk' })
  opener?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** One workshop group: a session of its own, its facilitator, its reporter and summary. */
@Entity({ name: 'breakout_groups' })
@Check('breakout_groups_index_range', `"index" BETWEEN 1 AND 50`)
@Check('breakout_groups_summary_length', `"summary" IS NULL OR char_length("summary") BETWEEN 1 AND ${SUMMARY_MAX_LENGTH}`)
@Check('breakout_groups_summary_dated', `("summary" IS NULL) = ("reported_at" IS NULL)`)
@Check('breakout_groups_summary_by_reporter', `"summary" IS NULL OR "reporter_id" IS NOT NULL`)
@Index('breakout_groups_breakout_index_key', ['breakoutId', 'index'], { unique: true })
export class BreakoutGroupEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'breakout_groups_pkey' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'breakout_groups_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'uuid' })
  breakoutId!: string;

  @ManyToOne(() => BreakoutEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'breakout_id', foreignKeyConstraintName: 'breakout_groups_breakout_fk' })
  breakout?: Relation<BreakoutEntity>;

  @Column({ type: 'smallint' })
  index!: number;

  @Column({ type: 'uuid', nullable: true })
  facilitatorId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facilitator_id', foreignKeyConstraintName: 'breakout_groups_facilitator_fk' })
  facilitator?: Relation<AccountEntity>;

  @Column({ type: 'uuid', nullable: true })
  reporterId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'breakout_groups_reporter_fk' })
  reporter?: Relation<AccountEntity>;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;
}

/** Who is in which group: one group per member and breakout. */
@Entity({ name: 'breakout_members' })
@Index('breakout_members_group_idx', ['groupSessionId'])
export class BreakoutMemberEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'breakout_members_pkey' })
  breakoutId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'breakout_members_pkey' })
  accountId!: string;

  @ManyToOne(() => BreakoutEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'breakout_id', foreignKeyConstraintName: 'breakout_members_breakout_fk' })
  breakout?: Relation<BreakoutEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'breakout_members_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'uuid' })
  groupSessionId!: string;

  @ManyToOne(() => BreakoutGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_session_id', referencedColumnName: 'sessionId', foreignKeyConstraintName: 'breakout_members_group_fk' })
  group?: Relation<BreakoutGroupEntity>;
}
