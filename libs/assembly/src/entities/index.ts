import { AssemblyEntity } from './assembly.entity.js';
import { DrawEntity } from './draw.entity.js';
import { InvitationDrawEntity, InvitationDrawListEntity } from './invitation-draw.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { PoolVolunteerEntity } from './pool-volunteer.entity.js';
import { PoolEntity } from './pool.entity.js';
import { RespondentEntity } from './respondent.entity.js';
import { SourceListChunkEntity, SourceListEntity } from './source-list.entity.js';

export * from './assembly.entity.js';
export * from './draw.entity.js';
export * from './invitation-draw.entity.js';
export * from './invitation.entity.js';
export * from './membership.entity.js';
export * from './pool-volunteer.entity.js';
export * from './pool.entity.js';
export * from './respondent.entity.js';
export * from './source-list.entity.js';

export const ASSEMBLY_ENTITIES = [
  AssemblyEntity,
  MembershipEntity,
  PoolEntity,
  PoolVolunteerEntity,
  DrawEntity,
  SourceListEntity,
  SourceListChunkEntity,
  InvitationDrawEntity,
  InvitationDrawListEntity,
  InvitationEntity,
  RespondentEntity,
];
