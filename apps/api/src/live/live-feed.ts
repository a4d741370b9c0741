import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AgendaEvents, ProposalService } from '@app/agenda';
import { KeyedThrottle } from '@app/shared';
import { ReferendumEvents, ReferendumService } from '@app/referendum';
import { PollEvents } from '@app/voting';

/**
 * What the public `/live` namespace pushes, by topic (`poll:<id>`, `proposal:<id>`, `referendum:<id>`).
 * Each payload carries the figures themselves, so a page with 100,000 watchers causes no reads.
 * Payloads mirror the REST DTOs (TurnoutDto, ReferendumTurnoutDto, ProposalDto fields).
 */
export interface LiveMessages {
  'poll.turnout': { pollId: string; participants: number; eligible?: number; status: string };
  'poll.status': { pollId: string; status: string };
  'proposal.supports': { proposalId: string; supportCount: number; state: string };
  'referendum.turnout': { referendumId: string; turnout: Awaited<ReturnType<ReferendumService['turnout']>> };
  'referendum.status': { referendumId: string; status: string };
}

export type LivePublisher = <K extends keyof LiveMessages>(topic: string, event: K, payload: LiveMessages[K]) => void;

/** Counts that change with every vote or support are read afresh at most once a second per topic. */
const LIVE_TICK_MS = 1000;

/**
 * Turns the features' domain events into live messages. Figures that many requests change at once
 * (referendum turnout, support counts) are recomputed from the database after a throttle, so the
 * last message always carries the committed figure, whatever order the events came in.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly subscriptions: Array<() => void> = [];
  private publish: LivePublisher = () => undefined;
  private readonly referendumTurnout = new KeyedThrottle(LIVE_TICK_MS, (id) => this.run(() => this.pushReferendumTurnout(id)));
  private readonly proposalSupports = new KeyedThrottle(LIVE_TICK_MS, (id) => this.run(() => this.pushSupports(id)));
  private readonly logger = new Logger(LiveFeed.name);

  constructor(
    private readonly polls: PollEvents,
    private readonly agenda: AgendaEvents,
    private readonly proposals: ProposalService,
    private readonly referendumEvents: ReferendumEvents,
    private readonly referendums: ReferendumService,
  ) {}

  start(publish: LivePublisher): void {
    this.publish = publish;
    this.subscriptions.push(
      this.polls.subscribe((event) => {
        if (event.type === 'poll.turnout') {
          const { pollId, participants, eligible } = event;
          this.publish(`poll:${pollId}`, 'poll.turnout', { pollId, participants, ...(eligible === null ? {} : { eligible }), status: 'open' });
        } else {
          const status = event.type === 'poll.opened' ? 'open' : event.type === 'poll.closed' ? 'closed' : 'published';
          this.publish(`poll:${event.pollId}`, 'poll.status', { pollId: event.pollId, status });
        }
      }),
      this.agenda.subscribe((event) => {
        // Supports and transitions both change what a petition's page shows: one message with both.
        this.proposalSupports.hit(event.proposalId);
      }),
      this.referendumEvents.subscribe((event) => {
        if (event.type === 'referendum.voted') this.referendumTurnout.hit(event.referendumId);
        else this.publish(`referendum:${event.referendumId}`, 'referendum.status', { referendumId: event.referendumId, status: event.status });
      }),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.referendumTurnout.dispose();
    this.proposalSupports.dispose();
  }

  private async pushReferendumTurnout(referendumId: string): Promise<void> {
    this.publish(`referendum:${referendumId}`, 'referendum.turnout', { referendumId, turnout: await this.referendums.turnout(referendumId) });
  }

  private async pushSupports(proposalId: string): Promise<void> {
    const { proposal } = await this.proposals.get(undefined, proposalId);
    this.publish(`proposal:${proposalId}`, 'proposal.supports', { proposalId, supportCount: proposal.supportCount, state: proposal.state });
  }

  private run(task: () => Promise<void>): void {
    task().catch((error: unknown) => this.logger.warn({ msg: 'live update failed', err: error instanceof Error ? error.message : String(error) }));
  }
}
