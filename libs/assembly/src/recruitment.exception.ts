import { DomainException } from '@app/shared';

export const RecruitmentErrorCode = {
  SOURCE_LIST_NOT_FOUND: 'SOURCE_LIST_NOT_FOUND',
  SOURCE_LIST_INVALID: 'SOURCE_LIST_INVALID',
  SOURCE_LIST_TOO_LARGE: 'SOURCE_LIST_TOO_LARGE',
  SOURCE_LIST_CHANGED: 'SOURCE_LIST_CHANGED',
  INVITATION_DRAW_NOT_FOUND: 'INVITATION_DRAW_NOT_FOUND',
  INVITATION_DRAW_INVALID: 'INVITATION_DRAW_INVALID',
  INVITATION_DRAW_PENDING: 'INVITATION_DRAW_PENDING',
  INVITATION_DRAW_ALREADY_DRAWN: 'INVITATION_DRAW_ALREADY_DRAWN',
  INVITATION_DRAW_NOT_DRAWN: 'INVITATION_DRAW_NOT_DRAWN',
  NOT_ENOUGH_PEOPLE: 'NOT_ENOUGH_PEOPLE',
  LETTERS_ALREADY_ISSUED: 'LETTERS_ALREADY_ISSUED',
  INVITATION_CODE_INVALID: 'INVITATION_CODE_INVALID',
  ALREADY_ANSWERED: 'ALREADY_ANSWERED',
  ANSWERS_INVALID: 'ANSWERS_INVALID',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  NO_RESPONDENTS: 'NO_RESPONDENTS',
  INVITATION_NOT_FOUND: 'INVITATION_NOT_FOUND',
  RESPONDENT_NOT_FOUND: 'RESPONDENT_NOT_FOUND',
  RESPONDENT_IN_POOL: 'RESPONDENT_IN_POOL',
  RESPONDENTS_CHANGED: 'RESPONDENTS_CHANGED',
} as const;

/** Stage 1 of recruitment (lists, invitation draws, letters) and the respondents who answer. */
export class RecruitmentException extends DomainException {
  static listNotFound(): RecruitmentException {
    return new RecruitmentException('not-found', RecruitmentErrorCode.SOURCE_LIST_NOT_FOUND, 'No such source list in this assembly');
  }
  static listInvalid(message: string, details: { file: string; problems: Array<{ line: number; column?: string; problem: string }>; problemCount: number }): RecruitmentException {
    return new RecruitmentException('unprocessable', RecruitmentErrorCode.SOURCE_LIST_INVALID, `${message} — correct the file and upload it again`, details);
  }
  static listTooLarge(limitBytes: number): RecruitmentException {
    return new RecruitmentException('too-large', RecruitmentErrorCode.SOURCE_LIST_TOO_LARGE, `A source list may hold at most ${Math.round(limitBytes / 1_048_576)} MiB; split it by source`, { limitBytes });
  }
  static listChanged(file: string): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.SOURCE_LIST_CHANGED, `${file} no longer has the SHA-256 published for the draw; nothing was drawn`, { file });
  }
  static drawNotFound(): RecruitmentException {
    return new RecruitmentException('not-found', RecruitmentErrorCode.INVITATION_DRAW_NOT_FOUND, 'No such invitation draw');
  }
  static drawInvalid(message: string): RecruitmentException {
    return new RecruitmentException('invalid', RecruitmentErrorCode.INVITATION_DRAW_INVALID, message);
  }
  static drawPending(drawId: string): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.INVITATION_DRAW_PENDING, 'Another invitation draw of this assembly is waiting for its seed: draw it first', { drawId });
  }
  static alreadyDrawn(): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.INVITATION_DRAW_ALREADY_DRAWN, 'The seed of this invitation draw has already been entered');
  }
  static notDrawn(): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.INVITATION_DRAW_NOT_DRAWN, 'This invitation draw waits for its seed: enter the seed first');
  }
  static notEnoughPeople(message: string): RecruitmentException {
    return new RecruitmentException('unprocessable', RecruitmentErrorCode.NOT_ENOUGH_PEOPLE, `${message}: lower the count or change the mix`);
  }
  static lettersAlreadyIssued(): RecruitmentException {
    return new RecruitmentException(
      'conflict',
      RecruitmentErrorCode.LETTERS_ALREADY_ISSUED,
      'The letters of this draw were already produced; their codes were shown once and are stored only as hashes',
    );
  }
  static codeInvalid(): RecruitmentException {
    return new RecruitmentException('not-found', RecruitmentErrorCode.INVITATION_CODE_INVALID, 'This code matches no invitation: check it against your letter (letters and digits, dashes optional)');
  }
  static alreadyAnswered(): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.ALREADY_ANSWERED, 'This invitation has already been answered; to change your answer, contact the organisers');
  }
  static answersInvalid(message: string, field: string): RecruitmentException {
    return new RecruitmentException('invalid', RecruitmentErrorCode.ANSWERS_INVALID, message, { field });
  }
  static consentRequired(): RecruitmentException {
    return new RecruitmentException('invalid', RecruitmentErrorCode.CONSENT_REQUIRED, 'Your answer can be kept only with your consent to the processing of your data');
  }
  static noRespondents(): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.NO_RESPONDENTS, 'Nobody has answered the invitations yet');
  }
  static invitationNotFound(): RecruitmentException {
    return new RecruitmentException('not-found', RecruitmentErrorCode.INVITATION_NOT_FOUND, 'No such invitation');
  }
  static respondentNotFound(): RecruitmentException {
    return new RecruitmentException('not-found', RecruitmentErrorCode.RESPONDENT_NOT_FOUND, 'No such answer in this assembly');
  }
  static respondentInPool(): RecruitmentException {
    return new RecruitmentException(
      'conflict',
      RecruitmentErrorCode.RESPONDENT_IN_POOL,
      'This answer is already in a frozen pool of the assembly; it can no longer be withdrawn (if the person is drawn, end their membership)',
    );
  }
  static respondentsChanged(): RecruitmentException {
    return new RecruitmentException('conflict', RecruitmentErrorCode.RESPONDENTS_CHANGED, 'An answer was withdrawn while the pool was being made: make it again');
  }
}
