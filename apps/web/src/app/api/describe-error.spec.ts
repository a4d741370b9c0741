import { describe, expect, it } from '@jest/globals';
import { describeError } from './describe-error';
import { ApiError, NetworkError } from './errors';

const refusal = (status: number, code: string, details?: unknown, retryAfterSeconds?: number): ApiError => new ApiError(status, code, 'message', details, retryAfterSeconds, 'req-123');

describe('describeError', () => {
  it("names the live room's and the console's refusals from their own bundles, with a sentence by status for pages without them", () => {
    expect(describeError(refusal(409, 'HAND_ALREADY_RAISED'))).toEqual({ key: 'roomErrors.HAND_ALREADY_RAISED', fallback: { key: 'errors.UNEXPECTED', values: { reference: 'req-123' } } });
    expect(describeError(refusal(403, 'NOT_ASSEMBLY_ORGANISER'))).toEqual({ key: 'consoleErrors.NOT_ASSEMBLY_ORGANISER', fallback: { key: 'errors.FORBIDDEN' } });
    expect(describeError(refusal(404, 'DRAW_NOT_FOUND'))).toEqual({ key: 'consoleErrors.DRAW_NOT_FOUND', fallback: { key: 'errors.NOT_FOUND' } });
    expect(describeError(refusal(404, 'PROPOSAL_NOT_FOUND'))).toEqual({ key: 'errors.PROPOSAL_NOT_FOUND' });
  });

  it('turns each referendum refusal into its own sentence', () => {
    for (const code of ['CODE_MALFORMED', 'CODE_UNKNOWN', 'CODE_REVOKED', 'ENTRY_LOCKED', 'NOT_ELIGIBLE_AGE', 'ALREADY_VOTED', 'REFERENDUM_NOT_OPEN']) {
      expect(describeError(refusal(403, code))).toEqual({ key: `errors.${code}` });
    }
    expect(describeError(refusal(403, 'IDENTITY_MISMATCH', { attemptsLeft: 3 }))).toEqual({ key: 'errors.IDENTITY_MISMATCH_LEFT', values: { count: 3 } });
    expect(describeError(refusal(403, 'IDENTITY_MISMATCH'))).toEqual({ key: 'errors.IDENTITY_MISMATCH' });
    expect(describeError(refusal(429, 'RATE_LIMITED', undefined, 125))).toEqual({ key: 'errors.RATE_LIMITED', values: { minutes: 3 } });
  });

  it('says how long a locked account waits, and explains sign-up refusals', () => {
    expect(describeError(refusal(429, 'ACCOUNT_LOCKED', { retryAfterSeconds: 60 }, 60))).toEqual({ key: 'errors.ACCOUNT_LOCKED', values: { minutes: 1 } });
    expect(describeError(refusal(409, 'EMAIL_TAKEN'))).toEqual({ key: 'errors.EMAIL_TAKEN' });
    expect(describeError(refusal(400, 'WEAK_PASSWORD'))).toEqual({ key: 'errors.WEAK_PASSWORD' });
    expect(describeError(refusal(429, 'TOO_MANY_ATTEMPTS', undefined, 30))).toEqual({ key: 'errors.RATE_LIMITED', values: { minutes: 1 } });
  });

  it('falls back by status, and keeps a reference for unexpected errors', () => {
    expect(describeError(refusal(401, 'SESSION_REVOKED'))).toEqual({ key: 'errors.SIGN_IN_AGAIN' });
    expect(describeError(refusal(404, 'SOMETHING_NOT_FOUND'))).toEqual({ key: 'errors.NOT_FOUND' });
    expect(describeError(refusal(500, 'INTERNAL_ERROR'))).toEqual({ key: 'errors.UNEXPECTED', values: { reference: 'req-123' } });
    expect(describeError(new NetworkError())).toEqual({ key: 'errors.NETWORK' });
    expect(describeError(new Error('boom'))).toEqual({ key: 'errors.UNEXPECTED', values: { reference: '—' } });
  });
});
