import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import type { GlobalRole } from './roles.js';

export const IS_PUBLIC = 'pnyx:isPublic';
export const REQUIRED_ROLES = 'pnyx:requiredRoles';

/** Opens a route to unauthenticated callers. Everything else requires an access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to callers holding at least one of these global roles. */
export const RequireRoles = (...roles: GlobalRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

/** The authenticated caller; only valid on routes that are not `@Public()`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** The caller on a `@Public()` route, when they sent a valid token; `undefined` for anonymous callers. */
export const OptionalPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
