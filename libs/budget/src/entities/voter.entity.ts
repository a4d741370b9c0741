import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { EditionEntity } from './edition.entity.js';

/**
 * A resident in an edition: the district whose envelope they vote in (declared by them), and their
 * first ballot's time — after it the district can no longer change, so nobody votes in two districts.
 * Says nothing about how anyone voted.
 */
@Entity({ name: 'budget_voters' })
@Check('budget_voters_district_length', `"district" IS NULL OR char_length("district") BETWEEN 1 AND 64`)
export class VoterEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_voters_pkey' })
  editionId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_voters_pkey' })
  accountId!: string;

  @ManyToOne(() => EditionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'budget_voters_edition_fk' })
  edition?: Relation<EditionEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'budget_voters_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstBallotAt!: Date | null;
}
