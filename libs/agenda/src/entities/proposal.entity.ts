import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from '@app/assembly';
import { PollEntity } from '@app/voting';
import type { ProposalKind, ProposalState } from '../proposal-lifecycle.js';
import { SessionEntity } from './session.entity.js';

/**
 * An agenda proposal: a motion by members or a petition by residents. `supportCount` is kept equal to
 * the number of support rows by updating both in one transaction under the proposal's row lock.
 * `searchVector` (French and English) is maintained by a trigger and indexed with GIN.
 */
@Entity({ name: 'proposals' })
@Check('proposals_kind_known', `"kind" IN ('motion','petition')`)
@Check(
  'proposals_state_known',
  `"state" IN ('draft','submitted','collecting','threshold-reached','expired','under-review','admissible','inadmissible','scheduled','deliberated','decided','archived','withdrawn')`,
)
@Check('proposals_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('proposals_body_length', `char_length("body") <= 20000`)
@Check('proposals_support_count_non_negative', `"support_count" >= 0`)
@Check('proposals_inadmissible_has_reason', `"state" <> 'inadmissible' OR "state_reason" IS NOT NULL`)
@Check('proposals_scheduled_has_slot', `"state" <> 'scheduled' OR ("session_id" IS NOT NULL AND "agenda_position" IS NOT NULL AND "allotted_minutes" IS NOT NULL)`)
@Check('proposals_allotted_minutes_range', `"allotted_minutes" IS NULL OR "allotted_minutes" BETWEEN 1 AND 600`)
@Check('proposals_hidden_consistent', `("hidden_at" IS NULL) = ("hidden_reason" IS NULL)`)
@Check('proposals_petition_terms', `"kind" <> 'petition' OR "state" IN ('draft','submitted','withdrawn') OR ("support_threshold" IS NOT NULL AND "support_deadline" IS NOT NULL)`)
@Index('proposals_agenda_slot_key', ['sessionId', 'agendaPosition'], { unique: true, where: `"session_id" IS NOT NULL` })
@Index('proposals_assembly_listing_idx', ['assemblyId', 'createdAt', 'id'])
@Index('proposals_search_idx', { synchronize: false })
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposals_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'proposals_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  kind!: ProposalKind;

  @Column({ type: 'text' })
  title!: string;

  /** Markdown as written; sanitised when rendered. */
  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({ type: 'text', default: '' })
  category!: string;

  /** Attachments, by link (https only). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links!: string[];

  @Index('proposals_author_id_idx')
  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'proposals_author_fk' })
  author?: Relation<AccountEntity>;

  @Column({ type: 'text', default: 'draft' })
  state!: ProposalState;

  /** The public reason of the last review decision (required when inadmissible). */
  @Column({ type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ type: 'integer', default: 0 })
  supportCount!: number;

  @Column({ type: 'integer', nullable: true })
  supportThreshold!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  supportDeadline!: Date | null;

  /** The current text's version (see proposal_versions). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  decisionPollId!: string | null;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_poll_id', foreignKeyConstraintName: 'proposals_decision_poll_fk' })
  decisionPoll?: Relation<PollEntity>;

  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'proposals_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'integer', nullable: true })
  agendaPosition!: number | null;

  @Column({ type: 'integer', nullable: true })
  allottedMinutes!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}
