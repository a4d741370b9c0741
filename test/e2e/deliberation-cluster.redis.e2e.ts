import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ManualClock } from '@app/shared';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RoomService, RoomTimers } from '@app/deliberation';
import { createAssembly } from '../support/assemblies.js';
import { createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Two API instances of one deployment (one database). With a shared Redis, a member on instance B
 * sees, in order, what happens on instance A; without it (the negative control) B's member sees
 * nothing, which shows the first test really goes through Redis.
 */
describe('Deliberation across API instances', () => {
  const redisUrl = process.env.PNYX_TEST_REDIS_URL;
  const clock = new ManualClock(Date.now());
  let a: TestApp;
  let b: TestApp;
  let isolatedA: TestApp;
  let isolatedB: TestApp;
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    if (redisUrl === undefined) throw new Error('PNYX_TEST_REDIS_URL is not set: run through `npm test` (jest.config.js finds a Redis)');
    const env = { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' };
    const shared = { ...env, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `pnyx-test-${randomBytes(4).toString('hex')}` };
    a = await startTestApp({ env: shared, clock });
    b = await startTestApp({ env: shared, clock, database: a.database });
    isolatedA = await startTestApp({ env, clock });
    isolatedB = await startTestApp({ env, clock, database: isolatedA.database });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await b.close();
    await a.close();
    await isolatedB.close();
    await isolatedA.close();
  });

  /** A live session with one 30-minute item, the facilitator on `first`, a member on `second`. */
  async function setUp(first: TestApp, second: TestApp): Promise<{ sessionId: string; chair: RoomClient; member: RoomClient; memberAccount: LoggedIn; chairAccount: LoggedIn; memberJoinedAt: number }> {
    const organiser = await createAndLogin(first.app, first.http, ['organiser']);
    const facilitator = await createAndLogin(first.app, first.http, ['facilitator']);
    const member = await createAndLogin(first.app, first.http);
    const assemblyId = (await createAssembly(first.http, organiser, 20)).id;
    await seatMember(first.app, assemblyId, member.account.id);
    await first.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    const session = (await first.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt: '2027-03-01T18:00:00Z' }).expect(201))
      .body as { id: string };
    const motion = (await first.http.post(`/api/assemblies/${assemblyId}/proposals`).set(member.auth).send({ kind: 'motion', title: 'Point', body: 'Texte' }).expect(201)).body as { id: string };
    for (const [auth, action, body] of [
      [member.auth, 'submit', {}],
      [organiser.auth, 'start-review', {}],
      [organiser.auth, 'admit', { reason: 'Recevable' }],
      [facilitator.auth, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 30 }],
    ] as const) {
      await first.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
    }
    const chair = await RoomClient.connect(await deliberationUrl(first.app), facilitator.accessToken);
    const seated = await RoomClient.connect(await deliberationUrl(second.app), member.accessToken);
    clients.push(chair, seated);
    await chair.ok('session.join', { sessionId: session.id });
    const joined = await seated.ok('session.join', { sessionId: session.id });
    return { sessionId: session.id, chair, member: seated, memberAccount: member, chairAccount: facilitator, memberJoinedAt: Number(joined.seq) };
  }

  it('with Redis: a member on instance B sees, in order, what happens on instance A', async () => {
    const { sessionId, chair, member, memberAccount } = await setUp(a, b);
    const from = chair.events[chair.events.length - 1]?.seq ?? 0;
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    for (let i = 1; i <= 5; i += 1) await chair.ok('message.post', { sessionId, body: `message ${i}` });
    await member.ok('hand.raise', { sessionId }); // acted on B, seen on A
    await chair.waitFor((event) => event.type === 'hand.raised');
    await chair.ok('floor.grant', { sessionId });
    await member.waitFor((event) => event.type === 'floor.granted');
    const seen = member.events.filter((event) => event.seq > from);
    expect(seen.map((event) => event.type)).toEqual([
      'session.started',
      'item.started',
      ...Array.from({ length: 5 }, () => 'message.posted'),
      'hand.raised',
      'floor.granted',
    ]);
    expect(seen.map((event) => event.seq)).toEqual(seen.map((_, i) => from + 1 + i));
    expect(seen.find((event) => event.type === 'floor.granted')?.data).toMatchObject({ accountId: memberAccount.account.id });
    expect(chair.events.filter((event) => event.seq > from).map((event) => event.seq)).toEqual(seen.map((event) => event.seq));

    // Both instances poll the same deadlines: the turn ends once.
    clock.advance(120_000);
    await Promise.all([a.app.get(RoomTimers).tick(), b.app.get(RoomTimers).tick(), a.app.get(RoomTimers).tick()]);
    await member.waitFor((event) => event.type === 'floor.ended');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(member.events.filter((event) => event.type === 'floor.ended')).toHaveLength(1);
    expect(chair.events.filter((event) => event.type === 'floor.ended')).toHaveLength(1);
  });

  it('with Redis: workshops opened on instance A reach members on B; a group room works across instances; a member who reconnects elsewhere finds their group', async () => {
    const { sessionId, chair, member, memberAccount, chairAccount } = await setUp(a, b);
    const assemblyId = (await a.http.get(`/api/sessions/${sessionId}/agenda`).expect(200)).body.session.assemblyId as string;
    const second = await createAndLogin(a.app, a.http);
    await seatMember(a.app, assemblyId, second.account.id);
    const secondRoom = await RoomClient.connect(await deliberationUrl(b.app), second.accessToken);
    clients.push(secondRoom);
    await secondRoom.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    await chair.ok('breakout.open', { sessionId, groups: 2, minutes: 20 });
    const opened = await member.waitFor((event) => event.type === 'breakout.opened', 'the split, on B');
    const groups = opened.data.groups as Array<{ sessionId: string; members: string[] }>;
    const mine = groups.find((group) => group.members.includes(memberAccount.account.id))!;

    const inGroupOnB = await RoomClient.connect(await deliberationUrl(b.app), memberAccount.accessToken);
    const chairInGroupOnA = await RoomClient.connect(await deliberationUrl(a.app), chairAccount.accessToken);
    clients.push(inGroupOnB, chairInGroupOnA);
    await inGroupOnB.ok('session.join', { sessionId: mine.sessionId });
    await chairInGroupOnA.ok('session.join', { sessionId: mine.sessionId });
    await chair.ok('breakout.broadcast', { sessionId, text: 'Cinq minutes' });
    await inGroupOnB.waitFor((event) => event.type === 'breakout.broadcast', 'the broadcast, on B');
    await inGroupOnB.ok('group.reporter', { sessionId: mine.sessionId, accountId: memberAccount.account.id });
    await chairInGroupOnA.waitFor((event) => event.type === 'group.reporter-named', 'the reporter, on A');

    // The member's connection drops; they come back through instance A and the plenary tells them their group.
    member.close();
    const back = await RoomClient.connect(await deliberationUrl(a.app), memberAccount.accessToken);
    clients.push(back);
    const ack = (await back.ok('session.join', { sessionId })) as unknown as { room: { breakout: { groups: Array<{ sessionId: string; members: Array<{ accountId: string }> }> } } };
    expect(ack.room.breakout.groups.find((group) => group.members.some((m) => m.accountId === memberAccount.account.id))?.sessionId).toBe(mine.sessionId);
    await chair.ok('breakout.close', { sessionId });
    await inGroupOnB.waitFor((event) => event.type === 'session.ended', 'the group’s end, on B');
  });

  it('recovers an event whose message between instances was lost (a Redis blip) from the database, in order', async () => {
    const { sessionId, chair, member } = await setUp(a, b);
    await chair.ok('session.start', { sessionId });
    await member.waitFor((event) => event.type === 'session.started');
    // Committed on A but never published: as if Redis had dropped the message.
    const dataSource = a.app.get<DataSource>(getDataSourceToken());
    const [lost] = await dataSource.transaction((manager) =>
      a.app.get(RoomService).changeIn(manager, sessionId, null, () => Promise.resolve({ events: [{ type: 'session.note', data: { text: 'perdu en route' } }] })),
    );
    const recovered = await member.waitFor((event) => event.type === 'session.note', 'the lost event');
    expect(recovered.seq).toBe(lost.seq);
    // And what follows comes in order after it.
    await chair.ok('item.start', { sessionId, index: 0 });
    const next = await member.waitFor((event) => event.type === 'item.started');
    expect(next.seq).toBe(lost.seq + 1);
  });

  it('without Redis (negative control): instance B never hears of what happens on instance A', async () => {
    const { sessionId, chair, member, memberJoinedAt } = await setUp(isolatedA, isolatedB);
    const before = member.events.length;
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    await chair.ok('message.post', { sessionId, body: 'personne ne me lit sur B' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(member.events.slice(before)).toEqual([]);
    // What B missed is in the log all the same: asking with its last seq replays it from the database.
    // The last seq B saw: its join's (the view it got then holds everything up to it).
    const last = member.events[member.events.length - 1]?.seq ?? memberJoinedAt;
    await member.ok('session.join', { sessionId, lastSeq: last });
    expect(member.events.slice(before).map((event) => event.type)).toEqual(['session.started', 'item.started', 'message.posted']);
  });
});
