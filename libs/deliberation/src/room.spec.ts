import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide, initialRoomState, nextDeadline, orderedQueue, roomView, RoomRefusal, SYSTEM, type Actor, type RoomCommand, type RoomState } from './room.js';

const chair: Actor = { accountId: 'chair', chair: true, member: false };
const member = (accountId: string): Actor => ({ accountId, chair: false, member: true });
const observer: Actor = { accountId: 'observer', chair: false, member: false };
const items = [
  { proposalId: 'p1', title: 'Mobilités', allottedMinutes: 10 },
  { proposalId: 'p2', title: 'Budget', allottedMinutes: null },
];

/** Applies commands in turn, returning the final state and every event type. */
function run(steps: Array<[RoomCommand, Actor, number]>, start: RoomState = initialRoomState(items)): { state: RoomState; types: string[] } {
  let state = start;
  const types: string[] = [];
  for (const [command, actor, now] of steps) {
    const decision = decide(state, command, actor, now);
    state = decision.state;
    types.push(...decision.events.map((event) => event.type));
  }
  return { state, types };
}

function refusal(state: RoomState, command: RoomCommand, actor: Actor, now = 0): string {
  try {
    decide(state, command, actor, now);
  } catch (error) {
    if (error instanceof RoomRefusal) return error.code;
    throw error;
  }
  return 'accepted';
}

const live = (): RoomState =>
  run([
    [{ type: 'session.start' }, chair, 0],
    [{ type: 'settings.change', settings: { turnSeconds: 60, warningSeconds: 10 } }, chair, 0],
    [{ type: 'item.start', index: 0 }, chair, 0],
  ]).state;

describe('room state machine', () => {
  it('goes scheduled → live ⇄ paused → ended, and refuses the other transitions', () => {
    const start = initialRoomState(items);
    expect(refusal(start, { type: 'session.pause' }, chair)).toBe('SESSION_NOT_LIVE');
    expect(refusal(start, { type: 'session.end' }, chair)).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusal(start, { type: 'session.start' }, member('m'))).toBe('NOT_CHAIR');
    const { state, types } = run([
      [{ type: 'session.start' }, chair, 0],
      [{ type: 'session.pause' }, chair, 1],
      [{ type: 'session.resume' }, chair, 2],
      [{ type: 'session.end' }, chair, 3],
    ]);
    expect(types).toEqual(['session.started', 'session.paused', 'session.resumed', 'session.ended']);
    expect(state.status).toBe('ended');
    expect(refusal(state, { type: 'session.start' }, chair)).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusal(state, { type: 'hand.raise' }, member('m'))).toBe('SESSION_ENDED');
  });

  it('adds up each member’s speaking time over the session, pauses excluded, and shows it beside the queue', () => {
    const { state } = run(
      [
        [{ type: 'hand.raise' }, member('a'), 0],
        [{ type: 'floor.grant' }, chair, 1_000], // a speaks from 1 s…
        [{ type: 'session.pause' }, chair, 11_000], // …10 s, then a pause of 30 s
        [{ type: 'session.resume' }, chair, 41_000],
        [{ type: 'floor.end' }, member('a'), 46_000], // …5 s more: 15 s
        [{ type: 'hand.raise' }, member('a'), 47_000],
        [{ type: 'hand.raise' }, member('b'), 48_000],
      ],
      live(),
    );
    expect(state.talkMs).toEqual({ a: 15_000 });
    const view = roomView(state, 50_000);
    // b has not spoken on the item yet: first-speaker priority puts b first.
    expect(view.queue.map(({ accountId, spokenMs, firstTime }) => ({ accountId, spokenMs, firstTime }))).toEqual([
      { accountId: 'b', spokenMs: 0, firstTime: true },
      { accountId: 'a', spokenMs: 15_000, firstTime: false },
    ]);
  });

  it('reads rooms stored before speaking time and away were kept', () => {
    const old = live();
    delete old.talkMs;
    delete old.away;
    const { state } = run([[{ type: 'floor.grant', accountId: 'chair' }, chair, 0]], { ...old, present: ['chair'] });
    expect(roomView(run([[{ type: 'floor.end' }, chair, 2_000]], state).state, 2_000).present).toEqual([{ accountId: 'chair', name: null, away: false }]);
  });

  it('lets the chair extend a turn, which moves its deadline and its warning', () => {
    const start = run(
      [
        [{ type: 'hand.raise' }, member('a'), 0],
        [{ type: 'floor.grant' }, chair, 0],
      ],
      live(),
    ).state;
    expect(refusal(start, { type: 'floor.extend', seconds: 30 }, member('a'))).toBe('NOT_CHAIR');
    expect(refusal(live(), { type: 'floor.extend', seconds: 30 }, chair)).toBe('NOBODY_HAS_FLOOR');
    const warned = run([[{ type: 'tick' }, SYSTEM, 50_000]], start);
    expect(warned.types).toEqual(['floor.warning']);
    const extended = decide(warned.state, { type: 'floor.extend', seconds: 30 }, chair, 55_000);
    expect(extended.events).toEqual([{ type: 'floor.extended', data: { accountId: 'a', seconds: 30, endsAt: 90_000 } }]);
    expect(roomView(extended.state, 55_000).floor).toMatchObject({ endsAt: new Date(90_000).toISOString(), remainingMs: 35_000, totalMs: 90_000 });
    // The old deadline passes without ending the turn; the new one warns again, then ends it.
    expect(run([[{ type: 'tick' }, SYSTEM, 60_000]], extended.state).types).toEqual([]);
    expect(run([[{ type: 'tick' }, SYSTEM, 80_000]], extended.state).types).toEqual(['floor.warning']);
    expect(run([[{ type: 'tick' }, SYSTEM, 90_000]], extended.state).types).toEqual(['floor.ended']);
  });

  it('says who is away from the screen, once per change', () => {
    const here = run([[{ type: 'presence.join', accountId: 'a', name: 'Aïcha' }, SYSTEM, 0]], live()).state;
    expect(refusal(live(), { type: 'presence.away', accountId: 'a', away: true }, SYSTEM)).toBe('NOT_PRESENT');
    const away = run([[{ type: 'presence.away', accountId: 'a', away: true }, SYSTEM, 1]], here);
    expect(away.types).toEqual(['presence.away']);
    expect(roomView(away.state, 1).present).toEqual([{ accountId: 'a', name: 'Aïcha', away: true }]);
    expect(run([[{ type: 'presence.away', accountId: 'a', away: true }, SYSTEM, 2]], away.state).types).toEqual([]);
    const back = run([[{ type: 'presence.away', accountId: 'a', away: false }, SYSTEM, 3]], away.state);
    expect(roomView(back.state, 3).present[0].away).toBe(false);
    const gone = run([[{ type: 'presence.leave', accountId: 'a' }, SYSTEM, 4]], away.state);
    expect(gone.state.away).toEqual([]);
  });

  it('never changes the state it is given', () => {
    const state = live();
    const copy = structuredClone(state);
    decide(state, { type: 'hand.raise' }, member('a'), 5);
    expect(state).toEqual(copy);
  });

  it('gives the floor first to those who have not yet spoken on the item, then in the order hands were raised', () => {
    const { state, types } = run(
      [
        [{ type: 'hand.raise' }, member('a'), 1],
        [{ type: 'floor.grant' }, chair, 2], // a speaks
        [{ type: 'hand.raise' }, member('b'), 3],
        [{ type: 'floor.end' }, member('a'), 4], // a yields: b follows by itself
        [{ type: 'hand.raise' }, member('a'), 5], // a again, before c in time
        [{ type: 'hand.raise' }, member('c'), 6],
      ],
      live(),
    );
    expect(types.slice(-4)).toEqual(['floor.ended', 'floor.granted', 'hand.raised', 'hand.raised']);
    expect(state.floor?.accountId).toBe('b');
    expect(orderedQueue(state).map((hand) => hand.accountId)).toEqual(['c', 'a']);
    const fair = decide(state, { type: 'settings.change', settings: { firstSpeakerPriority: false } }, chair, 7).state;
    expect(orderedQueue(fair).map((hand) => hand.accountId)).toEqual(['a', 'c']);
  });

  it('warns before a turn ends, ends it on time and passes the floor; pauses freeze the timers', () => {
    let state = run(
      [
        [{ type: 'hand.raise' }, member('a'), 0],
        [{ type: 'hand.raise' }, member('b'), 0],
        [{ type: 'floor.grant' }, chair, 0],
      ],
      live(),
    ).state;
    expect(nextDeadline(state)).toBe(50_000); // the warning, 10 s before the minute
    const tick = (now: number): string[] => {
      const decision = decide(state, { type: 'tick' }, SYSTEM, now);
      state = decision.state;
      return decision.events.map((event) => event.type);
    };
    expect(tick(49_999)).toEqual([]);
    expect(tick(50_000)).toEqual(['floor.warning']);
    expect(tick(50_001)).toEqual([]);
    expect(nextDeadline(state)).toBe(60_000);
    expect(tick(61_000)).toEqual(['floor.ended', 'floor.granted']);
    expect(state.floor).toMatchObject({ accountId: 'b', timer: { endsAt: 121_000 } });

    state = decide(state, { type: 'session.pause' }, chair, 91_000).state;
    expect(nextDeadline(state)).toBeNull();
    expect(tick(1_000_000)).toEqual([]);
    state = decide(state, { type: 'session.resume' }, chair, 1_000_000).state;
    expect(state.floor?.timer.endsAt).toBe(1_030_000);
    expect(roomView(state, 1_010_000).floor).toMatchObject({ accountId: 'b', remainingMs: 20_000 });
    expect(tick(1_030_000)).toEqual(['floor.ended']);
  });

  it('records the time spoken without pauses, and a late tick does not lengthen a turn', () => {
    let state = run([[{ type: 'floor.grant', accountId: 'chair' }, chair, 0]], { ...live(), present: ['chair'] }).state;
    state = decide(state, { type: 'session.pause' }, chair, 20_000).state;
    state = decide(state, { type: 'session.resume' }, chair, 500_000).state;
    const ended = decide(state, { type: 'tick' }, SYSTEM, 900_000).events.find((event) => event.type === 'floor.ended');
    expect(ended?.data).toMatchObject({ reason: 'time', spokeMs: 60_000 });
  });

  it('ends the item when its time is up, with the floor and the queue', () => {
    let state = run(
      [
        [{ type: 'settings.change', settings: { turnSeconds: 3600 } }, chair, 0],
        [{ type: 'hand.raise' }, member('a'), 0],
        [{ type: 'floor.grant' }, chair, 0],
        [{ type: 'hand.raise' }, member('b'), 1],
      ],
      live(),
    ).state;
    const events = decide(state, { type: 'tick' }, SYSTEM, 590_000).events; // 10 min item, warned at 9:50
    expect(events.map((event) => event.type)).toEqual(['item.warning']);
    state = decide(state, { type: 'tick' }, SYSTEM, 590_000).state;
    const end = decide(state, { type: 'tick' }, SYSTEM, 600_000);
    expect(end.events.map((event) => event.type)).toEqual(['floor.ended', 'item.ended']);
    expect(end.events[1]?.data).toMatchObject({ index: 0, reason: 'time', handsLowered: ['b'], speakers: ['a'] });
    expect(end.state).toMatchObject({ item: null, queue: [], floor: null, done: [0] });
    // An untimed item has no deadline.
    expect(nextDeadline(decide(end.state, { type: 'item.start', index: 1 }, chair, 600_000).state)).toBeNull();
  });

  it('keeps members, observers and chairs to their powers', () => {
    const state = live();
    expect(refusal(state, { type: 'floor.grant' }, member('a'))).toBe('NOT_CHAIR');
    expect(refusal(state, { type: 'member.mute', accountId: 'a', minutes: 5, reason: 'x' }, member('b'))).toBe('NOT_CHAIR');
    expect(refusal(state, { type: 'hand.raise' }, observer)).toBe('NOT_A_MEMBER');
    expect(refusal(state, { type: 'floor.grant' }, chair)).toBe('QUEUE_EMPTY');
    expect(refusal(state, { type: 'floor.grant', accountId: 'ghost' }, chair)).toBe('NOT_PRESENT');
    const raised = decide(state, { type: 'hand.raise' }, member('a'), 1).state;
    expect(refusal(raised, { type: 'hand.lower', accountId: 'a' }, member('b'))).toBe('NOT_CHAIR');
    expect(refusal(raised, { type: 'hand.lower' }, member('b'))).toBe('HAND_NOT_RAISED');
    expect(refusal(raised, { type: 'floor.end' }, member('a'))).toBe('NOBODY_HAS_FLOOR');
    expect(refusal(state, { type: 'item.start', index: 7 }, chair)).toBe('ITEM_NOT_FOUND');
    expect(refusal(state, { type: 'item.start', index: 0 }, chair)).toBe('ITEM_ALREADY_TAKEN');
  });

  it('mutes until a time, and the unmute comes from the timer', () => {
    let state = decide(live(), { type: 'member.mute', accountId: 'a', minutes: 2, reason: 'insultes' }, chair, 1_000).state;
    expect(nextDeadline(state)).toBe(Math.min(121_000, 590_000));
    expect(state.mutes).toEqual({ a: 121_000 });
    const unmuted = decide(state, { type: 'tick' }, SYSTEM, 121_000);
    expect(unmuted.events).toEqual([{ type: 'member.unmuted', data: { accountId: 'a', by: null, reason: 'expired' } }]);
    state = unmuted.state;
    expect(refusal(state, { type: 'member.unmute', accountId: 'a' }, chair)).toBe('NOT_MUTED');
  });

  it('counts presence once per account', () => {
    let state = live();
    const join = (accountId: string) => decide(state, { type: 'presence.join', accountId, name: accountId.toUpperCase() }, SYSTEM, 0);
    state = join('a').state;
    expect(join('a').events).toEqual([]);
    state = decide(state, { type: 'presence.leave', accountId: 'a' }, SYSTEM, 0).state;
    expect(state.present).toEqual([]);
    expect(state.names).toEqual({ a: 'A' });
  });

  it('keeps its invariants under any sequence of commands (property)', () => {
    const accounts = ['a', 'b', 'c'];
    const commandArb: fc.Arbitrary<[RoomCommand, Actor]> = fc.oneof(
      fc.constantFrom<RoomCommand>({ type: 'session.start' }, { type: 'session.pause' }, { type: 'session.resume' }, { type: 'floor.grant' }, { type: 'floor.end' }, { type: 'item.end' }).map((c) => [c, chair] as [RoomCommand, Actor]),
      fc.integer({ min: 0, max: 1 }).map((index) => [{ type: 'item.start', index }, chair] as [RoomCommand, Actor]),
      fc.constantFrom(...accounts).map((id) => [{ type: 'hand.raise' }, member(id)] as [RoomCommand, Actor]),
      fc.constantFrom(...accounts).map((id) => [{ type: 'hand.lower' }, member(id)] as [RoomCommand, Actor]),
      fc.constantFrom(...accounts).map((id) => [{ type: 'floor.end' }, member(id)] as [RoomCommand, Actor]),
      fc.constant([{ type: 'tick' }, SYSTEM] as [RoomCommand, Actor]),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(commandArb, fc.integer({ min: 0, max: 200_000 })), { maxLength: 60 }), (steps) => {
        let state = initialRoomState(items);
        let now = 0;
        for (const [[command, actor], elapsed] of steps) {
          now += elapsed;
          try {
            state = decide(state, command, actor, now).state;
          } catch (error) {
            if (!(error instanceof RoomRefusal)) throw error;
          }
          const queued = state.queue.map((hand) => hand.accountId);
          expect(new Set(queued).size).toBe(queued.length); // nobody twice in the queue
          if (state.floor !== null) expect(queued).not.toContain(state.floor.accountId); // the speaker is not queued
          if (state.item === null) expect([state.floor, state.queue.length]).toEqual([null, 0]); // no floor outside an item
          if (state.status !== 'live') expect(nextDeadline(state)).toBeNull(); // paused timers never fire
          const deadline = nextDeadline(state);
          if (deadline !== null && state.floor !== null && state.floor.timer.endsAt !== null) expect(deadline).toBeLessThanOrEqual(state.floor.timer.endsAt);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('workshops in the room machine', () => {
  const breakout = {
    id: 'b1',
    itemIndex: 0,
    endsAt: 30 * 60_000,
    groups: [
      { index: 1, sessionId: 'g1', members: ['ana', 'bo'], facilitatorId: null, reporterId: null, reported: false },
      { index: 2, sessionId: 'g2', members: ['cy', 'di'], facilitatorId: 'chair', reporterId: null, reported: false },
    ],
  };
  const open: RoomCommand = { type: 'breakout.open', breakout, names: { ana: 'Ana' }, method: 'random', features: ['gender'], seed: 'ab' };

  it('opens once, for the chair of a live plenary, and closes; the view says who is where until when', () => {
    expect(refusal(live(), open, member('ana'))).toBe('NOT_CHAIR');
    expect(refusal(initialRoomState(items), open, chair)).toBe('SESSION_NOT_LIVE');
    const { state, types } = run([[open, chair, 1000]], live());
    expect(types).toEqual(['breakout.opened']);
    expect(refusal(state, open, chair)).toBe('BREAKOUT_OPEN');
    expect(refusal(state, { type: 'session.end' }, chair)).toBe('BREAKOUT_OPEN');
    const view = roomView(state, 60_000);
    expect(view.breakout).toMatchObject({ id: 'b1', remainingMs: 29 * 60_000, groups: [{ index: 1, members: [{ accountId: 'ana', name: 'Ana' }, { accountId: 'bo', name: null }] }, { facilitator: { accountId: 'chair' } }] });
    const reported = run([[{ type: 'breakout.reported', breakoutId: 'b1', index: 2, reporterId: 'di', summary: 'Oui' }, SYSTEM, 2000]], state).state;
    expect(reported.breakout?.groups.map((g) => g.reported)).toEqual([false, true]);
    const closed = run([[{ type: 'breakout.close' }, chair, 5 * 60_000]], reported);
    expect(closed.types).toEqual(['breakout.closed']);
    expect(closed.state.breakout).toBeNull();
    expect(refusal(closed.state, { type: 'breakout.close' }, chair)).toBe('NO_BREAKOUT');
  });

  it('in a group’s room, its members name the reporter, who alone (or a chair) gives the summary', () => {
    const group: RoomState = { ...live(), group: { plenarySessionId: 'p', breakoutId: 'b1', index: 1, endsAt: 1, members: ['ana', 'bo'], facilitatorId: null, reporterId: null, reported: false } };
    expect(refusal(live(), { type: 'group.reporter', accountId: 'ana' }, member('ana'))).toBe('NOT_A_GROUP');
    expect(refusal(group, { type: 'group.report', summary: 'x' }, member('ana'))).toBe('NOT_REPORTER');
    expect(refusal(group, { type: 'group.reporter', accountId: 'bo' }, member('cy'))).toBe('NOT_IN_GROUP');
    expect(refusal(group, { type: 'group.reporter', accountId: 'cy' }, member('ana'))).toBe('NOT_IN_GROUP');
    const named = run([[{ type: 'group.reporter', accountId: 'bo' }, member('ana'), 0]], group).state;
    expect(refusal(named, { type: 'group.report', summary: 'x' }, member('ana'))).toBe('NOT_REPORTER');
    expect(run([[{ type: 'group.report', summary: 'Synthèse' }, member('bo'), 0]], named).types).toEqual(['group.reported']);
    expect(run([[{ type: 'group.report', summary: 'Synthèse' }, chair, 0]], named).state.group?.reported).toBe(true);
  });
});
