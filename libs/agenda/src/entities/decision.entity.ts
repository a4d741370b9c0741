import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AssemblyEntity } from '@app/assembly';
import { AccountEntity } from '@app/identity';
import { PollEntity } from '@app/voting';
import type { CouncilAnswer } from '../decision-timeline.js';
import { DecisionMilestoneEntity } from './decision-milestone.entity.js';
import { ProposalEntity } from './proposal.entity.js';

export const DECISION_TEXT_MAX_LENGTH = 50_000;

/**
 * A proposal the assembly adopted, followed to the end: the text adopted and the vote that adopted
 * it, its transmission to the Conseil de Paris, the council's answer, and its milestones.
 */
@Entity({ name: 'decisions' })
@Check('decisions_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('decisions_text_length', `char_length("text") <= ${DECISION_TEXT_MAX_LENGTH}`)
@Check('decisions_transmission_complete', `("transmitted_on" IS NULL) = ("transmission_reference" IS NULL)`)
@Check('decisions_reference_length', `"transmission_reference" IS NULL OR char_length("transmission_reference") BETWEEN 1 AND 100`)
@Check('decisions_due_after_transmission', `"answer_due_on" IS NULL OR ("transmitted_on" IS NOT NULL AND "answer_due_on" >= "transmitted_on")`)
@Check('decisions_answer_known', `"council_answer" IS NULL OR "council_answer" IN ('adopted','amended','rejected')`)
@Check('decisions_answer_after_transmission', `"council_answer" IS NULL OR ("transmitted_on" IS NOT NULL AND "answered_on" >= "transmitted_on")`)
@Check('decisions_answer_dated', `("council_answer" IS NULL) = ("answered_on" IS NULL)`)
@Check('decisions_amended_has_text', `("council_answer" = 'amended' AND "council_text" IS NOT NULL) OR ("council_answer" IS DISTINCT FROM 'amended' AND "council_text" IS NULL)`)
@Check('decisions_rejected_has_reasons', `("council_answer" = 'rejected' AND "council_reasons" IS NOT NULL) OR ("council_answer" IS DISTINCT FROM 'rejected' AND "council_reasons" IS NULL)`)
@Check('decisions_council_text_length', `"council_text" IS NULL OR char_length("council_text") BETWEEN 1 AND ${DECISION_TEXT_MAX_LENGTH}`)
@Check('decisions_council_reasons_length', `"council_reasons" IS NULL OR char_length("council_reasons") BETWEEN 1 AND 5000`)
@Index('decisions_proposal_key', ['proposalId'], { unique: true })
@Index('decisions_assembly_idx', ['assemblyId', 'adoptedOn'])
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'decisions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'decisions_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'decisions_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  /** The vote that adopted it. */
  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'decisions_poll_fk' })
  poll?: Relation<PollEntity>;

  @Column({ type: 'text' })
  title!: string;

  /** The text as adopted (the proposal's, when the decision was recorded). */
  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'date' })
  adoptedOn!: string;

  @Column({ type: 'date', nullable: true })
  transmittedOn!: string | null;

  /** The council's reference for it (délibération, vœu…). */
  @Column({ type: 'text', nullable: true })
  transmissionReference!: string | null;

  /** When the council's answer is expected: after it, the answer is shown as overdue. */
  @Column({ type: 'date', nullable: true })
  answerDueOn!: string | null;

  @Column({ type: 'text', nullable: true })
  councilAnswer!: CouncilAnswer | null;

  @Column({ type: 'date', nullable: true })
  answeredOn!: string | null;

  /** The text as the council amended it. */
  @Column({ type: 'text', nullable: true })
  councilText!: string | null;

  /** Why the council rejected it. */
  @Column({ type: 'text', nullable: true })
  councilReasons!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'decisions_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @OneToMany(() => DecisionMilestoneEntity, (milestone) => milestone.decision)
  milestones?: Relation<DecisionMilestoneEntity[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
