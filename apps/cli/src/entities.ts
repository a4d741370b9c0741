import { SHARED_ENTITIES } from '@app/shared';
import { IDENTITY_ENTITIES } from '@app/identity';
import { ASSEMBLY_ENTITIES } from '@app/assembly';
import { VOTING_ENTITIES } from '@app/voting';
import { AGENDA_ENTITIES } from '@app/agenda';
import { DELIBERATION_ENTITIES } from '@app/deliberation';
import { REFERENDUM_ENTITIES } from '@app/referendum';
import { BUDGET_ENTITIES } from '@app/budget';

/**
 * Every entity of every library, for the TypeORM CLI (ormconfig.ts). The app registers the same ones
 * through its feature modules (`forFeature`); a test checks that the two lists agree.
 */
export const ALL_ENTITIES = [...SHARED_ENTITIES, ...IDENTITY_ENTITIES, ...ASSEMBLY_ENTITIES, ...VOTING_ENTITIES, ...AGENDA_ENTITIES, ...DELIBERATION_ENTITIES, ...REFERENDUM_ENTITIES, ...BUDGET_ENTITIES];
