import type { PersonalDataSection } from '@app/shared';

/**
 * Ideas a person proposed, the ideas they follow, and the district they vote in per edition. Ideas
 * stay in the public record when the account is deleted; follows (notifications) are erased.
 */
export const BUDGET_SECTION: PersonalDataSection = {
  name: 'budget',
  async export(manager, accountId) {
    const ideas = await manager.query<unknown[]>(
      `SELECT id, edition_id AS "editionId", title, body, district, location, created_at AS "createdAt" FROM budget_ideas WHERE author_id = $1 ORDER BY created_at`,
      [accountId],
    );
    const follows = await manager.query<unknown[]>(
      `SELECT f.idea_id AS "ideaId", i.title, f.created_at AS "since" FROM budget_idea_follows f JOIN budget_ideas i ON i.id = f.idea_id WHERE f.account_id = $1 ORDER BY f.created_at`,
      [accountId],
    );
    const districts = await manager.query<unknown[]>(
      `SELECT v.edition_id AS "editionId", e.title AS "edition", v.district, v.first_ballot_at AS "firstBallotAt" FROM budget_voters v JOIN budget_editions e ON e.id = v.edition_id WHERE v.account_id = $1`,
      [accountId],
    );
    return { ideas, follows, districts };
  },
  async erase(manager, accountId) {
    await manager.query(`DELETE FROM budget_idea_follows WHERE account_id = $1`, [accountId]);
  },
};
