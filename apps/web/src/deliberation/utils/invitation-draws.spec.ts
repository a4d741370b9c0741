import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '../../app/api/client';
import { invitedFrom } from './invitation-draws';

describe('an invitation draw’s figures', () => {
  it('adds up the invitations of a source over its strata, none before the draw', () => {
    const drawn = { allocation: { roll: { seats: 16, strata: { '75001': { eligible: 100, seats: 8, invited: 8 }, '75002': { eligible: 100, seats: 8, invited: 7 } } } } } as unknown as Schemas['InvitationDrawDto'];
    expect(invitedFrom(drawn, 'roll')).toBe(15);
    expect(invitedFrom(drawn, 'young')).toBe(0);
    expect(invitedFrom({} as Schemas['InvitationDrawDto'], 'roll')).toBe(0);
  });
});
