import { DomainException } from '@app/shared';

export const DecisionErrorCode = {
  DECISION_NOT_FOUND: 'DECISION_NOT_FOUND',
  MILESTONE_NOT_FOUND: 'MILESTONE_NOT_FOUND',
  PROPOSAL_NOT_DECIDED: 'PROPOSAL_NOT_DECIDED',
  DECISION_EXISTS: 'DECISION_EXISTS',
  DECISION_POLL_REQUIRED: 'DECISION_POLL_REQUIRED',
  NOT_TRANSMITTED: 'NOT_TRANSMITTED',
  DECISION_DATES_INVALID: 'DECISION_DATES_INVALID',
} as const;

/** Refusals of the decisions tracker, each saying what to do next. */
export class DecisionException extends DomainException {
  static notFound(): DecisionException {
    return new DecisionException('not-found', DecisionErrorCode.DECISION_NOT_FOUND, 'No such decision');
  }
  static milestoneNotFound(): DecisionException {
    return new DecisionException('not-found', DecisionErrorCode.MILESTONE_NOT_FOUND, 'No such milestone of this decision');
  }
  static proposalNotDecided(state: string): DecisionException {
    return new DecisionException('conflict', DecisionErrorCode.PROPOSAL_NOT_DECIDED, `The proposal is ${state}: record the assembly's vote on it first (transition decide, naming the poll)`, { state });
  }
  static exists(decisionId: string): DecisionException {
    return new DecisionException('conflict', DecisionErrorCode.DECISION_EXISTS, 'This proposal is already followed as a decision', { decisionId });
  }
  static pollRequired(): DecisionException {
    return new DecisionException('invalid', DecisionErrorCode.DECISION_POLL_REQUIRED, "Name the assembly's closed poll that adopted the proposal (pollId)");
  }
  static notTransmitted(): DecisionException {
    return new DecisionException('conflict', DecisionErrorCode.NOT_TRANSMITTED, 'Record the transmission to the Conseil de Paris before its answer');
  }
  static datesInvalid(why: string): DecisionException {
    return new DecisionException('invalid', DecisionErrorCode.DECISION_DATES_INVALID, why);
  }
}
