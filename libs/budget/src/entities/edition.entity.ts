import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';

/** An edition's phases, in order: each change moves one step forward and is audited. */
export const EDITION_PHASES = ['draft', 'ideas', 'co-construction', 'feasibility', 'ballot', 'vote', 'results', 'follow-up'] as const;
export type EditionPhase = (typeof EDITION_PHASES)[number];
export const SELECTION_RULES = ['greedy', 'equal-shares'] as const;
export type SelectionRule = (typeof SELECTION_RULES)[number];

/**
 * One edition of the participatory budget ("Budget participatif 2027"): its calendar, its grade
 * scale (worst first), and the rule that turns each envelope's vote into winners.
 */
@Entity({ name: 'budget_editions' })
@Check('budget_editions_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('budget_editions_phase_known', `"phase" IN ('draft','ideas','co-construction','feasibility','ballot','vote','results','follow-up')`)
@Check('budget_editions_rule_known', `"rule" IN ('greedy','equal-shares')`)
@Check('budget_editions_completion_known', `"completion" IS NULL OR ("completion" = 'greedy' AND "rule" = 'equal-shares')`)
@Check('budget_editions_grades_count', `array_length("grades", 1) BETWEEN 2 AND 10`)
@Check('budget_editions_threshold_range', `"approval_threshold" >= 1 AND "approval_threshold" < array_length("grades", 1)`)
// Calendar days are Paris days: the window's instants are compared as Paris dates, whatever the server's zone.
@Check(
  'budget_editions_calendar_order',
  `"ideas_from" <= "co_construction_from" AND "co_construction_from" <= "feasibility_from" AND "feasibility_from" <= "ballot_from" AND "ballot_from" <= ("vote_opens_at" AT TIME ZONE 'Europe/Paris')::date AND "vote_opens_at" < "vote_closes_at" AND ("vote_closes_at" AT TIME ZONE 'Europe/Paris')::date <= "results_from" AND "results_from" <= "follow_up_from"`,
)
export class EditionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'budget_editions_pkey' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: 'draft' })
  phase!: EditionPhase;

  @Column({ type: 'text' })
  rule!: SelectionRule;

  /** Equal shares only: spend what it leaves in ranking order. */
  @Column({ type: 'text', nullable: true })
  completion!: 'greedy' | null;

  /** Grade labels, worst first. */
  @Column({ type: 'text', array: true })
  grades!: string[];

  /** Equal shares: a grade at or above this index is an approval (default: the second best). */
  @Column({ type: 'smallint' })
  approvalThreshold!: number;

  // The calendar (Paris dates; the vote's window to the minute).
  @Column({ type: 'date' })
  ideasFrom!: string;

  @Column({ type: 'date' })
  coConstructionFrom!: string;

  @Column({ type: 'date' })
  feasibilityFrom!: string;

  @Column({ type: 'date' })
  ballotFrom!: string;

  @Column({ type: 'timestamptz' })
  voteOpensAt!: Date;

  @Column({ type: 'timestamptz' })
  voteClosesAt!: Date;

  @Column({ type: 'date' })
  resultsFrom!: string;

  @Column({ type: 'date' })
  followUpFrom!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'budget_editions_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
