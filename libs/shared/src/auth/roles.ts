/** Roles held by an account across the whole city. */
export const GLOBAL_ROLES = ['admin', 'organiser', 'facilitator', 'resident'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

/** `member` is held per assembly, through a membership, never globally. */
export type Role = GlobalRole | 'member';

/** Roles an admin may grant or revoke; `resident` comes with registration. */
export const GRANTABLE_ROLES = ['admin', 'organiser', 'facilitator'] as const satisfies readonly GlobalRole[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
