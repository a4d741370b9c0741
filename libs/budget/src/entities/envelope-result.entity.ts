import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EnvelopeEntity } from './envelope.entity.js';

/** One project's line in an envelope's result. */
export interface ResultLine {
  projectId: string;
  /** Majority-judgment rank in the envelope's poll (1 = best; equal profiles share a rank). */
  rank: number;
  costCents: string;
  funded: boolean;
  /** How it was decided: "equal-shares", "greedy" (or the completion), or why not funded. */
  by: 'equal-shares' | 'greedy' | null;
  /** Greedy lines: what was left when its turn came ("does not fit: €X left"). */
  leftBeforeCents: string | null;
}

/** Equal shares: one funded project's round. */
export interface SharesRound {
  projectId: string;
  /** Exact amounts in cents, as fractions when they are ("1000/7"). */
  share: string;
  paidShare: number;
  paidAllTheyHad: number;
  paidByThem: string;
  approvals: number;
}

/**
 * The winners of an envelope, computed once when its vote closes by the edition's rule
 * (libs/budget-rules) from the poll's ranking and ballots, and kept as computed.
 */
@Entity({ name: 'budget_results' })
@Check('budget_results_rule_known', `"rule" IN ('greedy','equal-shares')`)
@Check('budget_results_spent_within', `"spent_cents" >= 0 AND "spent_cents" <= "budget_cents"`)
export class EnvelopeResultEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_results_pkey' })
  envelopeId!: string;

  @OneToOne(() => EnvelopeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'envelope_id', foreignKeyConstraintName: 'budget_results_envelope_fk' })
  envelope?: Relation<EnvelopeEntity>;

  @Column({ type: 'text' })
  rule!: 'greedy' | 'equal-shares';

  @Column({ type: 'text', nullable: true })
  completion!: 'greedy' | null;

  @Column({ type: 'bigint' })
  budgetCents!: string;

  @Column({ type: 'bigint' })
  spentCents!: string;

  @Column({ type: 'integer' })
  voters!: number;

  @Column({ type: 'jsonb' })
  lines!: ResultLine[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  rounds!: SharesRound[];

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
