import { describe, expect, it } from '@jest/globals';
import { applyToMessages, applyToRoom, applyToVotes, currentVote, followLatest, MESSAGE_WINDOW, windowFromPage, withJoinAck, withOlder, type RoomView, type SessionEvent } from './room-events';

const room = (status: RoomView['status']): RoomView =>
  ({ status, items: [], currentItem: null, floor: null, queue: [], present: [], mutes: [], settings: { turnSeconds: 120, warningSeconds: 30, firstSpeakerPriority: true, autoNext: true }, breakout: null, group: null, notice: null, serverTime: '2027-03-01T10:00:00Z' });

const event = (seq: number, type: string, data: Record<string, unknown> = {}, withRoom?: RoomView): SessionEvent => ({ sessionId: 's', seq, type, at: `2027-03-01T10:00:${String(seq).padStart(2, '0')}Z`, actorId: null, data, ...(withRoom ? { room: withRoom } : {}) });

const posted = (seq: number, id: string, itemIndex: number | null = 0, extra: Record<string, unknown> = {}) => event(seq, 'message.posted', { id, itemIndex, authorId: 'a', authorName: 'Aïcha', replyTo: null, body: `texte ${id}`, ...extra });

describe('room events on the page', () => {
  it('applies each room change once, in seq order', () => {
    let snapshot = { seq: 3, room: room('scheduled') };
    snapshot = applyToRoom(snapshot, event(4, 'session.started', {}, room('live')));
    expect(snapshot).toEqual({ seq: 4, room: room('live') });
    // A replayed or late event changes nothing.
    expect(applyToRoom(snapshot, event(4, 'session.started', {}, room('paused')))).toBe(snapshot);
    expect(applyToRoom(snapshot, event(2, 'x', {}, room('ended')))).toBe(snapshot);
    // Events without a room move the seq only.
    expect(applyToRoom(snapshot, event(5, 'message.posted'))).toEqual({ seq: 5, room: room('live') });
  });

  it('takes the join acknowledgement only when it is newer than what the page holds', () => {
    const held = { seq: 10, room: room('live') };
    expect(withJoinAck(held, { seq: 8, room: room('paused') })).toBe(held);
    expect(withJoinAck(held, { seq: 12, room: room('paused') })).toEqual({ seq: 12, room: room('paused') });
    expect(withJoinAck(undefined, { seq: 1, room: room('live') })).toEqual({ seq: 1, room: room('live') });
  });

  it('adds messages of the item shown, counts reactions and the reader’s own, hides with the reason', () => {
    let window = windowFromPage(0, { messages: [], asOfSeq: 10, nextBefore: null });
    window = applyToMessages(window, posted(11, 'm1'), 'me');
    window = applyToMessages(window, posted(12, 'other', 1), 'me'); // another item: not shown
    window = applyToMessages(window, event(13, 'message.reacted', { messageId: 'm1', accountId: 'me', reaction: 'agree', on: true }), 'me');
    window = applyToMessages(window, event(14, 'message.reacted', { messageId: 'm1', accountId: 'b', reaction: 'agree', on: true }), 'me');
    window = applyToMessages(window, event(15, 'message.reacted', { messageId: 'm1', accountId: 'b', reaction: 'agree', on: false }), 'me');
    expect(window.messages).toHaveLength(1);
    expect(window.messages[0]).toMatchObject({ id: 'm1', seq: 11, authorName: 'Aïcha', body: 'texte m1', reactions: { agree: 1 }, mine: ['agree'] });
    window = applyToMessages(window, event(16, 'message.hidden', { messageId: 'm1', authorId: 'a', reason: 'Hors sujet', by: 'chair' }), 'me');
    expect(window.messages[0]).toMatchObject({ body: null, hiddenReason: 'Hors sujet' });
    expect(window.asOfSeq).toBe(16);
  });

  it('ignores what the page already reflects, so a replay after a reconnection doubles nothing', () => {
    const page = windowFromPage(0, { messages: [], asOfSeq: 10, nextBefore: null });
    const once = applyToMessages(page, posted(11, 'm1'), null);
    const replayed = [posted(11, 'm1'), event(11, 'message.reacted', { messageId: 'm1', accountId: 'b', reaction: 'agree', on: true })].reduce((w, e) => applyToMessages(w, e, null), once);
    expect(replayed).toBe(once);
    // An event already in the page's snapshot is not applied again.
    expect(applyToMessages(page, posted(9, 'old'), null)).toBe(page);
  });

  it('replays hidden messages by their reason only', () => {
    const window = applyToMessages(windowFromPage(0, { messages: [], asOfSeq: 0, nextBefore: null }), posted(1, 'h', 0, { body: null, hidden: true, hiddenReason: 'Injurieux' }), null);
    expect(window.messages[0]).toMatchObject({ body: null, hiddenReason: 'Injurieux' });
  });

  it(`keeps at most ${MESSAGE_WINDOW} messages, and fetches older ones before them`, () => {
    let window = windowFromPage(0, { messages: [], asOfSeq: 0, nextBefore: null });
    for (let seq = 1; seq <= MESSAGE_WINDOW + 5; seq += 1) window = applyToMessages(window, posted(seq, `m${seq}`), null);
    expect(window.messages).toHaveLength(MESSAGE_WINDOW);
    expect(window.messages[0].id).toBe('m6');
    expect(window.olderBefore).toBe(6);
    const older = withOlder(window, { messages: [window.messages[0], { ...window.messages[0], id: 'm5', seq: 5 }].reverse(), asOfSeq: 999, nextBefore: 5 });
    expect(older.messages.slice(0, 2).map((message) => message.id)).toEqual(['m5', 'm6']);
    expect(older.messages).toHaveLength(MESSAGE_WINDOW + 1);
    expect(older.olderBefore).toBe(5);
    expect(older.asOfSeq).toBe(window.asOfSeq);
  });

  it('keeps the older messages someone is reading as new ones arrive, until they return to the latest', () => {
    let window = windowFromPage(0, { messages: [], asOfSeq: 0, nextBefore: null });
    for (let seq = 11; seq <= MESSAGE_WINDOW + 10; seq += 1) window = applyToMessages(window, posted(seq, `m${seq}`), null);
    const olderPage = Array.from({ length: 10 }, (_, i) => ({ ...window.messages[0], id: `m${i + 1}`, seq: i + 1 }));
    let reading = withOlder(window, { messages: olderPage, asOfSeq: 999, nextBefore: null });
    expect(reading.keep).toBe(MESSAGE_WINDOW + 10);
    reading = applyToMessages(reading, posted(MESSAGE_WINDOW + 11, 'new'), null);
    expect(reading.messages[0].id).toBe('m1'); // nothing taken from under the reader's eyes
    expect(reading.messages).toHaveLength(MESSAGE_WINDOW + 11);
    const latest = followLatest(reading);
    expect(latest.messages).toHaveLength(MESSAGE_WINDOW);
    expect(latest.messages.at(-1)?.id).toBe('new');
    expect(latest.olderBefore).toBe(latest.messages[0].seq);
    expect(latest.keep).toBe(MESSAGE_WINDOW);
    expect(followLatest(latest)).toBe(latest);
  });

  it('follows votes from opening to ranking, and shows the open one first', () => {
    let votes = applyToVotes([], event(1, 'vote.opened', { pollId: 'p1', title: 'Motion A ?', itemIndex: 0, grades: ['Non', 'Oui'], options: [{ id: 'o1', label: 'A' }] }));
    votes = applyToVotes(votes, event(2, 'vote.turnout', { pollId: 'p1', participants: 3, eligible: 10 }));
    expect(votes[0]).toMatchObject({ status: 'open', turnout: { participants: 3, eligible: 10 } });
    votes = applyToVotes(votes, event(3, 'vote.opened', { pollId: 'p2', title: 'Motion B ?', itemIndex: 0, grades: ['Non', 'Oui'], options: [] }));
    votes = applyToVotes(votes, event(4, 'vote.closed', { pollId: 'p1', ballots: 3, participations: 3, ranking: { grades: [], tieBreak: 'majority-value', padding: null, voters: 3, ranking: [] } }));
    expect(votes.map((vote) => vote.status)).toEqual(['closed', 'open']);
    expect(currentVote(votes)?.pollId).toBe('p2');
    votes = applyToVotes(votes, event(5, 'vote.closed', { pollId: 'p2', ballots: 0, participations: 0, ranking: { grades: [], tieBreak: 'majority-value', padding: null, voters: 0, ranking: [] } }));
    expect(currentVote(votes)?.pollId).toBe('p2');
    expect(currentVote([])).toBeUndefined();
    // Opened twice (a replay): listed once.
    expect(applyToVotes(votes, event(1, 'vote.opened', { pollId: 'p1', title: 'x', itemIndex: 0, grades: [], options: [] }))).toHaveLength(2);
  });
});
