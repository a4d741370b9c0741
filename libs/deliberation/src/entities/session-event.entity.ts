import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { AccountEntity } from '@app/identity';

/** Everything that happened in a session, in `seq` order: the replay source and the record minutes are made of. */
@Entity({ name: 'session_events' })
@Check('session_events_seq_positive', `"seq" >= 1`)
@Check('session_events_type_length', `char_length("type") BETWEEN 1 AND 64`)
export class SessionEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_events_pkey' })
  sessionId!: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'session_events_pkey' })
  seq!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_events_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'text' })
  type!: string;

  /** Who caused it; null for the system (timers, presence). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'session_events_actor_fk' })
  actor?: Relation<AccountEntity>;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** The injectable clock's time, so timer tests read what they set. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
