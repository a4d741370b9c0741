import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { ProposalEntity } from './proposal.entity.js';

/** Someone flags a proposal for moderation (once per person and proposal). */
@Entity({ name: 'proposal_reports' })
@Unique('proposal_reports_once_key', ['proposalId', 'reporterId'])
@Index('proposal_reports_open_idx', ['proposalId'], { where: '"reviewed_at" IS NULL' })
export class ProposalReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_reports_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'proposal_reports_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ type: 'uuid' })
  reporterId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'proposal_reports_reporter_fk' })
  reporter?: Relation<AccountEntity>;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When an organiser dealt with it (kept the proposal, or hid it); open until then. */
  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;
}
