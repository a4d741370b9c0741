import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@app/shared';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RoomBroadcaster, RoomService, RoomTimers } from '@app/deliberation';
import { createAssembly } from '../support/assemblies.js';
import { bulkResidents, createAndLogin, loginAs, seatMember, type LoggedIn } from '../support/factories.js';
import { PNYX, run } from '../support/run-process.js';
import { deliberationUrl, RoomClient, type SessionEvent } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Auth = { Authorization: string };

describe('Live deliberation (/deliberation)', () => {
  let t: TestApp;
  let url: string;
  const clock = new ManualClock(Date.now());
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let carol: LoggedIn;
  let outsider: LoggedIn;
  let resident: LoggedIn;
  let assemblyId: string;
  const open: RoomClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    url = await deliberationUrl(t.app);
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    [alice, bob, carol, outsider, resident] = await Promise.all([1, 2, 3, 4, 5].map(() => createAndLogin(t.app, t.http)));
    assemblyId = (await createAssembly(t.http, organiser, 100)).id;
    for (const person of [alice, bob, carol]) await seatMember(t.app, assemblyId, person.account.id);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    const otherAssembly = (await createAssembly(t.http, organiser, 50)).id;
    await seatMember(t.app, otherAssembly, outsider.account.id);
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await t.close();
  });

  async function connect(who: LoggedIn | undefined, token = who?.accessToken): Promise<RoomClient> {
    const client = await RoomClient.connect(url, token);
    open.push(client);
    return client;
  }

  /** A session with agenda items (motions taken through review and scheduled), allotted minutes each. */
  async function sessionWith(items: Array<number | null>, visibility: 'public' | 'members' = 'members'): Promise<string> {
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Séance plénière', scheduledAt: '2027-03-01T18:00:00+01:00', visibility }).expect(201))
      .body as { id: string };
    for (const [index, minutes] of items.entries()) {
      const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(alice.auth).send({ kind: 'motion', title: `Point ${index + 1}`, body: 'Texte' }).expect(201)).body as { id: string };
      const act = (auth: Auth, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
      await act(alice.auth, 'submit');
      await act(organiser.auth, 'start-review');
      await act(organiser.auth, 'admit', { reason: 'Recevable' });
      await act(facilitator.auth, 'schedule', { sessionId: session.id, position: index + 1, allottedMinutes: minutes ?? 240 });
    }
    return session.id;
  }


  it('refuses sockets without a valid token, members-only sessions to other assemblies, and lets observers follow public sessions without acting', async () => {
    await expect(RoomClient.connect(url, undefined)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    await expect(RoomClient.connect(url, 'not-a-token')).rejects.toMatchObject({ data: { code: 'TOKEN_INVALID' } });

    const closed = await sessionWith([10]);
    const stranger = await connect(outsider);
    expect(await stranger.emit('session.join', { sessionId: closed })).toMatchObject({ ok: false, code: 'SESSION_MEMBERS_ONLY' });
    expect(await stranger.emit('hand.raise', { sessionId: closed })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    expect(await stranger.emit('session.join', { sessionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' });
    expect((await t.http.get(`/api/sessions/${closed}/events`).expect(403)).body).toMatchObject({ code: 'SESSION_MEMBERS_ONLY' });

    const open = await sessionWith([10], 'public');
    const observer = await connect(resident);
    expect(await observer.emit('session.join', { sessionId: open })).toMatchObject({ ok: true, role: 'observer' });
    const chair = await connect(facilitator);
    expect(await chair.emit('session.join', { sessionId: open })).toMatchObject({ ok: true, role: 'chair' });
    await chair.ok('session.start', { sessionId: open });
    await observer.waitFor((event) => event.type === 'session.started');
    for (const [event, payload] of [
      ['hand.raise', {}],
      ['message.post', { body: 'bonjour' }],
      ['floor.grant', {}],
      ['session.pause', {}],
    ] as const) {
      expect(await observer.emit(event, { sessionId: open, ...payload })).toMatchObject({ ok: false, code: 'OBSERVER_CANNOT_ACT' });
    }
    // Observers are not "present" members.
    expect((await t.http.get(`/api/sessions/${open}/room`).expect(200)).body).toMatchObject({ room: { present: [{ accountId: facilitator.account.id }] } });
  });

  it('validates payloads like HTTP bodies and answers unknown events, without crashing', async () => {
    const sessionId = await sessionWith([10]);
    const client = await connect(alice);
    expect(await client.emit('session.join', { sessionId: 'nope' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('session.join', 'a string')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('session.join', { sessionId, extra: 1 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('session.join', { sessionId, lastSeq: -1 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('session.teleport', { sessionId })).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    await client.ok('session.join', { sessionId });
    expect(await client.emit('message.post', { sessionId, body: 'x'.repeat(2001) })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('message.post', { sessionId, body: 42 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('message.post', { sessionId, body: 'avant le début' })).toMatchObject({ ok: false, code: 'SESSION_NOT_LIVE' });
    // A payload above the socket limit closes that socket, not the server.
    const big = await connect(bob);
    const dropped = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.socket.emit('message.post', { sessionId, body: 'y'.repeat(100_000) });
    await expect(dropped).resolves.toBeDefined();
    expect(await client.emit('session.join', { sessionId })).toMatchObject({ ok: true });
  });

  it('runs a session: presence across tabs, the queue with first-speaker priority, the floor, messages, moderation, minutes', async () => {
    const sessionId = await sessionWith([30, 20]);
    const chair = await connect(facilitator);
    const a1 = await connect(alice);
    const a2 = await connect(alice); // a second tab
    const b = await connect(bob);
    const c = await connect(carol);
    await chair.ok('session.join', { sessionId });
    await a1.ok('session.join', { sessionId });
    await a2.ok('session.join', { sessionId });
    const joinB = await b.ok('session.join', { sessionId });
    expect(joinB).toMatchObject({ role: 'member' });
    await c.ok('session.join', { sessionId });
    // Alice's two tabs make one presence.
    const room = (await t.http.get(`/api/sessions/${sessionId}/room`).set(alice.auth).expect(200)).body as { room: { present: Array<{ accountId: string }>; items: unknown[] } };
    expect(room.room.present.map((p) => p.accountId)).toEqual([facilitator.account.id, alice.account.id, bob.account.id, carol.account.id]);
    expect(room.room.items).toHaveLength(2);
    a2.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chair.types().filter((type) => type === 'presence.left')).toEqual([]);

    // Members cannot run the session.
    expect(await b.emit('session.start', { sessionId })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    await chair.ok('session.start', { sessionId });
    expect(await b.emit('hand.raise', { sessionId })).toMatchObject({ ok: false, code: 'NO_CURRENT_ITEM' });
    await chair.ok('item.start', { sessionId, index: 0 });

    await b.ok('hand.raise', { sessionId });
    await c.ok('hand.raise', { sessionId });
    expect(await b.emit('hand.raise', { sessionId })).toMatchObject({ ok: false, code: 'HAND_ALREADY_RAISED' });
    expect(await b.emit('floor.grant', { sessionId })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    await chair.ok('floor.grant', { sessionId }); // bob, first in the queue
    expect(await b.emit('hand.raise', { sessionId })).toMatchObject({ ok: false, code: 'HAND_ALREADY_RAISED' }); // at the floor
    // Bob yields: carol follows by herself. Bob asks again before alice does, yet alice, who has not
    // spoken on this item, goes first.
    await b.ok('floor.end', { sessionId });
    const granted = await a1.waitFor((event) => event.type === 'floor.granted' && event.data.accountId === carol.account.id, 'carol gets the floor');
    expect(granted.data).toMatchObject({ auto: true });
    await b.ok('hand.raise', { sessionId });
    const raised = await a1.ok('hand.raise', { sessionId });
    const view = (await a1.waitFor((event) => event.seq === raised.seq)).room as { queue: Array<{ accountId: string; firstTime: boolean }> };
    expect(view.queue).toEqual([expect.objectContaining({ accountId: alice.account.id, firstTime: true }), expect.objectContaining({ accountId: bob.account.id, firstTime: false })]);
    await chair.ok('floor.end', { sessionId });
    await a1.waitFor((event) => event.type === 'floor.granted' && event.data.accountId === alice.account.id, 'alice gets the floor');

    // Messages, replies, reactions; hiding with a reason; muting.
    const posted = await b.ok('message.post', { sessionId, body: 'Je propose une # piste *cyclable*' });
    const message = await chair.waitFor((event) => event.type === 'message.posted' && event.seq === posted.seq);
    expect(message.data).toMatchObject({ authorId: bob.account.id, itemIndex: 0, body: 'Je propose une # piste *cyclable*' });
    const messageId = String(message.data.id);
    await c.ok('message.post', { sessionId, body: 'Bonne idée', replyTo: messageId });
    expect(await c.emit('message.post', { sessionId, body: 'x', replyTo: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'MESSAGE_NOT_FOUND' });
    await c.ok('message.react', { sessionId, messageId, reaction: 'agree', on: true });
    expect(await c.emit('message.react', { sessionId, messageId, reaction: 'agree', on: true })).toMatchObject({ ok: false, code: 'REACTION_UNCHANGED' });
    const rude = await b.ok('message.post', { sessionId, body: 'propos injurieux' });
    const rudeId = String((await chair.waitFor((event) => event.seq === rude.seq)).data.id);
    expect(await c.emit('message.hide', { sessionId, messageId: rudeId, reason: 'x' })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    await chair.ok('message.hide', { sessionId, messageId: rudeId, reason: 'Propos injurieux' });
    expect(await chair.emit('message.hide', { sessionId, messageId: rudeId, reason: 'encore' })).toMatchObject({ ok: false, code: 'MESSAGE_ALREADY_HIDDEN' });
    expect(await c.emit('member.mute', { sessionId, accountId: bob.account.id, minutes: 5, reason: 'x' })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    await chair.ok('member.mute', { sessionId, accountId: bob.account.id, minutes: 5, reason: 'Insultes' });
    expect(await b.emit('message.post', { sessionId, body: 'encore' })).toMatchObject({ ok: false, code: 'MUTED' });
    clock.advance(5 * 60_000 + 1);
    await t.app.get(RoomTimers).tick();
    await b.waitFor((event) => event.type === 'member.unmuted' && event.data.reason === 'expired');
    await b.ok('message.post', { sessionId, body: 'Pardon' });

    // The replay and the HTTP history never show the hidden text again.
    const history = (await t.http.get(`/api/sessions/${sessionId}/events?after=0`).set(carol.auth).expect(200)).body as { events: SessionEvent[]; lastSeq: number };
    const hidden = history.events.find((event) => event.type === 'message.posted' && event.data.id === rudeId);
    expect(hidden?.data).toMatchObject({ body: null, hidden: true, hiddenReason: 'Propos injurieux' });
    expect(history.events.map((event) => event.seq)).toEqual(history.events.map((_, i) => i + 1));
    expect(history.lastSeq).toBe(history.events.length);

    await chair.ok('item.start', { sessionId, index: 1 });
    await chair.ok('session.end', { sessionId });
    expect(await chair.emit('item.start', { sessionId, index: 0 })).toMatchObject({ ok: false, code: 'SESSION_ENDED' });
    expect((await t.http.get(`/api/assemblies/${assemblyId}/sessions`).expect(200)).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: sessionId, status: 'ended' })]));

    const minutes = (await t.http.get(`/api/sessions/${sessionId}/minutes`).set(alice.auth).expect(200)).body as {
      final: boolean;
      attendance: Array<{ name: string }>;
      items: Array<{ title: string; endReason: string; speakers: Array<{ accountId: string; turns: number }>; messages: Array<{ body: string | null; hiddenReason: string | null; reactions: Record<string, number> }> }>;
      moderation: Array<{ action: string }>;
    };
    expect(minutes.final).toBe(true);
    expect(minutes.attendance).toHaveLength(4);
    expect(minutes.items[0]).toMatchObject({ title: 'Point 1', endReason: 'next-item' });
    expect(minutes.items[0].speakers.map((s) => [s.accountId, s.turns])).toEqual([
      [bob.account.id, 2], // the second time when alice's turn ran out, while the mute ran
      [carol.account.id, 1],
      [alice.account.id, 1],
    ]);
    expect(minutes.items[0].messages.map((m) => m.body)).toEqual(['Je propose une # piste *cyclable*', 'Bonne idée', null, 'Pardon']);
    expect(minutes.items[0].messages[0].reactions).toEqual({ agree: 1 });
    expect(minutes.items[0].messages[2].hiddenReason).toBe('Propos injurieux');
    expect(minutes.moderation.map((m) => m.action)).toEqual(['message-hidden', 'muted', 'unmuted']);
    const markdown = await t.http.get(`/api/sessions/${sessionId}/minutes?format=markdown&lang=fr`).set(alice.auth).expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain('# Compte rendu — Séance plénière');
    expect(markdown.text).toContain('Je propose une \\# piste \\*cyclable\\*');
    expect(markdown.text).toContain('[message masqué par l’animation : Propos injurieux]');
    expect(markdown.text).not.toContain('propos injurieux');
    const english = await t.http.get(`/api/sessions/${sessionId}/minutes?format=markdown&lang=en`).set(alice.auth).expect(200);
    expect(english.text).toContain('# Minutes — Séance plénière');
    await t.http.get(`/api/sessions/${sessionId}/minutes?format=pdf`).set(alice.auth).expect(400);

    // The same record from the command line, for archives.
    const env = { DATABASE_URL: t.database.url };
    const cliMinutes = await run(PNYX, ['session', 'minutes', sessionId, '--lang', 'en'], env);
    expect(cliMinutes).toMatchObject({ code: 0 });
    expect(cliMinutes.stdout).toBe(english.text);
    const cliEvents = await run(PNYX, ['session', 'events', sessionId, '--after', '3'], env);
    expect(cliEvents.code).toBe(0);
    expect(cliEvents.stdout.trim().split('\n').map((line) => (JSON.parse(line) as SessionEvent).seq)[0]).toBe(4);
    const unknown = await run(PNYX, ['session', 'minutes', '00000000-0000-4000-8000-000000000000'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('SESSION_NOT_FOUND');
  });

  it('times turns and items on the server clock: warning, the floor passes on time, the item ends; a pause stops the timers', async () => {
    const sessionId = await sessionWith([3]);
    const chair = await connect(facilitator);
    const a = await connect(alice);
    const b = await connect(bob);
    for (const client of [chair, a, b]) await client.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    await chair.ok('settings.change', { sessionId, turnSeconds: 60, warningSeconds: 10 });
    await chair.ok('item.start', { sessionId, index: 0 });
    await a.ok('hand.raise', { sessionId });
    await b.ok('hand.raise', { sessionId });
    await chair.ok('floor.grant', { sessionId });
    const timers = t.app.get(RoomTimers);
    const after = (seq: number) => b.events.filter((event) => event.seq > seq).map((event) => event.type);
    const mark = () => b.events[b.events.length - 1].seq;

    clock.advance(49_000);
    await timers.tick();
    let seq = mark();
    clock.advance(1_000); // 10 s left
    await timers.tick();
    await b.waitFor((event) => event.type === 'floor.warning');
    expect(after(seq)).toEqual(['floor.warning']);

    seq = mark();
    clock.advance(10_000); // alice's minute is up: bob follows by himself
    await timers.tick();
    const passed = await b.waitFor((event) => event.type === 'floor.granted' && event.data.accountId === bob.account.id);
    expect(after(seq)).toEqual(['floor.ended', 'floor.granted']);
    expect(b.events.find((event) => event.type === 'floor.ended' && event.seq > seq)?.data).toMatchObject({ accountId: alice.account.id, reason: 'time', spokeMs: 60_000 });
    expect(passed.data).toMatchObject({ auto: true, endsAt: clock.now().getTime() + 60_000 });

    // Pause with 30 s left on bob's turn: ten minutes pass, nothing fires.
    clock.advance(30_000);
    await chair.ok('session.pause', { sessionId });
    await b.waitFor((event) => event.type === 'session.paused');
    seq = mark();
    clock.advance(10 * 60_000);
    await timers.tick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(after(seq)).toEqual([]);
    const paused = (await t.http.get(`/api/sessions/${sessionId}/room`).set(bob.auth).expect(200)).body as { room: { status: string; floor: { remainingMs: number; endsAt: string | null } } };
    expect(paused.room).toMatchObject({ status: 'paused', floor: { remainingMs: 30_000, endsAt: null } });

    await chair.ok('session.resume', { sessionId });
    seq = mark();
    clock.advance(19_000);
    await timers.tick();
    clock.advance(1_000);
    await timers.tick();
    await b.waitFor((event) => event.type === 'floor.warning' && event.seq > seq);
    clock.advance(10_000);
    await timers.tick();
    await b.waitFor((event) => event.type === 'floor.ended' && event.seq > seq);
    expect(b.events.find((event) => event.type === 'floor.ended' && event.seq > seq)?.data).toMatchObject({ accountId: bob.account.id, reason: 'time', spokeMs: 60_000 });

    // The 3-minute item: 60 + 30 s spoken before the pause, 30 s after: 60 s are left; the warning came with bob's.
    seq = mark();
    clock.advance(60_000);
    await timers.tick();
    await b.waitFor((event) => event.type === 'item.ended' && event.seq > seq);
    expect(b.events.find((event) => event.type === 'item.ended')?.data).toMatchObject({ index: 0, reason: 'time' });
    // A second tick at the same time fires nothing more (once, whatever the number of callers).
    seq = mark();
    await Promise.all([timers.tick(), timers.tick()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(after(seq)).toEqual([]);
  });

  it('gives a client dropped for 30 events exactly those 30 on reconnect, in order, none twice', async () => {
    const sessionId = await sessionWith([30]);
    const chair = await connect(facilitator);
    await chair.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    const first = await connect(carol);
    await first.ok('session.join', { sessionId });
    await chair.ok('message.post', { sessionId, body: 'avant' });
    await first.waitFor((event) => event.data.body === 'avant');
    const lastSeen = first.events[first.events.length - 1].seq;
    first.close();
    await chair.waitFor((event) => event.type === 'presence.left');

    // 30 events happen while carol is away: her departure, then 29 messages.
    for (let i = 1; i <= 29; i += 1) {
      if (i % 9 === 0) clock.advance(10_000); // stay under the per-socket message rate
      await chair.ok('message.post', { sessionId, body: `manqué ${i}` });
    }
    const back = await connect(carol);
    const join = await back.ok('session.join', { sessionId, lastSeq: lastSeen });
    const replayed = back.events.slice(0, 30);
    expect(replayed.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, i) => lastSeen + 1 + i));
    expect(replayed.map((event) => event.type)).toEqual(['presence.left', ...Array.from({ length: 29 }, () => 'message.posted')]);
    expect(replayed.slice(1).map((event) => event.data.body)).toEqual(Array.from({ length: 29 }, (_, i) => `manqué ${i + 1}`));
    // Then her own return, and nothing else: the acknowledgement says where she now is.
    expect(back.events.slice(30).map((event) => [event.seq, event.type])).toEqual([[lastSeen + 31, 'presence.joined']]);
    expect(join.seq).toBe(lastSeen + 31);
    // Live events continue from there, without duplicates.
    await chair.ok('message.post', { sessionId, body: 'après' });
    await back.waitFor((event) => event.data.body === 'après');
    const seqs = back.events.map((event) => event.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[0]).toBe(lastSeen + 1);
    // The same over HTTP.
    const page = (await t.http.get(`/api/sessions/${sessionId}/events?after=${lastSeen}&limit=10`).set(carol.auth).expect(200)).body as { events: SessionEvent[]; nextAfter: number };
    expect(page.events.map((event) => event.seq)).toEqual(Array.from({ length: 10 }, (_, i) => lastSeen + 1 + i));
    expect(page.nextAfter).toBe(lastSeen + 10);
    await t.http.get(`/api/sessions/${sessionId}/events?after=-3`).set(carol.auth).expect(400);
  });

  it('runs majority-judgment votes in session: the room sees turnout live and the result at close; members cannot open or close them', async () => {
    const sessionId = await sessionWith([30]);
    const chair = await connect(facilitator);
    const a = await connect(alice);
    for (const client of [chair, a]) await client.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    const vote = { sessionId, title: 'Adopter le point 1 ?', options: [{ label: 'Version initiale' }, { label: 'Version amendée' }], gradePreset: 'fr-5' };
    expect(await a.emit('vote.open', vote)).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    const opened = await chair.ok('vote.open', vote);
    const pollId = String(opened.pollId);
    const announced = await a.waitFor((event) => event.type === 'vote.opened');
    expect(announced.data).toMatchObject({ pollId, itemIndex: 0, title: 'Adopter le point 1 ?' });
    const options = announced.data.options as Array<{ id: string; label: string }>;
    for (const [person, grades] of [
      [alice, [4, 1]],
      [bob, [3, 2]],
      [carol, [1, 4]],
    ] as const) {
      await t.http.post(`/api/polls/${pollId}/ballots`).set(person.auth).send({ grades: { [options[0].id]: grades[0], [options[1].id]: grades[1] } }).expect(201);
    }
    await a.waitFor((event) => event.type === 'vote.turnout', 'turnout');
    expect(await a.emit('vote.close', { sessionId, pollId })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    expect(await chair.emit('vote.close', { sessionId, pollId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'POLL_NOT_OF_SESSION' });
    await chair.ok('vote.close', { sessionId, pollId });
    const closed = await a.waitFor((event) => event.type === 'vote.closed', 'result');
    expect(closed.data).toMatchObject({ pollId, ballots: 3 });
    const ranking = (closed.data.ranking as { ranking: Array<{ option: string; rank: number }> }).ranking;
    expect(ranking.find((entry) => entry.rank === 1)?.option).toBe(options[0].id);
    await chair.ok('session.end', { sessionId });
    const minutes = (await t.http.get(`/api/sessions/${sessionId}/minutes`).set(alice.auth).expect(200)).body as { decisions: Array<{ title: string; ballots: number; ranking: Array<{ rank: number; label: string }> }> };
    expect(minutes.decisions).toEqual([expect.objectContaining({ title: 'Adopter le point 1 ?', ballots: 3 })]);
    expect(minutes.decisions[0].ranking[0]).toMatchObject({ rank: 1, label: 'Version initiale' });
  });

  it('lets organisers name session facilitators among the members; they chair that session only', async () => {
    const sessionId = await sessionWith([10]);
    await t.http.put(`/api/sessions/${sessionId}/facilitators`).set(facilitator.auth).send({ accountIds: [carol.account.id] }).expect(403);
    const outsiderRefused = await t.http.put(`/api/sessions/${sessionId}/facilitators`).set(organiser.auth).send({ accountIds: [outsider.account.id] }).expect(400);
    expect(outsiderRefused.body).toMatchObject({ code: 'NOT_A_FACILITATOR_CANDIDATE' });
    await t.http.put(`/api/sessions/${sessionId}/facilitators`).set(organiser.auth).send({ accountIds: [carol.account.id] }).expect(200);
    expect((await t.http.get(`/api/sessions/${sessionId}/facilitators`).set(alice.auth).expect(200)).body).toEqual({ accountIds: [carol.account.id] });
    const c = await connect(carol);
    expect(await c.emit('session.join', { sessionId })).toMatchObject({ ok: true, role: 'chair' });
    await c.ok('session.start', { sessionId });
    // Her powers go when the organisers take them back, without her rejoining.
    await t.http.put(`/api/sessions/${sessionId}/facilitators`).set(organiser.auth).send({ accountIds: [] }).expect(200);
    expect(await c.emit('session.pause', { sessionId })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
  });

  it('serialises concurrent commands: 20 hands raised at once all queue, seqs stay gapless; a hand raised from two tabs at once counts once', async () => {
    const sessionId = await sessionWith([30]);
    const chair = await connect(facilitator);
    await chair.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });
    const crowd = await bulkResidents(t.app, 20);
    const clients: RoomClient[] = [];
    for (const person of crowd) {
      await seatMember(t.app, assemblyId, person.accountId);
      const client = await connect(undefined, person.auth.Authorization.slice('Bearer '.length));
      await client.ok('session.join', { sessionId });
      clients.push(client);
    }
    const acks = await Promise.all(clients.map((client) => client.emit('hand.raise', { sessionId })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const tab1 = await connect(bob);
    const tab2 = await connect(bob);
    await tab1.ok('session.join', { sessionId });
    await tab2.ok('session.join', { sessionId });
    const twice = await Promise.all([tab1.emit('hand.raise', { sessionId }), tab2.emit('hand.raise', { sessionId })]);
    expect(twice.filter((ack) => ack.ok)).toHaveLength(1);
    expect(twice.find((ack) => !ack.ok)).toMatchObject({ code: 'HAND_ALREADY_RAISED' });
    const room = (await t.http.get(`/api/sessions/${sessionId}/room`).set(bob.auth).expect(200)).body as { seq: number; room: { queue: Array<{ accountId: string }> } };
    expect(room.room.queue).toHaveLength(21);
    expect(new Set(room.room.queue.map((hand) => hand.accountId)).size).toBe(21);
    const log = (await t.http.get(`/api/sessions/${sessionId}/events?limit=5000`).set(bob.auth).expect(200)).body as { events: SessionEvent[] };
    expect(log.events.map((event) => event.seq)).toEqual(log.events.map((_, i) => i + 1));
    expect(log.events.filter((event) => event.type === 'hand.raised')).toHaveLength(21);
  });

  it('delivers in seq order events that arrive out of order, waiting for the missing ones', async () => {
    const sessionId = await sessionWith([30]);
    const chair = await connect(facilitator);
    await chair.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    const watcher = await connect(carol);
    await watcher.ok('session.join', { sessionId });
    // Two events committed, then published in the wrong order (as two instances may).
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    const rooms = t.app.get(RoomService);
    const commit = (text: string) =>
      dataSource.transaction((manager) => rooms.changeIn(manager, sessionId, null, () => Promise.resolve({ events: [{ type: 'session.note', data: { text } }] })));
    const first = await commit('first');
    const second = await commit('second');
    const broadcaster = t.app.get(RoomBroadcaster);
    broadcaster.publish(second);
    broadcaster.publish(first);
    await watcher.waitFor((event) => event.data.text === 'second');
    const notes = watcher.events.filter((event) => event.type === 'session.note');
    expect(notes.map((event) => event.data.text)).toEqual(['first', 'second']);
    // A gap that is never published is read from the database.
    const lost = await commit('lost');
    const after = await commit('after');
    broadcaster.publish(after);
    await watcher.waitFor((event) => event.data.text === 'after');
    expect(watcher.events.filter((event) => event.type === 'session.note').map((event) => [event.seq, event.data.text])).toEqual([
      [first[0].seq, 'first'],
      [second[0].seq, 'second'],
      [lost[0].seq, 'lost'],
      [after[0].seq, 'after'],
    ]);
  });

  it('ends a socket when its access token expires', async () => {
    const sessionId = await sessionWith([10]);
    const ttl = 86_400_000;
    clock.advance(-(ttl - 2500)); // a token that expires 1.5 to 2.5 s from now (iat is in whole seconds)
    const shortLived = await loginAs(t.http, alice.account);
    clock.advance(ttl - 2500);
    const client = await connect(shortLived);
    const expired = new Promise((resolve) => client.socket.once('auth.expired', resolve));
    const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
    await client.ok('session.join', { sessionId });
    await expect(expired).resolves.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(disconnected).resolves.toBe('io server disconnect');
    // Reconnecting with the expired token is refused (the app's clock has moved on too).
    clock.advance(3_000);
    await expect(RoomClient.connect(url, shortLived.accessToken)).rejects.toMatchObject({ data: { code: 'TOKEN_EXPIRED' } });
  });

  it('lets a socket carry on with a fresh token of the same account (auth.renew), with no reconnection', async () => {
    const sessionId = await sessionWith([10]);
    const ttl = 86_400_000;
    clock.advance(-(ttl - 2500)); // a token that expires 1.5 to 2.5 s from now
    const shortLived = await loginAs(t.http, alice.account);
    clock.advance(ttl - 2500);
    const client = await connect(shortLived);
    await client.ok('session.join', { sessionId });
    let expired = false;
    client.socket.once('auth.expired', () => (expired = true));
    // Refused renewals leave the old token in force: not a string, another account's token, a bad token.
    expect(await client.emit('auth.renew', {})).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await client.emit('auth.renew', { token: (await loginAs(t.http, bob.account)).accessToken })).toMatchObject({ ok: false, code: 'ACCOUNT_MISMATCH' });
    expect(await client.emit('auth.renew', { token: 'not-a-token' })).toMatchObject({ ok: false, code: expect.stringMatching(/^(TOKEN_INVALID|UNAUTHENTICATED)$/) });
    const fresh = await loginAs(t.http, alice.account);
    const renewed = await client.emit('auth.renew', { token: fresh.accessToken });
    expect(renewed).toEqual({ ok: true, expiresAt: expect.any(String) });
    expect(Date.parse((renewed as unknown as { expiresAt: string }).expiresAt)).toBeGreaterThan(clock.now().getTime() + ttl - 5_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // past the first token's expiry
    expect(expired).toBe(false);
    expect(client.socket.connected).toBe(true);
    await client.ok('session.leave', { sessionId });
    await client.ok('session.join', { sessionId, lastSeq: 0 });
  });

  it('limits the rate of actions per socket', async () => {
    const sessionId = await sessionWith([10]);
    const chair = await connect(facilitator);
    await chair.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });
    const a = await connect(alice);
    await a.ok('session.join', { sessionId });
    const acks = [];
    for (let i = 0; i < 12; i += 1) acks.push(await a.emit('message.post', { sessionId, body: `flood ${i}` }));
    expect(acks.slice(0, 10).every((ack) => ack.ok)).toBe(true);
    expect(acks[10]).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // Another socket is not affected.
    const b = await connect(bob);
    await b.ok('session.join', { sessionId });
    await b.ok('message.post', { sessionId, body: 'calme' });
  });
});
