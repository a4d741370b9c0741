import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliberationGateway } from '@app/deliberation';
import { SortitionGateway } from '../../libs/assembly/src/sortition.gateway.js';
import { buildAuthorizationWorld, CALLERS, type AuthorizationWorld, type Caller } from '../support/authorization-world.js';
import { deliberationUrl, RoomClient, type Ack } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Who may send what over the sockets: every event of `/deliberation` and `/sortition`, for the eight
 * kinds of caller of the HTTP matrix (test/e2e/authorization-matrix.e2e.ts, same letters and order):
 *
 *     anonymous · resident · member of this assembly · member of another · facilitator of this
 *     assembly · organiser of this assembly · city organiser · admin
 *
 *   o  allowed: acknowledged `ok`, or refused for the room's state (no item running, nobody to mute…)
 *   1  the connection itself is refused (UNAUTHENTICATED): sockets need an account
 *   3  refused for who the caller is (NOT_CHAIR, OBSERVER_CANNOT_ACT, SESSION_MEMBERS_ONLY, FORBIDDEN)
 *
 * A new event without an entry fails the test. Every caller first joins the public sitting (as chair,
 * member or observer, as the room decides), so a refusal is the room's rule and not a missing join.
 * The workshop groups' own events (group.reporter, group.report) are sent in the plenary, where the
 * room's participants are told NOT_A_GROUP and observers are refused; who acts inside a group is
 * tested in breakouts.e2e.ts.
 */

/** Refusals about the caller, not the state of the room. */
const REFUSED_FOR_WHO = new Set(['NOT_CHAIR', 'OBSERVER_CANNOT_ACT', 'SESSION_MEMBERS_ONLY', 'FORBIDDEN', 'NOT_GROUP_MEMBER']);

//                                   an re me oM fa or cO ad
const EVERY_ACCOUNT = '1ooooooo';
/** Anyone in the room but observers: its members and chairs. */
const PARTICIPANTS = '13o3oo33';
/** The sitting's chairs: this assembly's facilitators and organisers. */
const CHAIRS = '1333oo33';

type Payload = (w: AuthorizationWorld, room: { messageId: string; pollId: string }) => Record<string, unknown>;
/** In the order they are sent: the room moves through a sitting (started, an item, a speaker, a vote…). */
const DELIBERATION: Array<[event: string, expectation: string, payload: Payload]> = [
  ['session.join', EVERY_ACCOUNT, () => ({})],
  ['session.start', CHAIRS, () => ({})],
  ['settings.change', CHAIRS, () => ({ turnSeconds: 120 })],
  ['item.start', CHAIRS, () => ({ index: 0 })],
  ['item.extend', CHAIRS, () => ({ minutes: 5 })],
  ['presence.away', PARTICIPANTS, () => ({ away: false })],
  ['hand.raise', PARTICIPANTS, () => ({})],
  ['hand.lower', PARTICIPANTS, () => ({})],
  ['floor.grant', CHAIRS, (w) => ({ accountId: w.people.member.account.id })],
  ['floor.extend', CHAIRS, () => ({ seconds: 30 })],
  ['floor.end', PARTICIPANTS, () => ({})],
  ['message.post', PARTICIPANTS, () => ({ body: 'Bonjour à toutes et à tous' })],
  ['message.react', PARTICIPANTS, (_w, room) => ({ messageId: room.messageId, reaction: 'agree', on: true })],
  ['message.hide', CHAIRS, (_w, room) => ({ messageId: room.messageId, reason: 'Hors sujet' })],
  ['member.mute', CHAIRS, (w) => ({ accountId: w.people.member.account.id, minutes: 5, reason: 'Propos répétés' })],
  ['member.unmute', CHAIRS, (w) => ({ accountId: w.people.member.account.id })],
  ['vote.open', CHAIRS, () => ({ title: 'Adopter ?', options: [{ label: 'Pour' }, { label: 'Contre' }] })],
  ['vote.close', CHAIRS, (_w, room) => ({ pollId: room.pollId })],
  ['breakout.open', CHAIRS, () => ({ groups: 2, minutes: 20 })],
  ['breakout.broadcast', CHAIRS, () => ({ text: 'Encore cinq minutes' })],
  ['group.reporter', PARTICIPANTS, (w) => ({ accountId: w.people.member.account.id })],
  ['group.report', PARTICIPANTS, () => ({ summary: 'Nous proposons…' })],
  ['breakout.close', CHAIRS, () => ({})],
  ['item.end', CHAIRS, () => ({})],
  ['session.pause', CHAIRS, () => ({})],
  ['session.resume', CHAIRS, () => ({})],
  ['session.end', CHAIRS, () => ({})],
  ['session.leave', EVERY_ACCOUNT, () => ({})],
];

const SORTITION: Array<[event: string, expectation: string, payload: (w: AuthorizationWorld) => Record<string, unknown>]> = [
  // Draws are public (anyone may follow one's progress), but sockets need an account.
  ['draw.watch', EVERY_ACCOUNT, (w) => ({ drawId: w.draw })],
  ['draw.unwatch', EVERY_ACCOUNT, (w) => ({ drawId: w.draw })],
];

function outcome(ack: Ack): string {
  if (ack.ok) return 'o';
  if (REFUSED_FOR_WHO.has(ack.code)) return '3';
  // Anything else a caller sends that the room cannot even read is the test's fault, shown as x.
  if (['VALIDATION_FAILED', 'NOT_JOINED', 'UNKNOWN_EVENT', 'INTERNAL_ERROR', 'RATE_LIMITED'].includes(ack.code)) return 'x';
  return 'o';
}

/** Refused callers first, as in the HTTP matrix: an allowed caller's change must not decide a refused one's answer. */
function refusedFirst(expectation: string): Array<{ caller: Caller; i: number }> {
  return CALLERS.map((caller, i) => ({ caller, i })).sort((a, b) => Number(expectation[a.i] === 'o') - Number(expectation[b.i] === 'o'));
}

describe('socket authorization matrix: every event of /deliberation and /sortition, every kind of caller', () => {
  let t: TestApp;
  let world: AuthorizationWorld;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '100000', ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    world = await buildAuthorizationWorld(t);
    url = await deliberationUrl(t.app);
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('has an entry for every event the gateways answer', () => {
    expect(t.app.get(DeliberationGateway).events.sort()).toEqual(DELIBERATION.map(([event]) => event).sort());
    const prototype = SortitionGateway.prototype as unknown as Record<string, unknown>;
    const sortitionEvents = Object.getOwnPropertyNames(prototype)
      .map((name) => Reflect.getMetadata('message', prototype[name] as object) as string | undefined)
      .filter((event): event is string => event !== undefined);
    expect(sortitionEvents.sort()).toEqual(SORTITION.map(([event]) => event).sort());
  });

  it('refuses sockets without an account, on both namespaces', async () => {
    for (const namespace of ['/deliberation', '/sortition']) {
      const refused = await RoomClient.connect(url.replace('/deliberation', namespace), undefined).then(
        (client) => {
          client.close();
          return undefined;
        },
        (error: Error & { data?: { code?: string } }) => error.data?.code,
      );
      expect([namespace, refused]).toEqual([namespace, 'UNAUTHENTICATED']);
    }
  });

  it('answers each caller in the live room as the table says', async () => {
    const clients = new Map<Caller, RoomClient>();
    for (const caller of CALLERS) if (caller !== 'anonymous') clients.set(caller, await RoomClient.connect(url, world.people[caller].accessToken));
    const sessionId = world.session;
    // A message and a vote to react to, hide and close: the member's message, the chair's vote.
    const room = { messageId: '', pollId: '' };
    const seen: Record<string, string> = {};
    const details: Record<string, string[]> = {};
    try {
      for (const [event, expectation, payload] of DELIBERATION) {
        const row = Array.from<string>({ length: CALLERS.length }).fill('1');
        details[event] = [];
        for (const { caller, i } of refusedFirst(expectation)) {
          const client = clients.get(caller);
          if (client === undefined) continue; // anonymous: no socket at all (tested above)
          const ack = await client.emit(event, { sessionId, ...payload(world, room) });
          row[i] = outcome(ack);
          details[event].push(`${caller}:${ack.ok ? 'ok' : ack.code}`);
          if (ack.ok && event === 'message.post' && room.messageId === '') room.messageId = await messageIdOf(client);
          if (ack.ok && event === 'vote.open') room.pollId = String(ack.pollId);
        }
        seen[event] = row.join('');
        // The room allows 30 actions per 10 s per connection: the matrix sends fewer, spread out.
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    } finally {
      for (const client of clients.values()) client.close();
    }
    if (process.env.MATRIX_PRINT === '1') process.stdout.write(DELIBERATION.map(([event]) => `  ${event}: ${seen[event]}  ${details[event].join(' ')}`).join('\n') + '\n');
    const wrong = DELIBERATION.filter(([event, expectation]) => seen[event] !== expectation);
    expect(wrong.map(([event, expectation]) => `${event}: expected ${expectation}, got ${seen[event]} (${details[event].join(', ')})`)).toEqual([]);
  }, 120_000);

  it('lets only the members and chairs of a sitting closed to the public join it', async () => {
    const row = Array.from<string>({ length: CALLERS.length }).fill('1');
    for (const { caller, i } of refusedFirst(PARTICIPANTS)) {
      if (caller === 'anonymous') continue;
      const client = await RoomClient.connect(url, world.people[caller].accessToken);
      row[i] = outcome(await client.emit('session.join', { sessionId: world.membersSession }));
      client.close();
    }
    expect(row.join('')).toBe(PARTICIPANTS);
  });

  it('answers each caller on /sortition as the table says', async () => {
    const wrong: string[] = [];
    for (const [event, expectation, payload] of SORTITION) {
      const row = Array.from<string>({ length: CALLERS.length }).fill('1');
      for (const { caller, i } of refusedFirst(expectation)) {
        if (caller === 'anonymous') continue;
        const client = await RoomClient.connect(url.replace('/deliberation', '/sortition'), world.people[caller].accessToken);
        row[i] = outcome(await client.emit(event, payload(world)));
        client.close();
      }
      if (row.join('') !== expectation) wrong.push(`${event}: expected ${expectation}, got ${row.join('')}`);
    }
    expect(wrong).toEqual([]);
  });
});

/** The id of the sitting's first message (`message.posted` carries it as `data.id`), from the client's record. */
async function messageIdOf(client: RoomClient): Promise<string> {
  const event = await client.waitFor((e) => e.type === 'message.posted', 'message.posted');
  return String(event.data.id);
}
