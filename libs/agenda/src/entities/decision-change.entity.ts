import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DecisionEntity } from './decision.entity.js';

export const DECISION_CHANGE_KINDS = ['adopted', 'transmitted', 'answered', 'milestone-added', 'milestone-updated'] as const;
export type DecisionChangeKind = (typeof DECISION_CHANGE_KINDS)[number];

/** One change of a decision, in order: the public feed (Atom) is made of them. Who made it is in the audit log. */
@Entity({ name: 'decision_changes' })
@Check('decision_changes_kind_known', `"kind" IN ('adopted','transmitted','answered','milestone-added','milestone-updated')`)
@Index('decision_changes_decision_idx', ['decisionId', 'seq'])
export class DecisionChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'decision_changes_pkey' })
  seq!: string;

  @Column({ type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'decision_changes_decision_fk' })
  decision?: Relation<DecisionEntity>;

  @Column({ type: 'text' })
  kind!: DecisionChangeKind;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
