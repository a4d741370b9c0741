import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';

export const REFERENDUM_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type ReferendumStatus = (typeof REFERENDUM_STATUSES)[number];

/**
 * A citywide vote ("votation"): questions, a window (stored as instants, entered in Paris time), an
 * electoral roll frozen with its digest when the vote opens.
 */
@Entity({ name: 'referendums' })
@Check('referendums_title_length', `char_length("title") BETWEEN 1 AND 300`)
@Check('referendums_status_known', `"status" IN ('draft','open','closed','published')`)
@Check('referendums_window_order', `"closes_at" > "opens_at"`)
@Check('referendums_min_age_range', `"min_age" BETWEEN 0 AND 120`)
@Check('referendums_district_threshold_positive', `"district_threshold" >= 1`)
@Check('referendums_open_has_digest', `"status" = 'draft' OR ("roll_digest" IS NOT NULL AND "roll_size" IS NOT NULL)`)
export class ReferendumEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referendums_pkey' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: ReferendumStatus;

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  /** Age is counted on this Paris calendar day (the last day of the window). */
  @Column({ type: 'date' })
  votingDay!: string;

  @Column({ type: 'smallint', default: 16 })
  minAge!: number;

  /** Districts with fewer voters get no published result of their own. */
  @Column({ type: 'integer', default: 10 })
  districtThreshold!: number;

  /** OpenID Connect providers whose identity electors may vote with instead of the letter's code (none: codes only). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  identityProviders!: string[];

  @Column({ type: 'character', length: 64, nullable: true })
  rollDigest!: string | null;

  @Column({ type: 'integer', nullable: true })
  rollSize!: number | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'referendums_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
