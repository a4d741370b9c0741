import { DomainException } from '../errors/domain.exception.js';

export const AuthErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  SESSION_REVOKED: 'SESSION_REVOKED',
  FORBIDDEN: 'FORBIDDEN',
} as const;

export class AuthException extends DomainException {
  static missingToken(): AuthException {
    return new AuthException('unauthenticated', AuthErrorCode.UNAUTHENTICATED, 'Authentication required: send an access token as "Authorization: Bearer <token>"');
  }
  static invalidToken(): AuthException {
    return new AuthException('unauthenticated', AuthErrorCode.TOKEN_INVALID, 'The access token is not valid');
  }
  static expiredToken(): AuthException {
    return new AuthException('unauthenticated', AuthErrorCode.TOKEN_EXPIRED, 'The access token has expired; refresh it');
  }
  static sessionRevoked(): AuthException {
    return new AuthException('unauthenticated', AuthErrorCode.SESSION_REVOKED, 'This session has ended; log in again');
  }
  static forbidden(what = 'this action'): AuthException {
    return new AuthException('forbidden', AuthErrorCode.FORBIDDEN, `You are not allowed to perform ${what}`);
  }
}
