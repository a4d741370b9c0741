import { AssemblyEntity } from './assembly.entity.js';
import { DrawEntity } from './draw.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { PoolVolunteerEntity } from './pool-volunteer.entity.js';
import { PoolEntity } from './pool.entity.js';

export * from './assembly.entity.js';
export * from './draw.entity.js';
export * from './membership.entity.js';
export * from './pool-volunteer.entity.js';
export * from './pool.entity.js';

export const ASSEMBLY_ENTITIES = [AssemblyEntity, MembershipEntity, PoolEntity, PoolVolunteerEntity, DrawEntity];
