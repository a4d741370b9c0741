import { CreateDateColumn, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { PollEntity } from '@app/voting';

/** A majority-judgment poll opened in a session, on an agenda item: its turnout and result go to the room. */
@Entity({ name: 'session_polls' })
@Index('session_polls_session_idx', ['sessionId'])
export class SessionPollEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_polls_pkey' })
  pollId!: string;

  @OneToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'session_polls_poll_fk' })
  poll?: Relation<PollEntity>;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_polls_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'integer', nullable: true })
  itemIndex!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
