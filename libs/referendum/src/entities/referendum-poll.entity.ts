import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { PollEntity } from '@app/voting';
import { ReferendumQuestionEntity } from './referendum-question.entity.js';

/**
 * The ballot-box poll holding one question's ballots from one district: ballots carry no voter,
 * but a district's result must be countable on its own (and withheld below the threshold).
 */
@Entity({ name: 'referendum_polls' })
@Index('referendum_polls_poll_key', ['pollId'], { unique: true })
export class ReferendumPollEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'referendum_polls_pkey' })
  questionId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'referendum_polls_pkey' })
  district!: string;

  @ManyToOne(() => ReferendumQuestionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'referendum_polls_question_fk' })
  question?: Relation<ReferendumQuestionEntity>;

  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'referendum_polls_poll_fk' })
  poll?: Relation<PollEntity>;
}
