import type { MessageKey } from '../i18n/translate';
import { ApiError, NetworkError } from './errors';

/**
 * What went wrong, as a translation key of `errors.*` with its values: every refusal becomes a
 * sentence saying what happened and what to do next. Pure, so each mapping is tested.
 */
export interface ErrorDescription {
  key: Extract<MessageKey, `errors.${string}` | `roomErrors.${string}` | `consoleErrors.${string}` | `budgetErrors.${string}`>;
  values?: Record<string, string | number>;
  /** For a sentence in a feature's bundle: what to say on a page that has not loaded it. */
  fallback?: ErrorDescription;
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
  'SERVICE_UNAVAILABLE',
  // Said on pages of every kind (the agenda's, the assembly's, the invitation's…):
  'NOT_YOUR_MEMBERSHIP',
  'ALREADY_REPORTED',
  'AMENDMENTS_CLOSED',
  'AMENDMENT_DECIDED',
  'AMENDMENT_NEEDS_POLL',
  'AMENDMENT_NOT_FOUND',
  'AMENDMENT_OUTDATED',
  'ASSEMBLY_ENDED',
  'ASSEMBLY_NOT_FOUND',
  'CANNOT_WITHDRAW_SCHEDULED',
  'COOKIE_HEADER_REQUIRED',
  'MEMBERSHIP_ENDED',
  'MOTIONS_MEMBERS_ONLY',
  'NOT_AGENDA_CHAIR',
  'NOT_ALLOWED_TO_ACT',
  'POLL_NOT_FOUND',
  'PROPOSAL_NOT_FOUND',
  'REFERENDUM_NOT_FOUND',
  'VERSION_NOT_FOUND',
  'WRONG_PROPOSAL_KIND',
  // The invitation letter's answer page (public):
  'INVITATION_CODE_INVALID',
  'ALREADY_ANSWERED',
  'ANSWERS_INVALID',
  'CONSENT_REQUIRED',
  // A member's own attendance page:
  'NOT_A_SEATED_MEMBER',
  'DECISION_NOT_FOUND',
  // Signing in through a provider, the account page, voting with an identity:
  'PASSWORD_LOGIN_DISABLED',
  'OIDC_PROVIDER_UNKNOWN',
  'OIDC_PROVIDER_UNAVAILABLE',
  'OIDC_STATE_INVALID',
  'OIDC_CANCELLED',
  'OIDC_CODE_INVALID',
  'OIDC_ID_TOKEN_INVALID',
  'OIDC_EMAIL_TAKEN',
  'OIDC_IDENTITY_LINKED_ELSEWHERE',
  'OIDC_PROVIDER_ALREADY_LINKED',
  'IDENTITY_NOT_LINKED',
  'LAST_SIGN_IN_METHOD',
  'RETURN_PATH_INVALID',
  'LAST_ADMIN_DELETION',
  'LAST_ORGANISER',
  'IDENTITY_VOTING_OFF',
  'IDENTITY_PROVIDER_REQUIRED',
  'IDENTITY_CLAIMS_MISSING',
  'IDENTITY_NOT_ON_ROLL',
  'IDENTITY_AMBIGUOUS',
]);

/** The live room's refusals: their sentences come with the room's pages (deliberation/i18n, key `roomErrors.*`). */
const ROOM_CODES = new Set([
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
  'SESSION_NOT_FOUND',
  'NOT_A_FACILITATOR_CANDIDATE',
  'BREAKOUT_OPEN',
  'NO_BREAKOUT',
  'NOT_A_GROUP',
  'NOT_IN_GROUP',
  'NOT_REPORTER',
  'BREAKOUT_SPLIT_INVALID',
  'BREAKOUT_IN_GROUP',
]);

/**
 * Refusals only the organisers' console, the officers' pages and the invitation page meet: their
 * sentences come with those pages (console/i18n, key `consoleErrors.*`), so residents never download them.
 */
const CONSOLE_CODES = new Set([
  'ACCOUNT_LACKS_ROLE',
  'ACCOUNT_NOT_FOUND',
  'AGENDA_SLOT_TAKEN',
  'ALREADY_IN_ROLE',
  'ASSEMBLY_ALREADY_DRAWN',
  'ASSEMBLY_NOT_DRAWN',
  'ASSEMBLY_STATUS_TRANSITION',
  'DRAW_ALREADY_SEEDED',
  'DRAW_IN_PROGRESS',
  'DRAW_NOT_CANCELLABLE',
  'DRAW_NOT_COMPUTED',
  'DRAW_NOT_FOUND',
  'DRAW_NOT_SEEDED',
  'DRAW_STALE',
  'ELECTOR_NOT_FOUND',
  'INVITATION_ALREADY_REDEEMED',
  'INVITATION_INVALID',
  'LAST_ADMIN',
  'MEMBERSHIP_NOT_FOUND',
  'NOT_AN_OFFICER',
  'NOT_ASSEMBLY_ORGANISER',
  'NOT_A_DRAWN_MEMBERSHIP',
  'NOT_POLL_MANAGER',
  'NOT_REFERENDUM_ORGANISER',
  'NO_OPEN_REPORTS',
  'NO_POOL',
  'NO_VACANCIES',
  'POLL_INVALID',
  'POLL_NOT_DRAFT',
  'POLL_STATUS_TRANSITION',
  'POOL_FILE_MISSING',
  'POOL_NOT_FOUND',
  'POOL_NOT_OF_ASSEMBLY',
  'REASON_REQUIRED',
  'REFERENDUM_INVALID',
  'ROLL_CSV_INVALID',
  'ROLL_EMPTY',
  'ROLL_FROZEN',
  'SEATS_LOCKED',
  'SESSION_OF_OTHER_ASSEMBLY',
  'STATIONS_PENDING',
  'STATION_COUNT_INVALID',
  'TERM_INVALID',
  'WRONG_STATION',
  'SOURCE_LIST_NOT_FOUND',
  'SOURCE_LIST_INVALID',
  'SOURCE_LIST_TOO_LARGE',
  'SOURCE_LIST_CHANGED',
  'INVITATION_DRAW_NOT_FOUND',
  'INVITATION_DRAW_INVALID',
  'INVITATION_DRAW_PENDING',
  'INVITATION_DRAW_ALREADY_DRAWN',
  'INVITATION_DRAW_NOT_DRAWN',
  'NOT_ENOUGH_PEOPLE',
  'LETTERS_ALREADY_ISSUED',
  'NO_RESPONDENTS',
  'INVITATION_NOT_FOUND',
  'RESPONDENT_NOT_FOUND',
  'RESPONDENT_IN_POOL',
  'RESPONDENTS_CHANGED',
  'SESSION_HOURS_INVALID',
  'SEAT_NOT_FOUND',
  'ALREADY_CHECKED_IN',
  'NOT_CHECKED_IN',
  'ATTENDANCE_TIME_INVALID',
  'INDEMNITY_RULES_MISSING',
  'PERIOD_INVALID',
  'ATTENDANCE_ON_PLENARY',
  'PROPOSAL_NOT_DECIDED',
  'DECISION_EXISTS',
  'DECISION_POLL_REQUIRED',
  'NOT_TRANSMITTED',
  'DECISION_DATES_INVALID',
  'MILESTONE_NOT_FOUND',
  'IDENTITY_PROVIDER_UNKNOWN',
]);

/** The participatory budget's refusals: their sentences come with its pages (budget/i18n, key `budgetErrors.*`). */
const BUDGET_CODES = new Set([
  'EDITION_NOT_FOUND',
  'ENVELOPE_NOT_FOUND',
  'IDEA_NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'BUDGET_INVALID',
  'NOT_BUDGET_ORGANISER',
  'IDEAS_RESIDENTS_ONLY',
  'WRONG_PHASE',
  'PHASE_ORDER',
  'ENVELOPE_TAKEN',
  'COST_OVER_LIMIT',
  'ENVELOPE_MISMATCH',
  'DISTRICT_LOCKED',
  'RESULTS_NOT_READY',
]);

/**
 * Codes whose server message carries the particular (which question, which date): pages show it
 * after the sentence. The server writes it in English.
 */
export const WITH_SERVER_DETAIL = new Set(['BREAKOUT_SPLIT_INVALID', 'DECISION_DATES_INVALID', 'ATTENDANCE_TIME_INVALID', 'INVITATION_DRAW_INVALID', 'NOT_ENOUGH_PEOPLE', 'ANSWERS_INVALID', 'REFERENDUM_INVALID', 'STATION_COUNT_INVALID', 'POLL_INVALID', 'ROLL_CSV_INVALID', 'TERM_INVALID', 'BUDGET_INVALID', 'WRONG_PHASE']);

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
  if (ROOM_CODES.has(error.code)) return { key: `roomErrors.${error.code}` as ErrorDescription['key'], fallback: byStatus(error, retry) };
  if (CONSOLE_CODES.has(error.code)) return { key: `consoleErrors.${error.code}` as ErrorDescription['key'], fallback: byStatus(error, retry) };
  if (BUDGET_CODES.has(error.code)) return { key: `budgetErrors.${error.code}` as ErrorDescription['key'], fallback: byStatus(error, retry) };
  if (SIGN_IN_AGAIN.has(error.code)) return { key: 'errors.SIGN_IN_AGAIN' };
  return byStatus(error, retry);
}

/** The sentence for a refusal without one of its own: by its HTTP status. */
function byStatus(error: ApiError, retry: number | undefined): ErrorDescription {
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
