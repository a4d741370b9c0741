import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { ReferendumEntity } from './referendum.entity.js';

/** A polling-station officer of a referendum: marks paper votes and enters the station's count. */
@Entity({ name: 'referendum_officers' })
@Check('referendum_officers_station_length', `char_length("polling_station") BETWEEN 1 AND 64`)
export class OfficerEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'referendum_officers_pkey' })
  referendumId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'referendum_officers_pkey' })
  accountId!: string;

  @ManyToOne(() => ReferendumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referendum_id', foreignKeyConstraintName: 'referendum_officers_referendum_fk' })
  referendum?: Relation<ReferendumEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'referendum_officers_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'text' })
  pollingStation!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
