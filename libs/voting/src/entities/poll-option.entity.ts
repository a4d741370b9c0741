import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { PollEntity } from './poll.entity.js';

/** An option of a poll; `position` (0-based) is its index in every ballot's grade array. */
@Entity({ name: 'poll_options' })
@Unique('poll_options_position_key', ['pollId', 'position'])
@Check('poll_options_label_length', `char_length("label") BETWEEN 1 AND 300`)
@Check('poll_options_position_range', `"position" BETWEEN 0 AND 499`)
export class PollOptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'poll_options_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'poll_options_poll_fk' })
  poll?: Relation<PollEntity>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', default: '' })
  description!: string;
}
