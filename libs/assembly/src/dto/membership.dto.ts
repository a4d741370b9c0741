import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DRAWN_ROLES, MEMBERSHIP_ROLES, STAFF_ROLES, type MembershipEntity, type MembershipRole, type StaffRole } from '../entities/membership.entity.js';
import type { MembershipView } from '../membership.service.js';

export class MembershipParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'membershipId must be a UUID' })
  membershipId!: string;
}

export class ListMembershipsQuery {
  @ApiPropertyOptional({ default: false, description: 'Include memberships that ended' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : (value as unknown)))
  @IsBoolean()
  includeEnded?: boolean;
}

export class AddStaffDto {
  @ApiProperty()
  @IsUUID('4', { message: 'accountId must be a UUID' })
  accountId!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;
}

export class ChangeDrawnRoleDto {
  @ApiProperty({ enum: DRAWN_ROLES })
  @IsIn(DRAWN_ROLES)
  role!: 'member' | 'alternate';
}

export class EndMembershipDto {
  @ApiProperty({ example: 'Moved out of Paris', maxLength: 500, description: 'Kept in the record' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class RedeemInvitationDto {
  @ApiProperty({ example: 'K7M2Q-9XW4T-…', description: 'The code given by the organisers' })
  @IsString()
  @Length(10, 64)
  code!: string;
}

export class MembershipDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role!: MembershipRole;
  @ApiPropertyOptional({ description: 'Pseudonymous volunteer id, for drawn members' }) personId?: string;
  @ApiPropertyOptional() drawId?: string;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() endedAt?: string;
  @ApiPropertyOptional({ enum: ['left', 'removed'] }) endKind?: string;
  @ApiPropertyOptional({ description: 'Organisers only' }) endReason?: string;
  @ApiPropertyOptional({ description: "Organisers only (and staff's own accounts)" }) accountId?: string;
  @ApiPropertyOptional({ description: 'Organisers only: whether the seat is linked to an account' }) linked?: boolean;
  @ApiPropertyOptional({ description: 'Organisers only' }) invitationIssuedAt?: string;
  @ApiPropertyOptional({ description: "The person's name: staff always; drawn members only if they chose to show it (organisers and the member themself see it anyway)" })
  displayName?: string;
  @ApiProperty({ description: 'Whether the member chose to show their name publicly' }) nameShown!: boolean;
  @ApiPropertyOptional({ description: "Present (true) on the caller's own membership" }) yours?: boolean;
}

export class InvitationDto {
  @ApiProperty({ type: MembershipDto }) membership!: MembershipDto;
  @ApiProperty({ description: 'Shown once: give it to the member, who redeems it at POST /api/invitations/redeem' }) code!: string;
}

/** Staff are public figures (their account id is shown); drawn members' accounts only to organisers. */
export function mapMembership(membership: MembershipEntity, organiserView: boolean): MembershipDto {
  const dto: MembershipDto = {
    id: membership.id,
    assemblyId: membership.assemblyId,
    role: membership.role,
    startedAt: membership.startedAt.toISOString(),
    nameShown: membership.nameShown,
  };
  if (membership.personId !== null) dto.personId = membership.personId;
  if (membership.drawId !== null) dto.drawId = membership.drawId;
  if (membership.endedAt !== null) {
    dto.endedAt = membership.endedAt.toISOString();
    dto.endKind = membership.endKind!;
    // Reasons can be personal (health, family): organisers only.
    if (organiserView) dto.endReason = membership.endReason!;
  }
  const staff = membership.personId === null;
  if (membership.accountId !== null && (staff || organiserView)) dto.accountId = membership.accountId;
  if (organiserView) {
    dto.linked = membership.accountId !== null;
    if (membership.invitationIssuedAt !== null) dto.invitationIssuedAt = membership.invitationIssuedAt.toISOString();
  }
  return dto;
}

export function mapMembershipView(view: MembershipView): MembershipDto {
  return {
    ...mapMembership(view.membership, view.organiserView),
    ...(view.displayName === undefined ? {} : { displayName: view.displayName }),
    ...(view.yours ? { yours: true } : {}),
  };
}

export class NameShownDto {
  @ApiProperty({ description: 'Show my name on the assembly page' })
  @IsBoolean()
  shown!: boolean;
}
