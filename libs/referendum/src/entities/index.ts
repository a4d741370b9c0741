import { OfficerEntity } from './officer.entity.js';
import { ReferendumPollEntity } from './referendum-poll.entity.js';
import { ReferendumQuestionEntity } from './referendum-question.entity.js';
import { ReferendumEntity } from './referendum.entity.js';
import { RevokedCodeEntity } from './revoked-code.entity.js';
import { RollEntryEntity } from './roll-entry.entity.js';
import { RollVoteEntity } from './roll-vote.entity.js';
import { StationResultEntity } from './station-result.entity.js';
import { StationTallyEntity } from './station-tally.entity.js';

export * from './officer.entity.js';
export * from './referendum-poll.entity.js';
export * from './referendum-question.entity.js';
export * from './referendum.entity.js';
export * from './revoked-code.entity.js';
export * from './roll-entry.entity.js';
export * from './roll-vote.entity.js';
export * from './station-result.entity.js';
export * from './station-tally.entity.js';

export const REFERENDUM_ENTITIES = [
  ReferendumEntity,
  ReferendumQuestionEntity,
  ReferendumPollEntity,
  RollEntryEntity,
  RollVoteEntity,
  RevokedCodeEntity,
  OfficerEntity,
  StationTallyEntity,
  StationResultEntity,
];
