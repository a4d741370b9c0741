import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from '@app/assembly';

export const SESSION_STATUSES = ['scheduled', 'live', 'paused', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_VISIBILITIES = ['public', 'members'] as const;
export type SessionVisibility = (typeof SESSION_VISIBILITIES)[number];

/** A sitting of an assembly, whose agenda is built here; live deliberation (issue #6) runs it. */
@Entity({ name: 'sessions' })
@Check('sessions_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('sessions_status_known', `"status" IN ('scheduled','live','paused','ended')`)
@Check('sessions_visibility_known', `"visibility" IN ('public','members')`)
@Check('sessions_hours_valid', `"ends_at" > "scheduled_at" AND "ends_at" <= "scheduled_at" + interval '24 hours'`)
@Check('sessions_half_days_known', `"half_days" IN (1, 2)`)
@Check('sessions_plenary_not_self', `"plenary_session_id" IS NULL OR "plenary_session_id" <> "id"`)
@Index('sessions_plenary_idx', ['plenarySessionId'], { where: `"plenary_session_id" IS NOT NULL` })
@Index('sessions_assembly_scheduled_idx', ['assemblyId', 'scheduledAt'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sessions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'sessions_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'timestamptz' })
  scheduledAt!: Date;

  /** When the sitting ends: attendance counts within [scheduledAt, endsAt]. */
  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** What attending it is worth: one half-day, or two for a full day. */
  @Column({ type: 'smallint', default: 1 })
  halfDays!: number;

  /** Members may attend from home: being connected to the live room counts as presence. */
  @Column({ type: 'boolean', default: false })
  remoteAttendance!: boolean;

  /** Set on a workshop group's session: the plenary it was split from. */
  @Column({ type: 'uuid', nullable: true })
  plenarySessionId!: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plenary_session_id', foreignKeyConstraintName: 'sessions_plenary_fk' })
  plenary?: Relation<SessionEntity>;

  @Column({ type: 'text', default: 'scheduled' })
  status!: SessionStatus;

  @Column({ type: 'text', default: 'public' })
  visibility!: SessionVisibility;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'sessions_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
