import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { AccountEntity } from '@app/identity';

export const MESSAGE_MAX_LENGTH = 2000;

/** A message posted in a session on an agenda item. Hidden messages keep their text (the record) and the reason. */
@Entity({ name: 'session_messages' })
@Check('session_messages_body_length', `char_length("body") BETWEEN 1 AND ${MESSAGE_MAX_LENGTH}`)
@Check('session_messages_hidden_consistent', `("hidden_at" IS NULL) = ("hidden_reason" IS NULL) AND ("hidden_at" IS NULL) = ("hidden_by" IS NULL)`)
@Index('session_messages_session_seq_idx', ['sessionId', 'seq'], { unique: true })
export class SessionMessageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_messages_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_messages_session_fk' })
  session?: Relation<SessionEntity>;

  /** The `seq` of its `message.posted` event. */
  @Column({ type: 'bigint' })
  seq!: string;

  /** Agenda position (0-based index into the room's items); null between items. */
  @Column({ type: 'integer', nullable: true })
  itemIndex!: number | null;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'session_messages_author_fk' })
  author?: Relation<AccountEntity>;

  @Column({ type: 'uuid', nullable: true })
  replyTo!: string | null;

  @ManyToOne(() => SessionMessageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reply_to', foreignKeyConstraintName: 'session_messages_reply_to_fk' })
  parent?: Relation<SessionMessageEntity>;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  hiddenBy!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hidden_by', foreignKeyConstraintName: 'session_messages_hidden_by_fk' })
  hider?: Relation<AccountEntity>;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  @Column({ type: 'timestamptz' })
  postedAt!: Date;
}
