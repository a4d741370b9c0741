import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from './assembly.entity.js';
import { DrawEntity } from './draw.entity.js';
import { PoolVolunteerEntity } from './pool-volunteer.entity.js';

export const MEMBERSHIP_ROLES = ['member', 'alternate', 'facilitator', 'organiser'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
/** Roles a volunteer drawn by lot can hold. */
export const DRAWN_ROLES = ['member', 'alternate'] as const satisfies readonly MembershipRole[];
/** Roles given to staff accounts. */
export const STAFF_ROLES = ['facilitator', 'organiser'] as const satisfies readonly MembershipRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type MembershipEndKind = 'left' | 'removed';

/**
 * A seat or a duty in an assembly. Drawn members point at their volunteer row (and at the draw that
 * chose them) and get an account when they redeem their invitation; staff are accounts. A membership
 * ends — never disappears — with who ended it and why.
 */
@Entity({ name: 'memberships' })
@Check('memberships_role_known', `"role" IN ('member','alternate','facilitator','organiser')`)
@Check('memberships_has_person', `"account_id" IS NOT NULL OR "person_id" IS NOT NULL`)
@Check('memberships_volunteer_ref_complete', `("pool_id" IS NULL) = ("person_id" IS NULL)`)
@Check('memberships_staff_have_accounts', `"role" NOT IN ('facilitator','organiser') OR "account_id" IS NOT NULL`)
@Check('memberships_end_consistent', `("ended_at" IS NULL) = ("end_kind" IS NULL) AND ("ended_at" IS NULL) = ("end_reason" IS NULL)`)
@Check('memberships_end_kind_known', `"end_kind" IS NULL OR "end_kind" IN ('left','removed')`)
@Index('memberships_volunteer_once', ['assemblyId', 'poolId', 'personId'], { unique: true, where: `"person_id" IS NOT NULL` })
@Index('memberships_account_role_active', ['assemblyId', 'accountId', 'role'], { unique: true, where: `"ended_at" IS NULL AND "account_id" IS NOT NULL` })
@Index('memberships_invitation_hash_key', ['invitationHash'], { unique: true, where: `"invitation_hash" IS NOT NULL` })
@Check('memberships_attendance_code_shape', `"attendance_code" IS NULL OR "attendance_code" ~ '^[A-Z2-9]{12}$'`)
@Index('memberships_attendance_code_key', ['attendanceCode'], { unique: true, where: `"attendance_code" IS NOT NULL` })
@Index('memberships_account_id_idx', ['accountId'])
@Index('memberships_assembly_id_idx', ['assemblyId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'memberships_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'memberships_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  role!: MembershipRole;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'memberships_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'uuid', nullable: true })
  poolId!: string | null;

  @Column({ type: 'text', nullable: true })
  personId!: string | null;

  @ManyToOne(() => PoolVolunteerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'pool_id', referencedColumnName: 'poolId', foreignKeyConstraintName: 'memberships_volunteer_fk' },
    { name: 'person_id', referencedColumnName: 'personId', foreignKeyConstraintName: 'memberships_volunteer_fk' },
  ])
  volunteer?: Relation<PoolVolunteerEntity>;

  @Column({ type: 'uuid', nullable: true })
  drawId!: string | null;

  @ManyToOne(() => DrawEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'memberships_draw_fk' })
  draw?: Relation<DrawEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  endKind!: MembershipEndKind | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  endedBy!: string | null;

  /** SHA-256 of the one-time invitation code a drawn member redeems to link their account. */
  @Column({ type: 'character', length: 64, nullable: true })
  invitationHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitationIssuedAt!: Date | null;

  /** The member chose to show their name on the assembly's public page (drawn members are pseudonymous otherwise). */
  @Column({ type: 'boolean', default: false })
  nameShown!: boolean;

  /** The seat's personal attendance code, shown as a QR code and scanned at the door; made on first use. */
  @Column({ type: 'text', nullable: true })
  attendanceCode!: string | null;
}
