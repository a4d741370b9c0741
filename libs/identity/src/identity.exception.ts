import { DomainException } from '@app/shared';

export const IdentityErrorCode = {
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  LAST_ADMIN: 'LAST_ADMIN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  COOKIE_HEADER_REQUIRED: 'COOKIE_HEADER_REQUIRED',
} as const;

export class IdentityException extends DomainException {
  static emailTaken(): IdentityException {
    return new IdentityException('conflict', IdentityErrorCode.EMAIL_TAKEN, 'An account already exists for this email address');
  }
  static invalidCredentials(): IdentityException {
    return new IdentityException('unauthenticated', IdentityErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
  }
  static accountLocked(retryAfterSeconds: number): IdentityException {
    return new IdentityException(
      'rate-limited',
      IdentityErrorCode.ACCOUNT_LOCKED,
      `Too many failed logins for this account; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
      retryAfterSeconds,
    );
  }
  static accountDisabled(): IdentityException {
    return new IdentityException('forbidden', IdentityErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
  }
  static tooManyAttempts(retryAfterSeconds: number): IdentityException {
    return new IdentityException(
      'rate-limited',
      IdentityErrorCode.TOO_MANY_ATTEMPTS,
      `Too many attempts from this address; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
      retryAfterSeconds,
    );
  }
  static cookieHeaderRequired(): IdentityException {
    return new IdentityException('forbidden', IdentityErrorCode.COOKIE_HEADER_REQUIRED, 'A request using the session cookie must send the header X-Requested-With');
  }
  static refreshTokenInvalid(): IdentityException {
    return new IdentityException('unauthenticated', IdentityErrorCode.REFRESH_TOKEN_INVALID, 'The refresh token is not valid or has expired; log in again');
  }
  static refreshTokenReused(): IdentityException {
    return new IdentityException(
      'unauthenticated',
      IdentityErrorCode.REFRESH_TOKEN_REUSED,
      'This refresh token was already used; the session has been ended for safety. Log in again',
    );
  }
  static accountNotFound(): IdentityException {
    return new IdentityException('not-found', IdentityErrorCode.ACCOUNT_NOT_FOUND, 'No such account');
  }
  static lastAdmin(): IdentityException {
    return new IdentityException('conflict', IdentityErrorCode.LAST_ADMIN, 'The last active admin cannot lose the admin role');
  }
  static weakPassword(reason: string): IdentityException {
    return new IdentityException('invalid', IdentityErrorCode.WEAK_PASSWORD, `Password refused: ${reason}`);
  }
}
