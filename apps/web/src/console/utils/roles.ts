import type { Schemas } from '../../app/api/client';

export type GlobalRole = Schemas['AccountDto']['roles'][number];

/** Who runs what from the console (the API checks again on every request). */
export const CONSOLE_ROLES = {
  /** Assemblies, sortition, polls, referendums, agenda review. */
  organise: ['organiser'],
  /** The door of a sitting: checking members in and out. */
  door: ['organiser', 'facilitator'],
  /** The audit log. */
  audit: ['admin', 'organiser'],
  /** The console's home: anyone with one of its pages. */
  any: ['admin', 'organiser'],
} as const satisfies Record<string, readonly GlobalRole[]>;

export function hasAnyRole(roles: readonly GlobalRole[] | undefined, wanted: readonly GlobalRole[]): boolean {
  return roles !== undefined && wanted.some((role) => roles.includes(role));
}
