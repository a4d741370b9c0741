import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { ReferendumEntity } from './referendum.entity.js';

/** Per question: the count of each option (and blank votes), or for majority judgment the count of each grade per option. */
export type StationCounts = Record<string, { options: number[] | number[][]; blank: number }>;

/** One officer's entry of a polling station's paper count. Two officers enter it independently. */
@Entity({ name: 'station_tallies' })
export class StationTallyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'station_tallies_pkey' })
  referendumId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'station_tallies_pkey' })
  pollingStation!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'station_tallies_pkey' })
  officerId!: string;

  @ManyToOne(() => ReferendumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referendum_id', foreignKeyConstraintName: 'station_tallies_referendum_fk' })
  referendum?: Relation<ReferendumEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'officer_id', foreignKeyConstraintName: 'station_tallies_officer_fk' })
  officer?: Relation<AccountEntity>;

  @Column({ type: 'jsonb' })
  counts!: StationCounts;

  @Column({ type: 'timestamptz' })
  enteredAt!: Date;
}
