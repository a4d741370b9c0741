import { DomainException } from '@app/shared';

export const ReferendumErrorCode = {
  REFERENDUM_NOT_FOUND: 'REFERENDUM_NOT_FOUND',
  REFERENDUM_INVALID: 'REFERENDUM_INVALID',
  NOT_REFERENDUM_ORGANISER: 'NOT_REFERENDUM_ORGANISER',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  ROLL_FROZEN: 'ROLL_FROZEN',
  ROLL_CSV_INVALID: 'ROLL_CSV_INVALID',
  ROLL_ROWS_REJECTED: 'ROLL_ROWS_REJECTED',
  ROLL_EMPTY: 'ROLL_EMPTY',
  ELECTOR_NOT_FOUND: 'ELECTOR_NOT_FOUND',
  CODE_MALFORMED: 'CODE_MALFORMED',
  CODE_UNKNOWN: 'CODE_UNKNOWN',
  CODE_REVOKED: 'CODE_REVOKED',
  IDENTITY_MISMATCH: 'IDENTITY_MISMATCH',
  ENTRY_LOCKED: 'ENTRY_LOCKED',
  NOT_ELIGIBLE_AGE: 'NOT_ELIGIBLE_AGE',
  ALREADY_VOTED: 'ALREADY_VOTED',
  REFERENDUM_NOT_OPEN: 'REFERENDUM_NOT_OPEN',
  REFERENDUM_NOT_CLOSED: 'REFERENDUM_NOT_CLOSED',
  BALLOT_INVALID: 'BALLOT_INVALID',
  NOT_AN_OFFICER: 'NOT_AN_OFFICER',
  WRONG_STATION: 'WRONG_STATION',
  STATION_COUNT_INVALID: 'STATION_COUNT_INVALID',
  STATIONS_PENDING: 'STATIONS_PENDING',
  RATE_LIMITED: 'RATE_LIMITED',
  IDENTITY_VOTING_OFF: 'IDENTITY_VOTING_OFF',
  IDENTITY_PROVIDER_REQUIRED: 'IDENTITY_PROVIDER_REQUIRED',
  IDENTITY_CLAIMS_MISSING: 'IDENTITY_CLAIMS_MISSING',
  IDENTITY_NOT_ON_ROLL: 'IDENTITY_NOT_ON_ROLL',
  IDENTITY_AMBIGUOUS: 'IDENTITY_AMBIGUOUS',
  IDENTITY_PROVIDER_UNKNOWN: 'IDENTITY_PROVIDER_UNKNOWN',
} as const;

type Code = keyof typeof ReferendumErrorCode;

export class ReferendumException extends DomainException {
  static of(kind: ConstructorParameters<typeof DomainException>[0], code: Code, message: string, details?: unknown, retryAfterSeconds?: number): ReferendumException {
    return new ReferendumException(kind, code, message, details, retryAfterSeconds);
  }
  static notFound(): ReferendumException {
    return ReferendumException.of('not-found', 'REFERENDUM_NOT_FOUND', 'No referendum with this id');
  }
  static notOrganiser(action: string): ReferendumException {
    return ReferendumException.of('forbidden', 'NOT_REFERENDUM_ORGANISER', `Only the city's organisers may ${action}`);
  }
  static transition(from: string, to: string): ReferendumException {
    return ReferendumException.of('conflict', 'TRANSITION_NOT_ALLOWED', `A ${from} referendum cannot become ${to}`);
  }
  static invalid(message: string, details?: unknown): ReferendumException {
    return ReferendumException.of('invalid', 'REFERENDUM_INVALID', message, details);
  }
}
