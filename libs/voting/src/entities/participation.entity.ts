import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { PollEntity } from './poll.entity.js';

/**
 * Who voted in a poll (never how): one row per poll and voter, written in the same transaction as
 * the ballot, so the primary key makes a second vote impossible. No timestamp.
 * `voterKey` is `account:<id>` (or `roll:<id>` for citizen votes).
 */
@Entity({ name: 'participations' })
export class ParticipationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'participations_pkey' })
  pollId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'participations_pkey' })
  voterKey!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'participations_poll_fk' })
  poll?: Relation<PollEntity>;
}
