import { DomainException, type ErrorKind } from '@app/shared';
import type { RefusalCode } from './proposal-lifecycle.js';

export const AgendaErrorCode = {
  PROPOSAL_NOT_FOUND: 'PROPOSAL_NOT_FOUND',
  SESSION_NOT_FOUND: 'SESSION_NOT_FOUND',
  AMENDMENT_NOT_FOUND: 'AMENDMENT_NOT_FOUND',
  MOTIONS_MEMBERS_ONLY: 'MOTIONS_MEMBERS_ONLY',
  PETITIONS_RESIDENTS_ONLY: 'PETITIONS_RESIDENTS_ONLY',
  NOT_A_DRAFT: 'NOT_A_DRAFT',
  NOT_THE_AUTHOR: 'NOT_THE_AUTHOR',
  ALREADY_SUPPORTED: 'ALREADY_SUPPORTED',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  SUPPORTS_CLOSED: 'SUPPORTS_CLOSED',
  AMENDMENTS_CLOSED: 'AMENDMENTS_CLOSED',
  AMENDMENT_DECIDED: 'AMENDMENT_DECIDED',
  AMENDMENT_OUTDATED: 'AMENDMENT_OUTDATED',
  AMENDMENT_NEEDS_POLL: 'AMENDMENT_NEEDS_POLL',
  AGENDA_SLOT_TAKEN: 'AGENDA_SLOT_TAKEN',
  SESSION_OF_OTHER_ASSEMBLY: 'SESSION_OF_OTHER_ASSEMBLY',
  POLL_NOT_FOUND: 'POLL_NOT_FOUND',
  ALREADY_REPORTED: 'ALREADY_REPORTED',
  NOT_AGENDA_CHAIR: 'NOT_AGENDA_CHAIR',
  VERSION_NOT_FOUND: 'VERSION_NOT_FOUND',
  CURSOR_INVALID: 'CURSOR_INVALID',
  NO_OPEN_REPORTS: 'NO_OPEN_REPORTS',
  SESSION_HOURS_INVALID: 'SESSION_HOURS_INVALID',
} as const;

const REFUSAL_KIND: Record<RefusalCode, ErrorKind> = {
  TRANSITION_NOT_ALLOWED: 'conflict',
  CANNOT_WITHDRAW_SCHEDULED: 'conflict',
  WRONG_PROPOSAL_KIND: 'conflict',
  NOT_ALLOWED_TO_ACT: 'forbidden',
  REASON_REQUIRED: 'invalid',
};

export class AgendaException extends DomainException {
  static refused(code: RefusalCode, message: string): AgendaException {
    return new AgendaException(REFUSAL_KIND[code], code, message);
  }
  static noOpenReports(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.NO_OPEN_REPORTS, 'No report on this proposal is waiting for a decision');
  }
  static proposalNotFound(): AgendaException {
    return new AgendaException('not-found', AgendaErrorCode.PROPOSAL_NOT_FOUND, 'No such proposal');
  }
  static sessionNotFound(): AgendaException {
    return new AgendaException('not-found', AgendaErrorCode.SESSION_NOT_FOUND, 'No such session');
  }
  static amendmentNotFound(): AgendaException {
    return new AgendaException('not-found', AgendaErrorCode.AMENDMENT_NOT_FOUND, 'No such amendment');
  }
  static motionsMembersOnly(): AgendaException {
    return new AgendaException('forbidden', AgendaErrorCode.MOTIONS_MEMBERS_ONLY, "Only the assembly's members file motions; residents file petitions");
  }
  static petitionsResidentsOnly(): AgendaException {
    return new AgendaException('forbidden', AgendaErrorCode.PETITIONS_RESIDENTS_ONLY, 'Only residents file and support petitions');
  }
  static notADraft(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.NOT_A_DRAFT, 'Only a draft can be edited; a submitted text changes by amendment');
  }
  static notTheAuthor(): AgendaException {
    return new AgendaException('forbidden', AgendaErrorCode.NOT_THE_AUTHOR, 'Only the author may do this');
  }
  static alreadySupported(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.ALREADY_SUPPORTED, 'You already support this petition');
  }
  static notSupported(): AgendaException {
    return new AgendaException('not-found', AgendaErrorCode.NOT_SUPPORTED, 'You do not support this petition');
  }
  static supportsClosed(reason: string): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.SUPPORTS_CLOSED, `Supports are closed: ${reason}`);
  }
  static amendmentsClosed(state: string): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.AMENDMENTS_CLOSED, `A ${state} proposal takes no amendments (only motions, from submission until scheduled)`, { state });
  }
  static amendmentDecided(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.AMENDMENT_DECIDED, 'This amendment has already been decided or withdrawn');
  }
  static amendmentOutdated(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.AMENDMENT_OUTDATED, 'The motion changed since this amendment was written; it must be rewritten on the current version');
  }
  static amendmentNeedsPoll(): AgendaException {
    return new AgendaException('forbidden', AgendaErrorCode.AMENDMENT_NEEDS_POLL, 'Only the author decides alone; the assembly decides by a closed majority-judgment poll (pollId)');
  }
  static slotTaken(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.AGENDA_SLOT_TAKEN, 'Another item holds this position on the session agenda');
  }
  static sessionOfOtherAssembly(): AgendaException {
    return new AgendaException('invalid', AgendaErrorCode.SESSION_OF_OTHER_ASSEMBLY, 'The session belongs to another assembly');
  }
  static pollNotFound(): AgendaException {
    return new AgendaException('invalid', AgendaErrorCode.POLL_NOT_FOUND, 'No closed poll of this assembly with that id');
  }
  static alreadyReported(): AgendaException {
    return new AgendaException('conflict', AgendaErrorCode.ALREADY_REPORTED, 'You already reported this proposal');
  }
  static notChair(action: string): AgendaException {
    return new AgendaException('forbidden', AgendaErrorCode.NOT_AGENDA_CHAIR, `Only the assembly's organisers or facilitators may ${action}`);
  }
  static versionNotFound(): AgendaException {
    return new AgendaException('not-found', AgendaErrorCode.VERSION_NOT_FOUND, 'No such version of this proposal');
  }
  static sessionHoursInvalid(): AgendaException {
    return new AgendaException('invalid', AgendaErrorCode.SESSION_HOURS_INVALID, 'endsAt must be after scheduledAt, and a sitting lasts at most 24 hours');
  }
  static cursorInvalid(): AgendaException {
    return new AgendaException('invalid', AgendaErrorCode.CURSOR_INVALID, 'cursor is not a cursor this API returned');
  }
}
