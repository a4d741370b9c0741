import type { Schemas } from '../api/client';

/**
 * What the API's public `/live` socket.io namespace pushes (apps/api/src/live/live-feed.ts), typed
 * from the REST DTOs the payloads mirror.
 */
export interface LiveEvents {
  'poll.turnout': { pollId: string } & Schemas['TurnoutDto'];
  'poll.status': { pollId: string; status: Schemas['PollDto']['status'] };
  'proposal.supports': { proposalId: string; supportCount: number; state: Schemas['ProposalDto']['state'] };
  'referendum.turnout': { referendumId: string; turnout: Schemas['ReferendumTurnoutDto'] };
  'referendum.status': { referendumId: string; status: Schemas['ReferendumDto']['status'] };
}

export type LiveEventName = keyof LiveEvents;
export type LiveTopic = `${'poll' | 'proposal' | 'referendum'}:${string}`;
