import type { GlobalRole } from './roles.js';

/** Who is calling: resolved from a verified access token and the live session. */
export interface Principal {
  accountId: string;
  sessionId: string;
  roles: readonly GlobalRole[];
}

export function hasAnyRole(principal: Principal, roles: readonly GlobalRole[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
