import { BallotEntity } from './ballot.entity.js';
import { ParticipationEntity } from './participation.entity.js';
import { PollOptionEntity } from './poll-option.entity.js';
import { PollEntity } from './poll.entity.js';

export * from './ballot.entity.js';
export * from './participation.entity.js';
export * from './poll-option.entity.js';
export * from './poll.entity.js';

export const VOTING_ENTITIES = [PollEntity, PollOptionEntity, BallotEntity, ParticipationEntity];
