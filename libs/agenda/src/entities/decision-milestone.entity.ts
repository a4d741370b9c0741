import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { MilestoneStatus } from '../decision-timeline.js';
import { DecisionEntity } from './decision.entity.js';

/** A step of a decision's implementation: planned and actual days, status, the department responsible, money committed. */
@Entity({ name: 'decision_milestones' })
@Check('decision_milestones_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('decision_milestones_department_length', `char_length("department") BETWEEN 1 AND 200`)
@Check('decision_milestones_status_known', `"status" IN ('planned','in-progress','done','cancelled')`)
@Check('decision_milestones_done_dated', `("status" = 'done') = ("done_on" IS NOT NULL)`)
@Check('decision_milestones_committed_range', `"committed_cents" IS NULL OR "committed_cents" BETWEEN 0 AND 100000000000000`)
@Check('decision_milestones_note_length', `char_length("note") <= 2000`)
@Index('decision_milestones_decision_idx', ['decisionId', 'plannedOn'])
export class DecisionMilestoneEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'decision_milestones_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => DecisionEntity, (decision) => decision.milestones, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'decision_milestones_decision_fk' })
  decision?: Relation<DecisionEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'date' })
  plannedOn!: string;

  @Column({ type: 'text', default: 'planned' })
  status!: MilestoneStatus;

  @Column({ type: 'date', nullable: true })
  doneOn!: string | null;

  /** Money committed, in cents (bigint: read as a decimal string). */
  @Column({ type: 'bigint', nullable: true })
  committedCents!: string | null;

  @Column({ type: 'text', default: '' })
  note!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
