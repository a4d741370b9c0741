import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { RollEntryEntity } from './roll-entry.entity.js';

/**
 * That an elector has voted, and through which channel: the primary key makes a second vote
 * impossible, online or on paper. It says nothing of the ballot (which has no voter).
 */
@Entity({ name: 'roll_votes' })
@Index('roll_votes_referendum_idx', ['referendumId'])
@Check('roll_votes_channel_known', `"channel" IN ('online','paper')`)
@Check('roll_votes_paper_has_officer', `("channel" = 'paper') = ("recorded_by" IS NOT NULL)`)
export class RollVoteEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'roll_votes_pkey' })
  rollEntryId!: string;

  @OneToOne(() => RollEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'roll_entry_id', foreignKeyConstraintName: 'roll_votes_roll_entry_fk' })
  entry?: Relation<RollEntryEntity>;

  @Column({ type: 'uuid' })
  referendumId!: string;

  @Column({ type: 'text' })
  channel!: 'online' | 'paper';

  /** The polling-station officer who recorded a paper vote. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'roll_votes_recorded_by_fk' })
  officer?: Relation<AccountEntity>;
}
