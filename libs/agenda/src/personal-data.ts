import type { PersonalDataSection } from '@app/shared';

/**
 * Proposals and amendments a person wrote and the petitions they support. They stay in the public
 * record when the account is deleted, signed by the deleted account (supports keep counting).
 */
export const AGENDA_SECTION: PersonalDataSection = {
  name: 'agenda',
  async export(manager, accountId) {
    const [proposals, amendments, supports] = [
      await manager.query<unknown[]>(`SELECT id, assembly_id AS "assemblyId", kind, title, body, state, created_at AS "createdAt" FROM proposals WHERE author_id = $1 ORDER BY created_at`, [accountId]),
      await manager.query<unknown[]>(`SELECT id, proposal_id AS "proposalId", title, body, rationale, state, created_at AS "createdAt" FROM amendments WHERE author_id = $1 ORDER BY created_at`, [accountId]),
      await manager.query<unknown[]>(`SELECT s.proposal_id AS "proposalId", p.title, s.created_at AS "supportedAt" FROM supports s JOIN proposals p ON p.id = s.proposal_id WHERE s.account_id = $1 ORDER BY s.created_at`, [accountId]),
    ];
    return { proposals, amendments, supports };
  },
};
