import type { Schemas } from '../../app/api/client';

/**
 * The room's state on the page, kept by applying the server's `session.event`s in `seq` order on
 * top of a snapshot (the join acknowledgement, a page of messages, the list of votes). Each event
 * is applied once: anything at or below what a piece of state already reflects is ignored, so a
 * replay after a reconnection neither loses nor doubles anything. Pure functions, tested without a DOM.
 */
export type RoomView = Schemas['RoomViewDto'];
export type SessionEvent = Schemas['SessionEventDto'] & { room?: RoomView };
export type Message = Schemas['SessionMessageDto'];
export type Reaction = Message['mine'][number];
export type SessionVote = Schemas['SessionVoteDto'] & { turnout?: { participants: number; eligible: number | null }; ranking?: Schemas['RankingDto']; ballots?: number };

export interface RoomSnapshot {
  seq: number;
  room: RoomView;
}

export function applyToRoom(snapshot: RoomSnapshot, event: SessionEvent): RoomSnapshot {
  if (event.seq <= snapshot.seq) return snapshot;
  return { seq: event.seq, room: event.room ?? snapshot.room };
}

/** The join acknowledgement's room reflects its seq: newer than what the page holds, it replaces it. */
export function withJoinAck(snapshot: RoomSnapshot | undefined, ack: { seq: number; room: RoomView }): RoomSnapshot {
  return snapshot !== undefined && snapshot.seq >= ack.seq ? snapshot : { seq: ack.seq, room: ack.room };
}

/** Messages kept on the page: long sessions keep the latest ones and fetch older ones on demand. */
export const MESSAGE_WINDOW = 200;
/** The bound on the page's messages while someone reads older ones (about 1,000 × 1 KB of DOM). */
export const MESSAGES_KEPT_AT_MOST = 1000;

export interface MessageWindow {
  itemIndex: number | null;
  /** Every message event up to this seq is reflected. */
  asOfSeq: number;
  /** Oldest first. */
  messages: Message[];
  /** `before` for the previous page; null when the oldest message is here. */
  olderBefore: number | null;
  /**
   * How many messages are kept as new ones arrive: MESSAGE_WINDOW, or more while the person reads
   * older ones they fetched (new messages must not take those away); back to MESSAGE_WINDOW when
   * they return to the latest (`followLatest`).
   */
  keep: number;
}

export function windowFromPage(itemIndex: number | null, page: Schemas['MessagePageDto']): MessageWindow {
  return { itemIndex, asOfSeq: page.asOfSeq, messages: page.messages, olderBefore: page.nextBefore, keep: MESSAGE_WINDOW };
}

/** Older messages fetched on demand, put before the ones shown, and kept while they are read. */
export function withOlder(window: MessageWindow, page: Schemas['MessagePageDto']): MessageWindow {
  const known = new Set(window.messages.map((message) => message.id));
  const messages = [...page.messages.filter((message) => !known.has(message.id)), ...window.messages];
  return { ...window, messages, olderBefore: page.nextBefore, keep: Math.min(MESSAGES_KEPT_AT_MOST, Math.max(window.keep, messages.length)) };
}

/** Back to the latest messages: the window shrinks to MESSAGE_WINDOW again. */
export function followLatest(window: MessageWindow): MessageWindow {
  if (window.keep === MESSAGE_WINDOW && window.messages.length <= MESSAGE_WINDOW) return window;
  return { ...trimmed(window, MESSAGE_WINDOW), keep: MESSAGE_WINDOW };
}

function trimmed(window: MessageWindow, keep: number): MessageWindow {
  if (window.messages.length <= keep) return window;
  const kept = window.messages.slice(window.messages.length - keep);
  return { ...window, messages: kept, olderBefore: kept[0].seq };
}

const NO_REACTIONS: Message['reactions'] = { agree: 0, disagree: 0, unclear: 0, applause: 0 };

export function applyToMessages(window: MessageWindow, event: SessionEvent, me: string | null): MessageWindow {
  if (event.seq <= window.asOfSeq) return window;
  const next = { ...window, asOfSeq: event.seq };
  switch (event.type) {
    case 'message.posted': {
      const data = event.data as Schemas['MessagePostedDataDto'];
      if (data.itemIndex !== window.itemIndex || window.messages.some((message) => message.id === data.id)) return next;
      const message: Message = {
        id: data.id,
        seq: event.seq,
        itemIndex: data.itemIndex,
        authorId: data.authorId,
        authorName: data.authorName ?? null,
        replyTo: data.replyTo,
        body: data.hidden === true ? null : data.body,
        hiddenReason: data.hiddenReason ?? null,
        postedAt: event.at,
        reactions: { ...NO_REACTIONS },
        mine: [],
      };
      // While someone reads older messages the window grows with new ones too, up to a bound.
      const keep = window.keep > MESSAGE_WINDOW ? Math.min(window.keep + 1, MESSAGES_KEPT_AT_MOST) : MESSAGE_WINDOW;
      return trimmed({ ...next, messages: [...window.messages, message], keep }, keep);
    }
    case 'message.reacted': {
      const data = event.data as Schemas['MessageReactedDataDto'];
      return {
        ...next,
        messages: window.messages.map((message) => {
          if (message.id !== data.messageId) return message;
          const count = Math.max(0, message.reactions[data.reaction] + (data.on ? 1 : -1));
          const mine = data.accountId !== me ? message.mine : data.on ? [...new Set([...message.mine, data.reaction])] : message.mine.filter((reaction) => reaction !== data.reaction);
          return { ...message, reactions: { ...message.reactions, [data.reaction]: count }, mine };
        }),
      };
    }
    case 'message.hidden': {
      const data = event.data as Schemas['MessageHiddenDataDto'];
      return { ...next, messages: window.messages.map((message) => (message.id === data.messageId ? { ...message, body: null, hiddenReason: data.reason } : message)) };
    }
    default:
      return next;
  }
}

/** Votes of the session: opened, turnout while open, the ranking once closed. */
export function applyToVotes(votes: readonly SessionVote[], event: SessionEvent): SessionVote[] {
  switch (event.type) {
    case 'vote.opened': {
      const data = event.data as Schemas['VoteOpenedDataDto'];
      if (votes.some((vote) => vote.pollId === data.pollId)) return [...votes];
      return [...votes, { pollId: data.pollId, title: data.title, itemIndex: data.itemIndex, status: 'open', grades: data.grades, options: data.options }];
    }
    case 'vote.turnout': {
      const data = event.data as Schemas['VoteTurnoutDataDto'];
      return votes.map((vote) => (vote.pollId === data.pollId ? { ...vote, turnout: { participants: data.participants, eligible: data.eligible } } : vote));
    }
    case 'vote.closed': {
      const data = event.data as Schemas['VoteClosedDataDto'];
      return votes.map((vote) => (vote.pollId === data.pollId ? { ...vote, status: 'closed', ranking: data.ranking, ballots: data.ballots } : vote));
    }
    case 'vote.published': {
      const pollId = (event.data as { pollId: string }).pollId;
      return votes.map((vote) => (vote.pollId === pollId ? { ...vote, status: 'published' } : vote));
    }
    default:
      return [...votes];
  }
}

/** The vote to show now: the open one (the latest opened), else the last closed. */
export function currentVote(votes: readonly SessionVote[]): SessionVote | undefined {
  return [...votes].reverse().find((vote) => vote.status === 'open') ?? votes[votes.length - 1];
}
