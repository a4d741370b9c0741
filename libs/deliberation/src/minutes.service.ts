import { Injectable } from '@nestjs/common';
import type { SessionEntity } from '@app/agenda';
import type { Principal } from '@app/shared';
import { DeliberationRepository } from './deliberation.repository.js';
import { buildMinutes, type Minutes } from './minutes.js';
import { SessionAccess } from './session-access.js';

/** Loads a session's record and turns it into minutes (for the API, and `pnyx session minutes`). */
export async function minutesOf(repository: DeliberationRepository, session: SessionEntity): Promise<Minutes> {
  const events = await repository.allEvents(session.id);
  const accountIds = new Set<string>();
  for (const event of events) {
    if (event.actorId !== null) accountIds.add(event.actorId);
    for (const key of ['accountId', 'authorId', 'by', 'reporterId']) {
      const value = event.data[key];
      if (typeof value === 'string') accountIds.add(value);
    }
    // Workshops: every group's members and facilitator.
    for (const group of (event.data['groups'] as Array<{ members?: unknown; facilitatorId?: unknown }> | undefined) ?? []) {
      const members: unknown[] = Array.isArray(group.members) ? (group.members as unknown[]) : [];
      for (const id of [...members, group.facilitatorId]) if (typeof id === 'string') accountIds.add(id);
    }
  }
  return buildMinutes({
    session: { id: session.id, title: session.title, scheduledAt: session.scheduledAt.toISOString(), status: session.status, visibility: session.visibility },
    items: await repository.roomItems(session.id),
    events,
    names: await repository.displayNames([...accountIds]),
    reactions: await repository.reactionCounts(session.id),
  });
}

/** Minutes for readers of the session (public sessions: anyone; members-only: participants). */
@Injectable()
export class MinutesService {
  constructor(
    private readonly repository: DeliberationRepository,
    private readonly access: SessionAccess,
  ) {}

  async minutes(principal: Principal | undefined, sessionId: string): Promise<Minutes> {
    return minutesOf(this.repository, await this.access.requireReader(principal, sessionId));
  }
}
