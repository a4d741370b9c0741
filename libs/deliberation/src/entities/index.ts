import { AttendanceCorrectionEntity } from './attendance-correction.entity.js';
import { AttendanceRecordEntity } from './attendance-record.entity.js';
import { IndemnityRulesEntity } from './indemnity-rules.entity.js';
import { BreakoutEntity, BreakoutGroupEntity, BreakoutMemberEntity } from './breakout.entity.js';
import { DeliberationInstanceEntity } from './deliberation-instance.entity.js';
import { DeliberationRoomEntity } from './deliberation-room.entity.js';
import { MessageReactionEntity } from './message-reaction.entity.js';
import { SessionConnectionEntity } from './session-connection.entity.js';
import { SessionEventEntity } from './session-event.entity.js';
import { SessionFacilitatorEntity } from './session-facilitator.entity.js';
import { SessionMessageEntity } from './session-message.entity.js';
import { SessionPollEntity } from './session-poll.entity.js';

export * from './attendance-correction.entity.js';
export * from './attendance-record.entity.js';
export * from './indemnity-rules.entity.js';
export * from './breakout.entity.js';
export * from './deliberation-instance.entity.js';
export * from './deliberation-room.entity.js';
export * from './message-reaction.entity.js';
export * from './session-connection.entity.js';
export * from './session-event.entity.js';
export * from './session-facilitator.entity.js';
export * from './session-message.entity.js';
export * from './session-poll.entity.js';

export const DELIBERATION_ENTITIES = [
  DeliberationRoomEntity,
  SessionEventEntity,
  SessionFacilitatorEntity,
  SessionMessageEntity,
  MessageReactionEntity,
  SessionConnectionEntity,
  DeliberationInstanceEntity,
  SessionPollEntity,
  AttendanceRecordEntity,
  AttendanceCorrectionEntity,
  IndemnityRulesEntity,
  BreakoutEntity,
  BreakoutGroupEntity,
  BreakoutMemberEntity,
];
