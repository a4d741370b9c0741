import { DomainException } from '@app/shared';

export const VotingErrorCode = {
  POLL_NOT_FOUND: 'POLL_NOT_FOUND',
  NOT_POLL_MANAGER: 'NOT_POLL_MANAGER',
  POLL_NOT_DRAFT: 'POLL_NOT_DRAFT',
  POLL_STATUS_TRANSITION: 'POLL_STATUS_TRANSITION',
  POLL_NOT_OPEN: 'POLL_NOT_OPEN',
  POLL_NOT_YET_OPEN: 'POLL_NOT_YET_OPEN',
  POLL_CLOSED: 'POLL_CLOSED',
  POLL_NOT_CLOSED: 'POLL_NOT_CLOSED',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  BALLOT_ALREADY_CAST: 'BALLOT_ALREADY_CAST',
  BALLOT_INVALID: 'BALLOT_INVALID',
  BALLOT_INCOMPLETE: 'BALLOT_INCOMPLETE',
  REVOTE_NOT_ALLOWED: 'REVOTE_NOT_ALLOWED',
  RECEIPT_UNKNOWN: 'RECEIPT_UNKNOWN',
  POLL_INVALID: 'POLL_INVALID',
  BULLETIN_BOARD_PENDING: 'BULLETIN_BOARD_PENDING',
} as const;

export class VotingException extends DomainException {
  static pollNotFound(): VotingException {
    return new VotingException('not-found', VotingErrorCode.POLL_NOT_FOUND, 'No such poll');
  }
  static notManager(action: string): VotingException {
    return new VotingException('forbidden', VotingErrorCode.NOT_POLL_MANAGER, `Only the poll's organisers (or, for an assembly poll, its facilitators) may ${action}`);
  }
  static notDraft(): VotingException {
    return new VotingException('conflict', VotingErrorCode.POLL_NOT_DRAFT, 'Options, grades and rules are locked once the poll is open');
  }
  static transition(from: string, to: string): VotingException {
    return new VotingException('conflict', VotingErrorCode.POLL_STATUS_TRANSITION, `A ${from} poll cannot become ${to}`, { from, to });
  }
  static notOpen(status: string): VotingException {
    return new VotingException('conflict', status === 'draft' ? VotingErrorCode.POLL_NOT_OPEN : VotingErrorCode.POLL_CLOSED, status === 'draft' ? 'The poll is not open yet' : 'The poll is closed', { status });
  }
  static notYetOpen(opensAt: Date): VotingException {
    return new VotingException('conflict', VotingErrorCode.POLL_NOT_YET_OPEN, `Voting opens at ${opensAt.toISOString()}`, { opensAt: opensAt.toISOString() });
  }
  static closed(): VotingException {
    return new VotingException('conflict', VotingErrorCode.POLL_CLOSED, 'The poll is closed');
  }
  static notClosed(): VotingException {
    return new VotingException('conflict', VotingErrorCode.POLL_NOT_CLOSED, 'Results are published when the poll closes; until then only turnout is visible');
  }
  static notEligible(reason: string): VotingException {
    return new VotingException('forbidden', VotingErrorCode.NOT_ELIGIBLE, `You cannot vote in this poll: ${reason}`);
  }
  static alreadyCast(): VotingException {
    return new VotingException('conflict', VotingErrorCode.BALLOT_ALREADY_CAST, 'You have already voted in this poll');
  }
  static ballotInvalid(message: string, details?: unknown): VotingException {
    return new VotingException('invalid', VotingErrorCode.BALLOT_INVALID, message, details);
  }
  static ballotIncomplete(missing: string[]): VotingException {
    return new VotingException('invalid', VotingErrorCode.BALLOT_INCOMPLETE, `Every option must be graded; missing: ${missing.length} option(s)`, { missingOptionIds: missing });
  }
  static revoteNotAllowed(): VotingException {
    return new VotingException('conflict', VotingErrorCode.REVOTE_NOT_ALLOWED, 'This poll does not allow changing a ballot');
  }
  static receiptUnknown(): VotingException {
    return new VotingException('conflict', VotingErrorCode.RECEIPT_UNKNOWN, 'This receipt matches no ballot of this poll');
  }
  static pollInvalid(message: string): VotingException {
    return new VotingException('invalid', VotingErrorCode.POLL_INVALID, message);
  }
  static bulletinBoardPending(): VotingException {
    return new VotingException('conflict', VotingErrorCode.BULLETIN_BOARD_PENDING, 'The bulletin board is being sealed; try again in a few seconds', undefined, 2);
  }
}
