/**
 * The deliberation room as a pure state machine: data in, data out, no I/O, no clock of its own.
 * `decide(state, command, actor, now)` returns the events a command produces and the state after
 * them, or throws a `RoomRefusal` with a stable code. The service loads the state under a row lock,
 * calls this, stores the events with their `seq` and the new state in the same transaction.
 *
 * Times are epoch milliseconds. Timers are deadlines in the state, never `setTimeout`s: whoever holds
 * the row lock when a deadline has passed fires it (`tick`), once, and the next deadline is stored
 * alongside (`nextDeadline`) so one indexed query finds what is due on any instance.
 */

export const ROOM_STATUSES = ['scheduled', 'live', 'paused', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export interface RoomItem {
  proposalId: string;
  title: string;
  /** Minutes allotted on the agenda; null = untimed. */
  allottedMinutes: number | null;
}

/** A running timer: a deadline while live, the time left while paused. */
export interface Countdown {
  startedAt: number;
  /** Epoch ms at which it ends; null while the session is paused. */
  endsAt: number | null;
  /** Ms left when paused (or at the last pause); meaningful when endsAt is null. */
  remainingMs: number;
  /** Whole length, extensions included: short timers get no warning. */
  totalMs: number;
  warned: boolean;
}

export interface CurrentItem {
  index: number;
  /** Null when the item is untimed. */
  timer: Countdown | null;
}

export interface Floor {
  accountId: string;
  timer: Countdown;
  /** Ms spoken before the last pause, so durations exclude pauses. */
  spokenMs: number;
  resumedAt: number | null;
}

export interface HandRaised {
  accountId: string;
  raisedAt: number;
}

export interface RoomSettings {
  /** Length of a turn at the floor. */
  turnSeconds: number;
  /** Warning before a turn or an item ends. */
  warningSeconds: number;
  /** Hands of those who have not yet spoken on the item go first. */
  firstSpeakerPriority: boolean;
  /** When a turn ends, the next hand gets the floor without the facilitator. */
  autoNext: boolean;
}

export const DEFAULT_ROOM_SETTINGS: RoomSettings = { turnSeconds: 120, warningSeconds: 30, firstSpeakerPriority: true, autoNext: true };

export interface RoomState {
  status: RoomStatus;
  items: RoomItem[];
  item: CurrentItem | null;
  /** Items already taken up (indexes), in order. */
  done: number[];
  queue: HandRaised[];
  floor: Floor | null;
  /** Who has spoken on the current item. */
  spoken: string[];
  /** Account id → epoch ms until which they may not post. */
  mutes: Record<string, number>;
  /** Members present (at least one connection), in order of arrival. */
  present: string[];
  /** Display names of everyone who has been present, for views and minutes. */
  names: Record<string, string>;
  settings: RoomSettings;
  /**
   * Ms each account has spoken in this session so far, turns ended (pauses excluded): shown beside
   * the queue so the chair can balance speaking time. Absent from rooms stored before it existed.
   */
  talkMs?: Record<string, number>;
  /** Present members whose page is in the background (tab hidden): here, but away from the screen. */
  away?: string[];
  /** A plenary's workshops while they run (absent or null otherwise). */
  breakout?: BreakoutState | null;
  /** Set on a workshop group's room. */
  group?: GroupState;
  /** The chair's latest word to the workshops, shown until the next. */
  notice?: { text: string; at: number } | null;
}

/** A workshop group as the plenary sees it. */
export interface BreakoutGroup {
  /** 1-based. */
  index: number;
  /** The group's own session (its room, queue, messages and minutes). */
  sessionId: string;
  members: string[];
  facilitatorId: string | null;
  reporterId: string | null;
  reported: boolean;
}

/** A plenary's workshops while they run: who is in which group, until when. */
export interface BreakoutState {
  id: string;
  /** The plenary item the groups work on. */
  itemIndex: number | null;
  endsAt: number;
  groups: BreakoutGroup[];
}

/** A workshop group's room: its plenary, its members, its reporter. */
export interface GroupState {
  plenarySessionId: string;
  breakoutId: string;
  index: number;
  endsAt: number;
  members: string[];
  facilitatorId: string | null;
  reporterId: string | null;
  reported: boolean;
}

export interface Actor {
  accountId: string;
  /** Facilitator of this session, or organiser/facilitator of its assembly. */
  chair: boolean;
  /** Seated member (or alternate) of the assembly; chairs may also be members. */
  member: boolean;
}

/** The system acting on its own: timers and presence. */
export const SYSTEM: Actor = { accountId: 'system', chair: true, member: false };

export type RoomCommand =
  | { type: 'session.start' }
  | { type: 'session.pause' }
  | { type: 'session.resume' }
  | { type: 'session.end' }
  | { type: 'item.start'; index: number }
  | { type: 'item.end' }
  | { type: 'item.extend'; minutes: number }
  | { type: 'hand.raise' }
  | { type: 'hand.lower'; accountId?: string }
  | { type: 'floor.grant'; accountId?: string }
  | { type: 'floor.end' }
  | { type: 'floor.extend'; seconds: number }
  | { type: 'member.mute'; accountId: string; minutes: number; reason: string }
  | { type: 'member.unmute'; accountId: string }
  | { type: 'settings.change'; settings: Partial<RoomSettings> }
  | { type: 'presence.join'; accountId: string; name: string }
  | { type: 'presence.leave'; accountId: string }
  /** From the presence service: away when every one of the account's connections is in the background. */
  | { type: 'presence.away'; accountId: string; away: boolean }
  /** The service drew the groups and made their rooms; the plenary records the split. */
  | { type: 'breakout.open'; breakout: BreakoutState; names: Record<string, string>; method: 'random' | 'manual'; features: string[]; seed: string | null }
  | { type: 'breakout.close' }
  /** The chair's word to every group (each group's room gets it). */
  | { type: 'breakout.message'; text: string }
  | { type: 'breakout.reporter'; breakoutId: string; index: number; accountId: string }
  | { type: 'breakout.reported'; breakoutId: string; index: number; reporterId: string; summary: string }
  /** In a group's room: the group names its reporter; the reporter gives the summary. */
  | { type: 'group.reporter'; accountId: string }
  | { type: 'group.report'; summary: string }
  | { type: 'tick' };

export interface RoomEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface Decision {
  state: RoomState;
  events: RoomEvent[];
}

export const ROOM_REFUSALS = {
  SESSION_NOT_LIVE: 'conflict',
  SESSION_ENDED: 'conflict',
  TRANSITION_NOT_ALLOWED: 'conflict',
  NOT_CHAIR: 'forbidden',
  NOT_A_MEMBER: 'forbidden',
  NO_CURRENT_ITEM: 'conflict',
  ITEM_NOT_FOUND: 'not-found',
  ITEM_ALREADY_TAKEN: 'conflict',
  HAND_ALREADY_RAISED: 'conflict',
  HAND_NOT_RAISED: 'conflict',
  QUEUE_EMPTY: 'conflict',
  NOBODY_HAS_FLOOR: 'conflict',
  NOT_PRESENT: 'conflict',
  NOT_MUTED: 'conflict',
  MUTED: 'forbidden',
  BREAKOUT_OPEN: 'conflict',
  NO_BREAKOUT: 'conflict',
  NOT_A_GROUP: 'conflict',
  NOT_IN_GROUP: 'forbidden',
  NOT_REPORTER: 'forbidden',
} as const;
export type RoomRefusalCode = keyof typeof ROOM_REFUSALS;

export class RoomRefusal extends Error {
  constructor(
    readonly code: RoomRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoomRefusal';
  }
}

export function initialRoomState(items: RoomItem[], settings: RoomSettings = DEFAULT_ROOM_SETTINGS): RoomState {
  return { status: 'scheduled', items, item: null, done: [], queue: [], floor: null, spoken: [], mutes: {}, present: [], names: {}, settings, talkMs: {}, away: [] };
}

const refuse = (code: RoomRefusalCode, message: string): never => {
  throw new RoomRefusal(code, message);
};

function requireChair(actor: Actor, what: string): void {
  if (!actor.chair) refuse('NOT_CHAIR', `Only the session's facilitators may ${what}`);
}

function requireLive(state: RoomState, what: string): void {
  if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has ended');
  if (state.status !== 'live') refuse('SESSION_NOT_LIVE', `The session must be live to ${what}`);
}

/** Time left on a countdown at `now` (never negative). */
export function remainingMs(timer: Countdown, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

function startCountdown(ms: number, now: number): Countdown {
  return { startedAt: now, endsAt: now + ms, remainingMs: ms, totalMs: ms, warned: false };
}

function freeze(timer: Countdown, now: number): Countdown {
  return { ...timer, endsAt: null, remainingMs: remainingMs(timer, now) };
}

function thaw(timer: Countdown, now: number): Countdown {
  return { ...timer, endsAt: now + timer.remainingMs };
}

function spokenSoFar(floor: Floor, now: number): number {
  return floor.spokenMs + (floor.resumedAt === null ? 0 : now - floor.resumedAt);
}

/**
 * The next speaker: hands in the order raised, except that, with `firstSpeakerPriority`, those who
 * have not yet spoken on the item go before those who have (the usual rule of French citizens'
 * conventions' facilitation guides: first interventions before second ones).
 */
export function nextInQueue(state: RoomState): HandRaised | undefined {
  if (!state.settings.firstSpeakerPriority) return state.queue[0];
  return state.queue.find((hand) => !state.spoken.includes(hand.accountId)) ?? state.queue[0];
}

/** The queue in the order the floor would be given. */
export function orderedQueue(state: RoomState): HandRaised[] {
  if (!state.settings.firstSpeakerPriority) return [...state.queue];
  const first = state.queue.filter((hand) => !state.spoken.includes(hand.accountId));
  return [...first, ...state.queue.filter((hand) => state.spoken.includes(hand.accountId))];
}

/** The earliest moment at which `tick` has something to do, or null. */
export function nextDeadline(state: RoomState): number | null {
  if (state.status !== 'live') return null;
  const moments: number[] = [];
  const add = (timer: Countdown | null | undefined): void => {
    if (timer === null || timer === undefined || timer.endsAt === null) return;
    moments.push(timer.warned ? timer.endsAt : timer.endsAt - warningMsFor(state, timer));
  };
  add(state.floor?.timer);
  add(state.item?.timer);
  for (const until of Object.values(state.mutes)) moments.push(until);
  return moments.length === 0 ? null : Math.min(...moments);
}

/** The warning comes `warningSeconds` before the end, or not at all for timers shorter than twice that. */
function warningMsFor(state: RoomState, timer: Countdown): number {
  const warning = state.settings.warningSeconds * 1000;
  return warning > 0 && warning * 2 <= timer.totalMs ? warning : 0;
}

class Draft {
  readonly events: RoomEvent[] = [];
  constructor(public state: RoomState) {}
  emit(type: string, data: Record<string, unknown> = {}): void {
    this.events.push({ type, data });
  }
}

export function decide(state: RoomState, command: RoomCommand, actor: Actor, now: number): Decision {
  const draft = new Draft(structuredClone(state));
  apply(draft, command, actor, now);
  return { state: draft.state, events: draft.events };
}

function apply(draft: Draft, command: RoomCommand, actor: Actor, now: number): void {
  const state = draft.state;
  switch (command.type) {
    case 'session.start':
      requireChair(actor, 'start the session');
      if (state.status !== 'scheduled') refuse('TRANSITION_NOT_ALLOWED', `A ${state.status} session cannot start`);
      state.status = 'live';
      draft.emit('session.started');
      return;
    case 'session.pause': {
      requireChair(actor, 'pause the session');
      requireLive(state, 'pause it');
      state.status = 'paused';
      if (state.item?.timer) state.item.timer = freeze(state.item.timer, now);
      if (state.floor) {
        state.floor.timer = freeze(state.floor.timer, now);
        state.floor.spokenMs = spokenSoFar(state.floor, now);
        state.floor.resumedAt = null;
      }
      draft.emit('session.paused');
      return;
    }
    case 'session.resume':
      requireChair(actor, 'resume the session');
      if (state.status !== 'paused') refuse('TRANSITION_NOT_ALLOWED', `A ${state.status} session cannot resume`);
      state.status = 'live';
      if (state.item?.timer) state.item.timer = thaw(state.item.timer, now);
      if (state.floor) {
        state.floor.timer = thaw(state.floor.timer, now);
        state.floor.resumedAt = now;
      }
      draft.emit('session.resumed');
      return;
    case 'session.end':
      requireChair(actor, 'end the session');
      if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has already ended');
      if (state.status === 'scheduled') refuse('TRANSITION_NOT_ALLOWED', 'A session that never started cannot end; cancel it instead');
      // Its groups' rooms would stay open: the workshops are closed first.
      if (state.breakout) refuse('BREAKOUT_OPEN', 'Workshops are running: close them before ending the session');
      if (state.item !== null) endItem(draft, now, 'session-ended');
      state.status = 'ended';
      state.mutes = {};
      draft.emit('session.ended');
      return;
    case 'item.start': {
      requireChair(actor, 'move through the agenda');
      requireLive(state, 'start an item');
      const item = state.items[command.index];
      if (item === undefined) return refuse('ITEM_NOT_FOUND', `The agenda has no item ${command.index + 1}`);
      if (state.item?.index === command.index) refuse('ITEM_ALREADY_TAKEN', 'This item is the current one');
      if (state.item !== null) endItem(draft, now, 'next-item');
      const timer = item.allottedMinutes === null ? null : startCountdown(item.allottedMinutes * 60_000, now);
      state.item = { index: command.index, timer };
      state.spoken = [];
      draft.emit('item.started', { index: command.index, proposalId: item.proposalId, title: item.title, endsAt: timer?.endsAt ?? null });
      return;
    }
    case 'item.end':
      requireChair(actor, 'end an item');
      requireLive(state, 'end an item');
      if (state.item === null) refuse('NO_CURRENT_ITEM', 'No agenda item is under way');
      endItem(draft, now, 'chair');
      return;
    case 'item.extend': {
      requireChair(actor, 'extend an item');
      requireLive(state, 'extend an item');
      const timer = state.item?.timer;
      if (state.item === null || timer === null || timer === undefined) return refuse('NO_CURRENT_ITEM', 'No timed agenda item is under way');
      const extra = command.minutes * 60_000;
      state.item.timer = { ...timer, endsAt: (timer.endsAt ?? now) + extra, remainingMs: remainingMs(timer, now) + extra, totalMs: timer.totalMs + extra, warned: false };
      draft.emit('item.extended', { index: state.item.index, minutes: command.minutes, endsAt: state.item.timer.endsAt });
      return;
    }
    case 'hand.raise':
      if (!actor.member && !actor.chair) refuse('NOT_A_MEMBER', 'Only members may ask for the floor');
      requireLive(state, 'ask for the floor');
      if (state.item === null) refuse('NO_CURRENT_ITEM', 'The floor is given on an agenda item; none is under way');
      if (state.queue.some((hand) => hand.accountId === actor.accountId) || state.floor?.accountId === actor.accountId) {
        refuse('HAND_ALREADY_RAISED', 'You are already in the queue or at the floor');
      }
      state.queue.push({ accountId: actor.accountId, raisedAt: now });
      draft.emit('hand.raised', { accountId: actor.accountId, firstTime: !state.spoken.includes(actor.accountId) });
      return;
    case 'hand.lower': {
      const target = command.accountId ?? actor.accountId;
      if (target !== actor.accountId) requireChair(actor, "lower someone else's hand");
      if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has ended');
      const before = state.queue.length;
      state.queue = state.queue.filter((hand) => hand.accountId !== target);
      if (state.queue.length === before) refuse('HAND_NOT_RAISED', 'That hand is not raised');
      draft.emit('hand.lowered', { accountId: target, by: actor.accountId });
      return;
    }
    case 'floor.grant': {
      requireChair(actor, 'give the floor');
      requireLive(state, 'give the floor');
      if (state.item === null) refuse('NO_CURRENT_ITEM', 'The floor is given on an agenda item; none is under way');
      const target = command.accountId ?? nextInQueue(state)?.accountId;
      if (target === undefined) return refuse('QUEUE_EMPTY', 'Nobody has asked for the floor');
      if (command.accountId !== undefined && !state.queue.some((hand) => hand.accountId === target) && !state.present.includes(target)) {
        refuse('NOT_PRESENT', 'The floor goes to someone in the queue or present in the room');
      }
      if (state.floor !== null) endFloor(draft, now, 'chair');
      grantFloor(draft, target, now, false);
      return;
    }
    case 'floor.extend': {
      requireChair(actor, 'extend a turn');
      requireLive(state, 'extend a turn');
      const floor = state.floor;
      if (floor === null) return refuse('NOBODY_HAS_FLOOR', 'Nobody has the floor');
      const extra = command.seconds * 1000;
      const timer = floor.timer;
      floor.timer = { ...timer, endsAt: (timer.endsAt ?? now) + extra, remainingMs: remainingMs(timer, now) + extra, totalMs: timer.totalMs + extra, warned: false };
      draft.emit('floor.extended', { accountId: floor.accountId, seconds: command.seconds, endsAt: floor.timer.endsAt });
      return;
    }
    case 'floor.end':
      requireLive(state, 'end a turn');
      if (state.floor === null) return refuse('NOBODY_HAS_FLOOR', 'Nobody has the floor');
      if (state.floor.accountId !== actor.accountId) requireChair(actor, "end someone else's turn");
      endFloor(draft, now, state.floor.accountId === actor.accountId ? 'yielded' : 'chair');
      autoNext(draft, now);
      return;
    case 'member.mute': {
      requireChair(actor, 'mute a member');
      if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has ended');
      const until = now + command.minutes * 60_000;
      state.mutes[command.accountId] = until;
      draft.emit('member.muted', { accountId: command.accountId, until, minutes: command.minutes, reason: command.reason, by: actor.accountId });
      return;
    }
    case 'member.unmute':
      requireChair(actor, 'unmute a member');
      if (state.mutes[command.accountId] === undefined) refuse('NOT_MUTED', 'That member is not muted');
      delete state.mutes[command.accountId];
      draft.emit('member.unmuted', { accountId: command.accountId, by: actor.accountId, reason: 'chair' });
      return;
    case 'settings.change':
      requireChair(actor, 'change the room settings');
      if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has ended');
      for (const [key, value] of Object.entries(command.settings) as Array<[keyof RoomSettings, never]>) {
        if (value !== undefined) state.settings[key] = value;
      }
      draft.emit('settings.changed', { ...state.settings });
      return;
    case 'presence.join':
      if (state.present.includes(command.accountId)) return;
      state.present.push(command.accountId);
      state.names[command.accountId] = command.name;
      draft.emit('presence.joined', { accountId: command.accountId, name: command.name });
      return;
    case 'presence.leave':
      if (!state.present.includes(command.accountId)) return;
      state.present = state.present.filter((id) => id !== command.accountId);
      state.away = (state.away ?? []).filter((id) => id !== command.accountId);
      draft.emit('presence.left', { accountId: command.accountId });
      return;
    case 'presence.away': {
      if (!state.present.includes(command.accountId)) refuse('NOT_PRESENT', 'Join the session first');
      const away = state.away ?? [];
      if (away.includes(command.accountId) === command.away) return; // nothing changes, nothing said
      state.away = command.away ? [...away, command.accountId] : away.filter((id) => id !== command.accountId);
      draft.emit('presence.away', { accountId: command.accountId, away: command.away });
      return;
    }
    case 'breakout.open': {
      requireChair(actor, 'split the room into workshops');
      requireLive(state, 'split it into workshops');
      if (state.breakout) refuse('BREAKOUT_OPEN', 'Workshops are already running: close them first');
      state.breakout = command.breakout;
      for (const [accountId, name] of Object.entries(command.names)) state.names[accountId] ??= name;
      draft.emit('breakout.opened', {
        breakoutId: command.breakout.id,
        itemIndex: command.breakout.itemIndex,
        endsAt: command.breakout.endsAt,
        method: command.method,
        features: command.features,
        seed: command.seed,
        groups: command.breakout.groups.map((group) => ({ index: group.index, sessionId: group.sessionId, members: group.members, facilitatorId: group.facilitatorId })),
      });
      return;
    }
    case 'breakout.close': {
      requireChair(actor, 'close the workshops');
      const breakout = state.breakout;
      if (!breakout) return refuse('NO_BREAKOUT', 'No workshops are running');
      state.breakout = null;
      state.notice = null;
      draft.emit('breakout.closed', { breakoutId: breakout.id, early: now < breakout.endsAt });
      return;
    }
    case 'breakout.message':
      requireChair(actor, 'speak to every workshop');
      if (state.status === 'ended') refuse('SESSION_ENDED', 'The session has ended');
      state.notice = { text: command.text, at: now };
      draft.emit('breakout.broadcast', { text: command.text, by: actor.accountId });
      return;
    case 'breakout.reporter': {
      const group = state.breakout?.id === command.breakoutId ? state.breakout.groups.find((g) => g.index === command.index) : undefined;
      if (group === undefined) return; // the workshops closed meanwhile: their record keeps the reporter
      group.reporterId = command.accountId;
      draft.emit('breakout.reporter-named', { breakoutId: command.breakoutId, index: command.index, accountId: command.accountId });
      return;
    }
    case 'breakout.reported': {
      const group = state.breakout?.id === command.breakoutId ? state.breakout.groups.find((g) => g.index === command.index) : undefined;
      if (group !== undefined) group.reported = true;
      draft.emit('breakout.reported', { breakoutId: command.breakoutId, index: command.index, reporterId: command.reporterId, summary: command.summary });
      return;
    }
    case 'group.reporter': {
      const group = state.group;
      if (group === undefined) return refuse('NOT_A_GROUP', 'This room is not a workshop group');
      if (!actor.chair && !group.members.includes(actor.accountId)) refuse('NOT_IN_GROUP', 'Only the group’s members name its reporter');
      if (!group.members.includes(command.accountId)) refuse('NOT_IN_GROUP', 'The reporter is one of the group’s members');
      group.reporterId = command.accountId;
      draft.emit('group.reporter-named', { accountId: command.accountId, by: actor.accountId });
      return;
    }
    case 'group.report': {
      const group = state.group;
      if (group === undefined) return refuse('NOT_A_GROUP', 'This room is not a workshop group');
      if (group.reporterId === null) refuse('NOT_REPORTER', 'Name the group’s reporter first');
      if (actor.accountId !== group.reporterId && !actor.chair) refuse('NOT_REPORTER', 'Only the group’s reporter gives its summary');
      group.reported = true;
      draft.emit('group.reported', { summary: command.summary, by: actor.accountId });
      return;
    }
    case 'tick':
      tick(draft, now);
      return;
    default: {
      const unknown: never = command;
      throw new Error(`unknown room command ${JSON.stringify(unknown)}`);
    }
  }
}

function grantFloor(draft: Draft, accountId: string, now: number, auto: boolean): void {
  const state = draft.state;
  state.queue = state.queue.filter((hand) => hand.accountId !== accountId);
  const timer = startCountdown(state.settings.turnSeconds * 1000, now);
  state.floor = { accountId, timer, spokenMs: 0, resumedAt: now };
  if (!state.spoken.includes(accountId)) state.spoken.push(accountId);
  draft.emit('floor.granted', { accountId, endsAt: timer.endsAt, auto, itemIndex: state.item?.index ?? null });
}

function endFloor(draft: Draft, now: number, reason: 'yielded' | 'chair' | 'time' | 'item-ended'): void {
  const floor = draft.state.floor;
  if (floor === null) return;
  draft.state.floor = null;
  const spokeMs = spokenSoFar(floor, now);
  const talk = draft.state.talkMs ?? {};
  draft.state.talkMs = { ...talk, [floor.accountId]: (talk[floor.accountId] ?? 0) + spokeMs };
  draft.emit('floor.ended', { accountId: floor.accountId, reason, spokeMs, itemIndex: draft.state.item?.index ?? null });
}

function autoNext(draft: Draft, now: number): void {
  const state = draft.state;
  if (!state.settings.autoNext || state.floor !== null || state.status !== 'live') return;
  const next = nextInQueue(state);
  if (next !== undefined) grantFloor(draft, next.accountId, now, true);
}

function endItem(draft: Draft, now: number, reason: 'chair' | 'time' | 'next-item' | 'session-ended'): void {
  const state = draft.state;
  const item = state.item;
  if (item === null) return;
  endFloor(draft, now, 'item-ended');
  const lowered = state.queue.map((hand) => hand.accountId);
  state.queue = [];
  state.item = null;
  if (!state.done.includes(item.index)) state.done.push(item.index);
  draft.emit('item.ended', { index: item.index, proposalId: state.items[item.index]?.proposalId ?? null, reason, handsLowered: lowered, speakers: [...state.spoken] });
  state.spoken = [];
}

/** Fires whatever is due at `now`: warnings, the end of a turn (then the next hand), the end of an item, expired mutes. */
function tick(draft: Draft, now: number): void {
  const state = draft.state;
  if (state.status !== 'live') return;
  for (const [accountId, until] of Object.entries(state.mutes)) {
    if (until <= now) {
      delete state.mutes[accountId];
      draft.emit('member.unmuted', { accountId, by: null, reason: 'expired' });
    }
  }
  const floor = state.floor;
  if (floor !== null && floor.timer.endsAt !== null) {
    if (floor.timer.endsAt <= now) {
      endFloor(draft, floor.timer.endsAt, 'time'); // a late tick does not lengthen the turn on record
      autoNext(draft, now);
    } else if (!floor.timer.warned && floor.timer.endsAt - warningMsFor(state, floor.timer) <= now) {
      floor.timer.warned = true;
      draft.emit('floor.warning', { accountId: floor.accountId, endsAt: floor.timer.endsAt });
    }
  }
  const item = state.item;
  if (item !== null && item.timer !== null && item.timer.endsAt !== null) {
    if (item.timer.endsAt <= now) {
      endItem(draft, now, 'time');
    } else if (!item.timer.warned && item.timer.endsAt - warningMsFor(state, item.timer) <= now) {
      item.timer.warned = true;
      draft.emit('item.warning', { index: item.index, endsAt: item.timer.endsAt });
    }
  }
}

/** Whether `accountId` may post messages at `now`, or the refusal. */
export function postingRefusal(state: RoomState, actor: Actor, now: number): RoomRefusal | null {
  if (!actor.member && !actor.chair) return new RoomRefusal('NOT_A_MEMBER', 'Only members may post in the session');
  if (state.status === 'ended') return new RoomRefusal('SESSION_ENDED', 'The session has ended');
  if (state.status !== 'live') return new RoomRefusal('SESSION_NOT_LIVE', 'Messages are posted while the session is live');
  const until = state.mutes[actor.accountId];
  if (until !== undefined && until > now) return new RoomRefusal('MUTED', `You are muted until ${new Date(until).toISOString()}`);
  return null;
}

/** What participants see of the room: pushed with every change, and in the join acknowledgement. */
export interface RoomView {
  status: RoomStatus;
  items: Array<RoomItem & { index: number; done: boolean }>;
  currentItem: { index: number; proposalId: string; title: string; endsAt: string | null; remainingMs: number | null } | null;
  floor: { accountId: string; name: string | null; endsAt: string | null; remainingMs: number; totalMs: number } | null;
  /** In speaking order; `spokenMs`: time already spoken in this session (turns ended). */
  queue: Array<{ accountId: string; name: string | null; raisedAt: string; firstTime: boolean; spokenMs: number }>;
  /** `away`: here, with the page in the background. */
  present: Array<{ accountId: string; name: string | null; away: boolean }>;
  mutes: Array<{ accountId: string; until: string }>;
  settings: RoomSettings;
  /** A plenary's workshops while they run. */
  breakout: {
    id: string;
    itemIndex: number | null;
    endsAt: string;
    remainingMs: number;
    groups: Array<{ index: number; sessionId: string; members: Array<{ accountId: string; name: string | null }>; facilitator: { accountId: string; name: string | null } | null; reporter: { accountId: string; name: string | null } | null; reported: boolean }>;
  } | null;
  /** A workshop group's room: its plenary and members. */
  group: {
    plenarySessionId: string;
    breakoutId: string;
    index: number;
    endsAt: string;
    remainingMs: number;
    members: Array<{ accountId: string; name: string | null }>;
    reporter: { accountId: string; name: string | null } | null;
    reported: boolean;
  } | null;
  /** The chair's latest word to the workshops. */
  notice: { text: string; at: string } | null;
  serverTime: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function roomView(state: RoomState, now: number): RoomView {
  const name = (accountId: string): string | null => state.names[accountId] ?? null;
  const person = (accountId: string): { accountId: string; name: string | null } => ({ accountId, name: name(accountId) });
  const item = state.item === null ? null : state.items[state.item.index];
  return {
    status: state.status,
    items: state.items.map((entry, index) => ({ ...entry, index, done: state.done.includes(index) })),
    currentItem:
      state.item === null || item === null || item === undefined
        ? null
        : {
            index: state.item.index,
            proposalId: item.proposalId,
            title: item.title,
            endsAt: iso(state.item.timer?.endsAt ?? null),
            remainingMs: state.item.timer === null ? null : remainingMs(state.item.timer, now),
          },
    floor:
      state.floor === null
        ? null
        : {
            accountId: state.floor.accountId,
            name: name(state.floor.accountId),
            endsAt: iso(state.floor.timer.endsAt),
            remainingMs: remainingMs(state.floor.timer, now),
            totalMs: state.floor.timer.totalMs,
          },
    queue: orderedQueue(state).map((hand) => ({
      accountId: hand.accountId,
      name: name(hand.accountId),
      raisedAt: new Date(hand.raisedAt).toISOString(),
      firstTime: !state.spoken.includes(hand.accountId),
      spokenMs: state.talkMs?.[hand.accountId] ?? 0,
    })),
    present: state.present.map((accountId) => ({ accountId, name: name(accountId), away: state.away?.includes(accountId) ?? false })),
    mutes: Object.entries(state.mutes)
      .filter(([, until]) => until > now)
      .map(([accountId, until]) => ({ accountId, until: new Date(until).toISOString() })),
    settings: state.settings,
    breakout: state.breakout
      ? {
          id: state.breakout.id,
          itemIndex: state.breakout.itemIndex,
          endsAt: new Date(state.breakout.endsAt).toISOString(),
          remainingMs: Math.max(0, state.breakout.endsAt - now),
          groups: state.breakout.groups.map((group) => ({
            index: group.index,
            sessionId: group.sessionId,
            members: group.members.map(person),
            facilitator: group.facilitatorId === null ? null : person(group.facilitatorId),
            reporter: group.reporterId === null ? null : person(group.reporterId),
            reported: group.reported,
          })),
        }
      : null,
    group:
      state.group === undefined
        ? null
        : {
            plenarySessionId: state.group.plenarySessionId,
            breakoutId: state.group.breakoutId,
            index: state.group.index,
            endsAt: new Date(state.group.endsAt).toISOString(),
            remainingMs: Math.max(0, state.group.endsAt - now),
            members: state.group.members.map(person),
            reporter: state.group.reporterId === null ? null : person(state.group.reporterId),
            reported: state.group.reported,
          },
    notice: state.notice ? { text: state.notice.text, at: new Date(state.notice.at).toISOString() } : null,
    serverTime: new Date(now).toISOString(),
  };
}
