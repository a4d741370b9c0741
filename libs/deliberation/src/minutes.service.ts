import { Injectable } from '@nestjs/common';
import { DeliberationRepository } from './deliberation.repository.js';
import { buildMinutes, type Minutes } from './minutes.js';
import { RoomService } from './room.service.js';
import { SessionAccess } from './session-access.js';
import type { Principal } from '@app/shared';

/** Loads a session's record and turns it into minutes. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly repository: DeliberationRepository,
    private readonly rooms: RoomService,
    private readonly access: SessionAccess,
  ) {}

  async minutes(principal: Principal | undefined, sessionId: string): Promise<Minutes> {
    const session = await this.access.requireReader(principal, sessionId);
    const { room } = await this.rooms.view(sessionId);
    const events = await this.repository.allEvents(sessionId);
    const accountIds = new Set<string>();
    for (const event of events) {
      if (event.actorId !== null) accountIds.add(event.actorId);
      for (const key of ['accountId', 'authorId', 'by']) {
        const value = event.data[key];
        if (typeof value === 'string') accountIds.add(value);
      }
    }
    return buildMinutes({
      session: { id: session.id, title: session.title, scheduledAt: session.scheduledAt.toISOString(), status: session.status, visibility: session.visibility },
      items: room.items.map(({ proposalId, title, allottedMinutes }) => ({ proposalId, title, allottedMinutes })),
      events,
      names: await this.repository.displayNames([...accountIds]),
      reactions: await this.repository.reactionCounts(sessionId),
    });
  }
}
