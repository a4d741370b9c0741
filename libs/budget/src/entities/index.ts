import { EditionEntity } from './edition.entity.js';
import { EnvelopeEntity } from './envelope.entity.js';
import { IdeaEntity, IdeaFollowEntity } from './idea.entity.js';
import { ProjectEntity, ProjectIdeaEntity } from './project.entity.js';
import { VoterEntity } from './voter.entity.js';
import { EnvelopeResultEntity } from './envelope-result.entity.js';
import { FollowUpEntity, FollowUpEventEntity } from './follow-up.entity.js';

export * from './edition.entity.js';
export * from './envelope.entity.js';
export * from './idea.entity.js';
export * from './project.entity.js';
export * from './voter.entity.js';
export * from './envelope-result.entity.js';
export * from './follow-up.entity.js';

export const BUDGET_ENTITIES = [EditionEntity, EnvelopeEntity, IdeaEntity, IdeaFollowEntity, ProjectEntity, ProjectIdeaEntity, VoterEntity, EnvelopeResultEntity, FollowUpEntity, FollowUpEventEntity];
