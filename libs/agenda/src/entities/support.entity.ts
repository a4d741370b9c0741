import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { ProposalEntity } from './proposal.entity.js';

/** One resident's support of one petition: the primary key makes a second support impossible. */
@Entity({ name: 'supports' })
export class SupportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'supports_pkey' })
  proposalId!: string;

  @Index('supports_account_id_idx')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'supports_pkey' })
  accountId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'supports_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'supports_account_fk' })
  account?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
