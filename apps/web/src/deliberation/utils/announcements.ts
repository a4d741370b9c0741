import type { MessageKey } from '../../app/i18n/translate';
import type { SessionEvent } from './room-events';

export interface Announcement {
  key: Extract<MessageKey, `room.announce.${string}`>;
  values?: Record<string, string>;
}

/**
 * What a screen reader says of an event (politely, after what it is reading): a new speaker, the
 * reader's own turn and its warning, a vote opening or closing, the agenda moving, the session's
 * pauses, the reader being muted. Other events speak through the page itself.
 */
export function announcementFor(event: SessionEvent, me: string | null): Announcement | null {
  const data = event.data as Record<string, unknown>;
  const about = (key: string): string | null => (typeof data[key] === 'string' ? (data[key]) : null);
  switch (event.type) {
    case 'floor.granted':
      if (about('accountId') === me) return { key: 'room.announce.yourTurn' };
      return { key: 'room.announce.speaker', values: { name: event.room?.floor?.name ?? '—' } };
    case 'floor.warning':
      return about('accountId') === me ? { key: 'room.announce.yourTimeWarning' } : null;
    case 'floor.ended':
      return about('accountId') === me ? { key: 'room.announce.yourTurnEnded' } : null;
    case 'vote.opened':
      return { key: 'room.announce.voteOpened', values: { title: about('title') ?? '' } };
    case 'vote.closed':
      return { key: 'room.announce.voteClosed' };
    case 'item.started':
      return { key: 'room.announce.itemStarted', values: { title: about('title') ?? '' } };
    case 'session.started':
      return { key: 'room.announce.sessionStarted' };
    case 'session.paused':
      return { key: 'room.announce.sessionPaused' };
    case 'session.resumed':
      return { key: 'room.announce.sessionResumed' };
    case 'session.ended':
      return { key: 'room.announce.sessionEnded' };
    case 'breakout.opened':
      return { key: 'room.announce.workshopsOpened' };
    case 'breakout.broadcast':
      return { key: 'room.announce.broadcast', values: { text: about('text') ?? '' } };
    case 'breakout.closed':
      return { key: 'room.announce.workshopsClosed' };
    case 'member.muted':
      return about('accountId') === me ? { key: 'room.announce.youAreMuted' } : null;
    default:
      return null;
  }
}
