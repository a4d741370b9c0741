import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProposalEntity } from './proposal.entity.js';

/** Every text a proposal has had: version 1 at creation, one more per accepted amendment. */
@Entity({ name: 'proposal_versions' })
export class ProposalVersionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'proposal_versions_pkey' })
  proposalId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'proposal_versions_pkey' })
  version!: number;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'proposal_versions_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'uuid', nullable: true })
  amendmentId!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
