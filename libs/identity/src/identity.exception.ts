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
  PASSWORD_LOGIN_DISABLED: 'PASSWORD_LOGIN_DISABLED',
  OIDC_PROVIDER_UNKNOWN: 'OIDC_PROVIDER_UNKNOWN',
  OIDC_PROVIDER_UNAVAILABLE: 'OIDC_PROVIDER_UNAVAILABLE',
  OIDC_STATE_INVALID: 'OIDC_STATE_INVALID',
  OIDC_CANCELLED: 'OIDC_CANCELLED',
  OIDC_CODE_INVALID: 'OIDC_CODE_INVALID',
  OIDC_ID_TOKEN_INVALID: 'OIDC_ID_TOKEN_INVALID',
  OIDC_EMAIL_TAKEN: 'OIDC_EMAIL_TAKEN',
  OIDC_IDENTITY_LINKED_ELSEWHERE: 'OIDC_IDENTITY_LINKED_ELSEWHERE',
  OIDC_PROVIDER_ALREADY_LINKED: 'OIDC_PROVIDER_ALREADY_LINKED',
  IDENTITY_NOT_LINKED: 'IDENTITY_NOT_LINKED',
  LAST_SIGN_IN_METHOD: 'LAST_SIGN_IN_METHOD',
  RETURN_PATH_INVALID: 'RETURN_PATH_INVALID',
  LAST_ADMIN_DELETION: 'LAST_ADMIN_DELETION',
} as const;

export type OidcErrorCode = Extract<keyof typeof IdentityErrorCode, `OIDC_${string}`>;

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
  static passwordLoginDisabled(): IdentityException {
    return new IdentityException('forbidden', IdentityErrorCode.PASSWORD_LOGIN_DISABLED, 'Residents sign in through an identity provider here: use one of the sign-in buttons');
  }
  static oidc(code: OidcErrorCode, message: string): IdentityException {
    const kind = code === 'OIDC_PROVIDER_UNKNOWN' ? 'not-found' : code === 'OIDC_PROVIDER_UNAVAILABLE' ? 'unavailable' : code === 'OIDC_EMAIL_TAKEN' || code.endsWith('LINKED') || code.endsWith('ELSEWHERE') ? 'conflict' : 'unauthenticated';
    return new IdentityException(kind, IdentityErrorCode[code], message);
  }
  static identityNotLinked(): IdentityException {
    return new IdentityException('not-found', IdentityErrorCode.IDENTITY_NOT_LINKED, 'No identity of this provider is linked to your account');
  }
  static lastSignInMethod(): IdentityException {
    return new IdentityException('conflict', IdentityErrorCode.LAST_SIGN_IN_METHOD, 'This is your only way to sign in: link another provider first');
  }
  static returnPathInvalid(): IdentityException {
    return new IdentityException('invalid', IdentityErrorCode.RETURN_PATH_INVALID, 'returnTo must be a path of this site, such as /referendums');
  }
  static lastAdminDeletion(): IdentityException {
    return new IdentityException('conflict', IdentityErrorCode.LAST_ADMIN_DELETION, 'The last active admin cannot delete their account: make another admin first');
  }
}
