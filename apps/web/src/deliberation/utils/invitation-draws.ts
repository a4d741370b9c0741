import type { Schemas } from '../../app/api/client';

/** How many invitations a drawn invitation draw made from one source (the sum over its strata). */
export function invitedFrom(draw: Schemas['InvitationDrawDto'], source: string): number {
  return Object.values(draw.allocation?.[source]?.strata ?? {}).reduce((sum, stratum) => sum + stratum.invited, 0);
}
