import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { MembershipEntity } from '@app/assembly';
import { AccountEntity } from '@app/identity';

export const ATTENDANCE_MODES = ['room', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];
/** How it was recorded: ticked on the list, the member's code scanned at the door, or the live room. */
export const ATTENDANCE_METHODS = ['list', 'code', 'live'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/**
 * A stretch of a seat's presence at a session: from arrival to departure (open while still there).
 * In the room it is recorded by staff; from home, by the live room while the member is connected.
 */
@Entity({ name: 'attendance_records' })
@Check('attendance_records_mode_known', `"mode" IN ('room','remote')`)
@Check('attendance_records_method_known', `"method" IN ('list','code','live')`)
@Check('attendance_records_remote_is_live', `("mode" = 'remote') = ("method" = 'live')`)
@Check('attendance_records_room_recorded_by_staff', `"mode" = 'remote' OR "recorded_by" IS NOT NULL`)
@Check('attendance_records_leaves_after_arriving', `"left_at" IS NULL OR "left_at" >= "arrived_at"`)
@Index('attendance_records_one_open', ['sessionId', 'membershipId'], { unique: true, where: `"left_at" IS NULL` })
@Index('attendance_records_membership_idx', ['membershipId'])
export class AttendanceRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'attendance_records_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'attendance_records_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'uuid' })
  membershipId!: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'attendance_records_membership_fk' })
  membership?: Relation<MembershipEntity>;

  @Column({ type: 'text' })
  mode!: AttendanceMode;

  @Column({ type: 'text' })
  method!: AttendanceMethod;

  @Column({ type: 'timestamptz' })
  arrivedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  /** The staff member who recorded it; null for the live room. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'attendance_records_recorded_by_fk' })
  recorder?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
