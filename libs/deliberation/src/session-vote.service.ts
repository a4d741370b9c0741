import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '@app/persistence';
import type { Principal } from '@app/shared';
import { PollEvents, PollService, type GradePreset, type PollEvent } from '@app/voting';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository } from './deliberation.repository.js';
import { RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { RoomService } from './room.service.js';
import { requireChair, SessionAccess, type Participant } from './session-access.js';
import type { SessionVoteDto } from './dto/deliberation.dto.js';

export interface SessionVoteDraft {
  title: string;
  options: Array<{ label: string; description?: string }>;
  gradePreset?: GradePreset;
  grades?: string[];
}

/**
 * Majority-judgment polls opened in a session: created and opened through the voting library (same
 * ballot box, receipts, results), linked to the session, and followed in the room: turnout while
 * open, the result at close, whichever instance or route closed it.
 */
@Injectable()
export class SessionVoteService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionVoteService.name);
  private unsubscribe: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomService,
    private readonly repository: DeliberationRepository,
    private readonly broadcaster: RoomBroadcaster,
    private readonly polls: PollService,
    private readonly pollEvents: PollEvents,
    private readonly access: SessionAccess,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.pollEvents.subscribe((event) => {
      void this.follow(event).catch((error: unknown) => this.logger.warn({ msg: 'could not relay a poll event to its session', pollId: event.pollId, err: error }));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async open(participant: Participant, draft: SessionVoteDraft): Promise<WireEvent[]> {
    requireChair(participant, 'open votes');
    const { session, principal } = participant;
    const { room } = await this.rooms.view(session.id);
    if (room.status !== 'live') throw new DeliberationException('conflict', 'SESSION_NOT_LIVE', 'Votes are opened while the session is live');
    const created = await this.polls.create(principal, { ...draft, audience: 'assembly', assemblyId: session.assemblyId });
    const { poll, options } = await this.polls.open(principal, created.poll.id);
    const published = await inTransaction(this.dataSource, (manager) =>
      this.rooms.changeIn(manager, session.id, principal.accountId, async ({ state: room }) => {
        const itemIndex = room.item?.index ?? null;
        await this.repository.linkPoll(poll.id, session.id, itemIndex, manager);
        return {
          events: [
            {
              type: 'vote.opened',
              data: { pollId: poll.id, title: poll.title, itemIndex, grades: poll.grades, options: options.map((option) => ({ id: option.id, label: option.label })) },
            },
          ],
        };
      }),
    );
    this.broadcaster.publish(published);
    return published;
  }

  /** The votes of a session, for its readers, in the order they were opened. */
  async list(principal: Principal | undefined, sessionId: string): Promise<SessionVoteDto[]> {
    await this.access.requireReader(principal, sessionId);
    const links = await this.repository.pollsOfSession(sessionId);
    return Promise.all(
      links.map(async (link) => {
        const { poll, options } = await this.polls.get(link.pollId);
        return { pollId: poll.id, title: poll.title, itemIndex: link.itemIndex, status: poll.status, grades: poll.grades, options: options.map((option) => ({ id: option.id, label: option.label })) };
      }),
    );
  }

  async close(participant: Participant, pollId: string): Promise<void> {
    requireChair(participant, 'close votes');
    const link = await this.repository.sessionOfPoll(pollId);
    if (link === null || link.sessionId !== participant.session.id) throw DeliberationException.pollNotOfSession();
    await this.polls.close(participant.principal, pollId); // the room hears of it through PollEvents
  }

  private async follow(event: PollEvent): Promise<void> {
    if (event.assemblyId === null) return;
    const link = await this.repository.sessionOfPoll(event.pollId);
    if (link === null) return;
    switch (event.type) {
      case 'poll.turnout':
        await this.rooms.change(link.sessionId, null, () =>
          Promise.resolve({
            events: [{ type: 'vote.turnout', data: { pollId: event.pollId, participants: event.participants, eligible: event.eligible } }],
          }),
        );
        return;
      case 'poll.closed': {
        const { result } = await this.polls.results(event.pollId);
        await this.rooms.change(link.sessionId, null, () =>
          Promise.resolve({
            events: [{ type: 'vote.closed', data: { pollId: event.pollId, ballots: result.ballots, participations: result.participations, ranking: result.ranking } }],
          }),
        );
        return;
      }
      case 'poll.published':
        await this.rooms.change(link.sessionId, null, () => Promise.resolve({ events: [{ type: 'vote.published', data: { pollId: event.pollId } }] }));
        return;
      case 'poll.opened':
        return; // announced by open() with the options
    }
  }
}
