import type { PersonalDataSection } from '@app/shared';

/**
 * The polls a person took part in — never how they voted: ballots carry no voter, and only the
 * voter's receipt (which Pnyx never stores in clear) finds one. The marks stay when the account is
 * deleted, so nobody votes twice in a poll still open.
 */
export const VOTING_SECTION: PersonalDataSection = {
  name: 'votes',
  async export(manager, accountId) {
    const tookPart = await manager.query<unknown[]>(
      `SELECT p.id AS "pollId", p.title, p.status, p.closes_at AS "closesAt" FROM participations x JOIN polls p ON p.id = x.poll_id WHERE x.voter_key = $1 ORDER BY p.closes_at`,
      [`account:${accountId}`],
    );
    return { tookPart, note: 'Ballots are not linked to voters: how you voted is not held about you.' };
  },
};
