import type { PersonalDataSection } from '@app/shared';

/**
 * Messages a person posted in live sessions and the sessions they facilitated. Messages are the
 * sessions' minutes: they stay when the account is deleted, signed by the deleted account.
 * Attendance is with the seat (the assemblies section), for the indemnity statements.
 */
export const DELIBERATION_SECTION: PersonalDataSection = {
  name: 'deliberation',
  async export(manager, accountId) {
    const messages = await manager.query<unknown[]>(
      `SELECT m.session_id AS "sessionId", s.title AS "session", m.item_index AS "itemIndex", m.body, m.posted_at AS "postedAt", m.hidden_at AS "hiddenAt", m.hidden_reason AS "hiddenReason"
         FROM session_messages m JOIN sessions s ON s.id = m.session_id WHERE m.author_id = $1 ORDER BY m.posted_at`,
      [accountId],
    );
    const facilitated = await manager.query<unknown[]>(
      `SELECT f.session_id AS "sessionId", s.title AS "session", f.created_at AS "since" FROM session_facilitators f JOIN sessions s ON s.id = f.session_id WHERE f.account_id = $1 ORDER BY f.created_at`,
      [accountId],
    );
    return { messages, facilitated };
  },
};
