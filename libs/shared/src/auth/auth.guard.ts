import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators.js';
import { AuthException } from './auth.exception.js';
import { Authenticator } from './authenticator.js';
import { hasAnyRole } from './principal.js';
import type { GlobalRole } from './roles.js';

/**
 * Global guard: every HTTP route needs a valid access token unless marked `@Public()`. A public
 * route that is sent a token still checks it, so it can show more to those allowed (see
 * `OptionalPrincipal`); a bad token there is a 401, never silently anonymous.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // gateways authenticate in their handshake
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true) {
      if (request.headers.authorization !== undefined) request.principal = await this.authenticator.authenticate(request.headers.authorization);
      return true;
    }
    const principal = await this.authenticator.authenticate(request.headers.authorization);
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<GlobalRole[] | undefined>(REQUIRED_ROLES, targets);
    if (required !== undefined && required.length > 0 && !hasAnyRole(principal, required)) {
      throw AuthException.forbidden(`this action (requires role ${required.join(' or ')})`);
    }
    return true;
  }
}
