import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { ProjectEntity } from './project.entity.js';

/** A winning project's way to delivery: forward only, or abandoned (with a reason) before delivery. */
export const FOLLOW_UP_STATUSES = ['study', 'works', 'delivered', 'abandoned'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Where a winning project stands now: its status and the money committed and spent (whole cents). */
@Entity({ name: 'budget_follow_ups' })
@Check('budget_follow_ups_status_known', `"status" IN ('study','works','delivered','abandoned')`)
@Check('budget_follow_ups_abandoned_has_reason', `"status" <> 'abandoned' OR "reason" IS NOT NULL`)
@Check('budget_follow_ups_money_non_negative', `"committed_cents" >= 0 AND "spent_cents" >= 0`)
export class FollowUpEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_follow_ups_pkey' })
  projectId!: string;

  @OneToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'budget_follow_ups_project_fk' })
  project?: Relation<ProjectEntity>;

  @Column({ type: 'text', default: 'study' })
  status!: FollowUpStatus;

  /** Public: why it was abandoned, or a note on the latest step. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'bigint', default: '0' })
  committedCents!: string;

  @Column({ type: 'bigint', default: '0' })
  spentCents!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every update of a follow-up, kept: the project's public timeline. */
@Entity({ name: 'budget_follow_up_events' })
@Check('budget_follow_up_events_status_known', `"status" IN ('study','works','delivered','abandoned')`)
@Index('budget_follow_up_events_timeline_idx', ['projectId', 'seq'])
export class FollowUpEventEntity {
  /** In recording order (times can be equal). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'budget_follow_up_events_pkey' })
  seq!: string;

  @Column({ type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'budget_follow_up_events_project_fk' })
  project?: Relation<ProjectEntity>;

  @Column({ type: 'text' })
  status!: FollowUpStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'bigint' })
  committedCents!: string;

  @Column({ type: 'bigint' })
  spentCents!: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'budget_follow_up_events_recorded_by_fk' })
  recorder?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
