import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { MembershipEntity } from '@app/assembly';
import { AccountEntity } from '@app/identity';

export const CORRECTION_REASON_MAX_LENGTH = 500;

/** The minutes that count for a seat at a session, set by an organiser with a reason (every change audited). */
@Entity({ name: 'attendance_corrections' })
@Check('attendance_corrections_minutes_range', `"minutes" BETWEEN 0 AND 1440`)
@Check('attendance_corrections_reason_length', `char_length("reason") BETWEEN 1 AND ${CORRECTION_REASON_MAX_LENGTH}`)
export class AttendanceCorrectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'attendance_corrections_pkey' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'attendance_corrections_pkey' })
  membershipId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'attendance_corrections_session_fk' })
  session?: Relation<SessionEntity>;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'attendance_corrections_membership_fk' })
  membership?: Relation<MembershipEntity>;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  correctedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrected_by', foreignKeyConstraintName: 'attendance_corrections_corrected_by_fk' })
  corrector?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  correctedAt!: Date;
}
