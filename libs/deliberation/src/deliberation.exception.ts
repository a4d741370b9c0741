import { DomainException } from '@app/shared';
import { ROOM_REFUSALS, type RoomRefusal } from './room.js';

export const DeliberationErrorCode = {
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  SESSION_MEMBERS_ONLY: 'SESSION_MEMBERS_ONLY',
  NOT_JOINED: 'NOT_JOINED',
  OBSERVER_CANNOT_ACT: 'OBSERVER_CANNOT_ACT',
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  MESSAGE_ALREADY_HIDDEN: 'MESSAGE_ALREADY_HIDDEN',
  REACTION_UNCHANGED: 'REACTION_UNCHANGED',
  POLL_NOT_OF_SESSION: 'POLL_NOT_OF_SESSION',
  NOT_A_FACILITATOR_CANDIDATE: 'NOT_A_FACILITATOR_CANDIDATE',
  REPLAY_TOO_LONG: 'REPLAY_TOO_LONG',
  RATE_LIMITED: 'RATE_LIMITED',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  BREAKOUT_SPLIT_INVALID: 'BREAKOUT_SPLIT_INVALID',
  BREAKOUT_IN_GROUP: 'BREAKOUT_IN_GROUP',
} as const;

export class DeliberationException extends DomainException {
  static fromRefusal(refusal: RoomRefusal): DeliberationException {
    return new DeliberationException(ROOM_REFUSALS[refusal.code], refusal.code, refusal.message);
  }
  static sessionNotFound(): DeliberationException {
    return new DeliberationException('not-found', DeliberationErrorCode.SESSION_NOT_FOUND, 'No session with this id');
  }
  static membersOnly(): DeliberationException {
    return new DeliberationException('forbidden', DeliberationErrorCode.SESSION_MEMBERS_ONLY, "This session is open to the assembly's members only");
  }
  static notJoined(): DeliberationException {
    return new DeliberationException('conflict', DeliberationErrorCode.NOT_JOINED, 'Join the session (session.join) before acting in it');
  }
  static notChair(action: string): DeliberationException {
    return new DeliberationException('forbidden', 'NOT_CHAIR', `Only the session's facilitators may ${action}`);
  }
  static observerCannotAct(): DeliberationException {
    return new DeliberationException('forbidden', DeliberationErrorCode.OBSERVER_CANNOT_ACT, 'Observers follow the session but cannot act in it');
  }
  static messageNotFound(): DeliberationException {
    return new DeliberationException('not-found', DeliberationErrorCode.MESSAGE_NOT_FOUND, 'No message with this id in this session');
  }
  static messageAlreadyHidden(): DeliberationException {
    return new DeliberationException('conflict', DeliberationErrorCode.MESSAGE_ALREADY_HIDDEN, 'This message is already hidden');
  }
  static reactionUnchanged(on: boolean): DeliberationException {
    return new DeliberationException('conflict', DeliberationErrorCode.REACTION_UNCHANGED, on ? 'You already reacted so' : 'You had not reacted so');
  }
  static pollNotOfSession(): DeliberationException {
    return new DeliberationException('not-found', DeliberationErrorCode.POLL_NOT_OF_SESSION, 'No poll with this id was opened in this session');
  }
  static notFacilitatorCandidate(accountId: string): DeliberationException {
    return new DeliberationException('invalid', DeliberationErrorCode.NOT_A_FACILITATOR_CANDIDATE, `Account ${accountId} is not an active member of the assembly`, { accountId });
  }
  static replayTooLong(max: number): DeliberationException {
    return new DeliberationException(
      'conflict',
      DeliberationErrorCode.REPLAY_TOO_LONG,
      `More than ${max} events were missed: join without lastSeq for the current state, and read the history from GET /api/sessions/:id/events`,
    );
  }
  static splitInvalid(why: string, details?: Record<string, unknown>): DeliberationException {
    return new DeliberationException('invalid', DeliberationErrorCode.BREAKOUT_SPLIT_INVALID, why, details);
  }
  static blank(field: string): DeliberationException {
    return new DeliberationException('invalid', DeliberationErrorCode.VALIDATION_FAILED, `${field} must not be blank`);
  }
  static breakoutInGroup(): DeliberationException {
    return new DeliberationException('conflict', DeliberationErrorCode.BREAKOUT_IN_GROUP, 'A workshop group cannot itself be split: split the plenary');
  }
  static rateLimited(retryAfterSeconds: number): DeliberationException {
    return new DeliberationException('rate-limited', DeliberationErrorCode.RATE_LIMITED, `Too many actions; retry in ${retryAfterSeconds} s`, undefined, retryAfterSeconds);
  }
}
