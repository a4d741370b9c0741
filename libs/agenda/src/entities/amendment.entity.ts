import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { PollEntity } from '@app/voting';
import { ProposalEntity } from './proposal.entity.js';

export const AMENDMENT_STATES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

/** A member's proposed new text for a motion, against the version it was written on. */
@Entity({ name: 'amendments' })
@Check('amendments_state_known', `"state" IN ('open','accepted','rejected','withdrawn')`)
@Check('amendments_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('amendments_body_length', `char_length("body") <= 20000`)
@Check('amendments_decided_consistent', `("state" IN ('accepted','rejected')) = ("decided_at" IS NOT NULL)`)
@Index('amendments_proposal_id_idx', ['proposalId'])
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'amendments_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'amendments_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'amendments_author_fk' })
  author?: Relation<AccountEntity>;

  @Column({ type: 'integer' })
  baseVersion!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: '' })
  rationale!: string;

  @Column({ type: 'text', default: 'open' })
  state!: AmendmentState;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decisionPollId!: string | null;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_poll_id', foreignKeyConstraintName: 'amendments_decision_poll_fk' })
  decisionPoll?: Relation<PollEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
