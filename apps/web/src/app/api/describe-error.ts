import type { MessageKey } from '../i18n/translate';
import { ApiError, NetworkError } from './errors';

/**
 * What went wrong, as a translation key of `errors.*` with its values: every refusal becomes a
 * sentence saying what happened and what to do next. Pure, so each mapping is tested.
 */
export interface ErrorDescription {
  key: Extract<MessageKey, `errors.${string}`>;
  values?: Record<string, string | number>;
}

/** Codes whose sentence needs nothing but the code. */
const BY_CODE = new Set([
  'INVALID_CREDENTIALS',
  'EMAIL_TAKEN',
  'WEAK_PASSWORD',
  'ACCOUNT_DISABLED',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'BALLOT_ALREADY_CAST',
  'POLL_CLOSED',
  'POLL_NOT_OPEN',
  'BALLOT_INCOMPLETE',
  'BALLOT_INVALID',
  'RECEIPT_UNKNOWN',
  'REVOTE_NOT_ALLOWED',
  'POLL_NOT_CLOSED',
  'BULLETIN_BOARD_PENDING',
  'CODE_MALFORMED',
  'CODE_UNKNOWN',
  'CODE_REVOKED',
  'ENTRY_LOCKED',
  'NOT_ELIGIBLE_AGE',
  'ALREADY_VOTED',
  'REFERENDUM_NOT_OPEN',
  'REFERENDUM_NOT_CLOSED',
  'ALREADY_SUPPORTED',
  'NOT_SUPPORTED',
  'SUPPORTS_CLOSED',
  'PETITIONS_RESIDENTS_ONLY',
  'NOT_A_DRAFT',
  'NOT_THE_AUTHOR',
  'TRANSITION_NOT_ALLOWED',
  'SERVICE_BUSY',
  'DATABASE_UNAVAILABLE',
  // Live deliberation (the room's acknowledgements):
  'NOT_CHAIR',
  'SESSION_NOT_LIVE',
  'SESSION_ENDED',
  'NO_CURRENT_ITEM',
  'ITEM_NOT_FOUND',
  'ITEM_ALREADY_TAKEN',
  'HAND_ALREADY_RAISED',
  'HAND_NOT_RAISED',
  'QUEUE_EMPTY',
  'NOBODY_HAS_FLOOR',
  'NOT_PRESENT',
  'NOT_MUTED',
  'MUTED',
  'NOT_A_MEMBER',
  'OBSERVER_CANNOT_ACT',
  'SESSION_MEMBERS_ONLY',
  'NOT_JOINED',
  'MESSAGE_NOT_FOUND',
  'MESSAGE_ALREADY_HIDDEN',
  'REACTION_UNCHANGED',
  'POLL_NOT_OF_SESSION',
  'NOT_CONNECTED',
  'NOT_YOUR_MEMBERSHIP',
  'SESSION_NOT_FOUND',
  'NOT_A_FACILITATOR_CANDIDATE',
]);

const SIGN_IN_AGAIN = new Set(['SIGN_IN_AGAIN', 'UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'SESSION_REVOKED', 'REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED']);

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof NetworkError) return { key: 'errors.NETWORK' };
  if (!(error instanceof ApiError)) return { key: 'errors.UNEXPECTED', values: { reference: '—' } };
  const retry = error.retryAfterSeconds ?? numberIn(error.details, 'retryAfterSeconds');
  switch (error.code) {
    case 'IDENTITY_MISMATCH': {
      const attemptsLeft = numberIn(error.details, 'attemptsLeft');
      return attemptsLeft === undefined ? { key: 'errors.IDENTITY_MISMATCH' } : { key: 'errors.IDENTITY_MISMATCH_LEFT', values: { count: attemptsLeft } };
    }
    case 'ACCOUNT_LOCKED':
      return { key: 'errors.ACCOUNT_LOCKED', values: { minutes: Math.max(1, Math.ceil((retry ?? 60) / 60)) } };
    case 'TOO_MANY_ATTEMPTS':
    case 'RATE_LIMITED':
    case 'RATE_LIMIT':
      return { key: 'errors.RATE_LIMITED', values: { minutes: Math.max(1, Math.ceil((retry ?? 60) / 60)) } };
    case 'NOT_ELIGIBLE':
      return { key: 'errors.NOT_ELIGIBLE' };
    case 'POLL_NOT_YET_OPEN':
      return { key: 'errors.POLL_NOT_OPEN' };
    default:
  }
  // The set lists codes that have a message of their own (checked by apps/web/translations.spec.ts).
  if (BY_CODE.has(error.code)) return { key: `errors.${error.code}` as ErrorDescription['key'] };
  if (SIGN_IN_AGAIN.has(error.code)) return { key: 'errors.SIGN_IN_AGAIN' };
  if (error.status === 404) return { key: 'errors.NOT_FOUND' };
  if (error.status === 403) return { key: 'errors.FORBIDDEN' };
  if (error.status === 429) return { key: 'errors.RATE_LIMITED', values: { minutes: Math.max(1, Math.ceil((retry ?? 60) / 60)) } };
  if (error.status === 503) return { key: 'errors.SERVICE_BUSY' };
  return { key: 'errors.UNEXPECTED', values: { reference: error.correlationId ?? error.code } };
}

function numberIn(details: unknown, key: string): number | undefined {
  const value = (details as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'number' ? value : undefined;
}
