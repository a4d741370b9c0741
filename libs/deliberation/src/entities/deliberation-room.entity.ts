import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import type { RoomState } from '../room.js';

/**
 * The live state of a session's room and the last `seq` handed out. Every command locks this row,
 * so events of one session get gapless increasing seqs and timers fire once across instances.
 */
@Entity({ name: 'deliberation_rooms' })
@Check('deliberation_rooms_seq_non_negative', `"last_seq" >= 0`)
@Index('deliberation_rooms_due_idx', ['nextDeadlineAt'], { where: `"next_deadline_at" IS NOT NULL` })
export class DeliberationRoomEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'deliberation_rooms_pkey' })
  sessionId!: string;

  @OneToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'deliberation_rooms_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'bigint', default: 0 })
  lastSeq!: string;

  @Column({ type: 'jsonb' })
  state!: RoomState;

  /** When `tick` next has something to do (a warning, an end); null when nothing is timed. */
  @Column({ type: 'timestamptz', nullable: true })
  nextDeadlineAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
