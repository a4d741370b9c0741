import { describe, expect, it } from '@jest/globals';
import { announcementFor } from './announcements';
import type { RoomView, SessionEvent } from './room-events';

const event = (type: string, data: Record<string, unknown> = {}, floorName?: string): SessionEvent => ({
  sessionId: 's',
  seq: 1,
  type,
  at: '2027-03-01T10:00:00Z',
  actorId: null,
  data,
  ...(floorName === undefined ? {} : { room: { floor: { name: floorName } } as RoomView }),
});

describe('announcements for screen readers', () => {
  it('name the new speaker, and tell me when it is my turn', () => {
    expect(announcementFor(event('floor.granted', { accountId: 'b' }, 'Bastien'), 'me')).toEqual({ key: 'room.announce.speaker', values: { name: 'Bastien' } });
    expect(announcementFor(event('floor.granted', { accountId: 'me' }, 'Moi'), 'me')).toEqual({ key: 'room.announce.yourTurn' });
    expect(announcementFor(event('floor.warning', { accountId: 'me' }), 'me')).toEqual({ key: 'room.announce.yourTimeWarning' });
    expect(announcementFor(event('floor.warning', { accountId: 'b' }), 'me')).toBeNull();
  });

  it('say a vote opens, with its title', () => {
    expect(announcementFor(event('vote.opened', { title: 'Adopter la motion ?' }), null)).toEqual({ key: 'room.announce.voteOpened', values: { title: 'Adopter la motion ?' } });
  });

  it('keep quiet about what the page shows anyway', () => {
    for (const type of ['message.posted', 'hand.raised', 'presence.joined', 'vote.turnout']) expect(announcementFor(event(type), 'me')).toBeNull();
  });
});
