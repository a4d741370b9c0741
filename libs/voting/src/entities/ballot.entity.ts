import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { PollEntity } from './poll.entity.js';

/**
 * An anonymous ballot. By design there is no voter column, no timestamp, and the id is random: the
 * only link to a voter is the receipt the voter alone holds, stored here as its SHA-256. At close the
 * poll's ballots are rewritten in random order (see BallotBox.shuffle) so neither their physical
 * order nor their transaction ids follow the order of casting.
 */
@Entity({ name: 'ballots' })
@Unique('ballots_receipt_key', ['pollId', 'receiptHash'])
@Check('ballots_receipt_hash_hex', `"receipt_hash" ~ '^[0-9a-f]{64}$'`)
@Check('ballots_grades_range', `0 <= ALL ("grades") AND 9 >= ALL ("grades")`)
export class BallotEntity {
  /** gen_random_uuid(): 122 random bits, no order. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ballots_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'ballots_poll_fk' })
  poll?: Relation<PollEntity>;

  @Column({ type: 'character', length: 64 })
  receiptHash!: string;

  /** One grade index per option, by option position; NULL where the voter skipped the option. */
  @Column({ type: 'smallint', array: true })
  grades!: Array<number | null>;
}
