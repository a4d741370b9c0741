import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAssembly } from '../support/assemblies.js';
import { createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Auth = { Authorization: string };

interface MessagePage {
  messages: Array<{ id: string; seq: number; body: string | null; hiddenReason: string | null; authorName: string | null; replyTo: string | null; reactions: Record<string, number>; mine: string[] }>;
  asOfSeq: number;
  nextBefore: number | null;
}

/** What the room's web page reads besides the socket: messages by item, the session's votes, members' names. */
describe('session room API for the web app', () => {
  let t: TestApp;
  let url: string;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let resident: LoggedIn;
  let assemblyId: string;
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    url = await deliberationUrl(t.app);
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    [alice, bob, resident] = await Promise.all([1, 2, 3].map(() => createAndLogin(t.app, t.http)));
    assemblyId = (await createAssembly(t.http, organiser, 100)).id;
    for (const person of [alice, bob]) await seatMember(t.app, assemblyId, person.account.id);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  async function connect(who: LoggedIn): Promise<RoomClient> {
    const client = await RoomClient.connect(url, who.accessToken);
    clients.push(client);
    return client;
  }

  async function liveSession(visibility: 'public' | 'members' = 'public'): Promise<{ sessionId: string; chair: RoomClient; a: RoomClient; b: RoomClient }> {
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt: '2027-03-01T18:00:00+01:00', visibility }).expect(201)).body as { id: string };
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(alice.auth).send({ kind: 'motion', title: 'Point 1', body: 'Texte' }).expect(201)).body as { id: string };
    const act = (auth: Auth, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
    await act(alice.auth, 'submit');
    await act(organiser.auth, 'start-review');
    await act(organiser.auth, 'admit', { reason: 'Recevable' });
    await act(facilitator.auth, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 30 });
    const [chair, a, b] = await Promise.all([connect(facilitator), connect(alice), connect(bob)]);
    for (const client of [chair, a, b]) await client.ok('session.join', { sessionId: session.id });
    await chair.ok('session.start', { sessionId: session.id });
    await chair.ok('item.start', { sessionId: session.id, index: 0 });
    return { sessionId: session.id, chair, a, b };
  }

  it('pages an item’s messages as of one seq, with reactions, the reader’s own, and hidden ones by their reason', async () => {
    const { sessionId, chair, a, b } = await liveSession();
    const first = await a.ok('message.post', { sessionId, body: 'Premier message' });
    const ids: string[] = [];
    for (let i = 2; i <= 5; i += 1) {
      await b.ok('message.post', { sessionId, body: `Message ${i}` });
    }
    const all = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0&limit=50`).set(alice.auth).expect(200)).body as MessagePage;
    ids.push(...all.messages.map((message) => message.id));
    expect(all.messages.map((message) => message.body)).toEqual(['Premier message', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    expect(all.messages[0]).toMatchObject({ seq: first.seq, authorName: 'Test Person', replyTo: null, reactions: { agree: 0, disagree: 0, unclear: 0, applause: 0 }, mine: [] });
    expect(all.nextBefore).toBeNull();

    await b.ok('message.react', { sessionId, messageId: ids[0], reaction: 'agree', on: true });
    await a.ok('message.react', { sessionId, messageId: ids[0], reaction: 'agree', on: true });
    await chair.ok('message.hide', { sessionId, messageId: ids[1], reason: 'Propos hors sujet' });
    const reply = await a.ok('message.post', { sessionId, body: 'Une réponse', replyTo: ids[2] });

    // Pages of two, newest first; each page oldest first; the cursor walks back.
    const page1 = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0&limit=2`).set(alice.auth).expect(200)).body as MessagePage;
    expect(page1.messages.map((message) => message.body)).toEqual(['Message 5', 'Une réponse']);
    expect(page1.messages[1]).toMatchObject({ replyTo: ids[2], seq: reply.seq });
    expect(page1.asOfSeq).toBe(reply.seq);
    const page2 = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0&limit=2&before=${page1.nextBefore}`).set(alice.auth).expect(200)).body as MessagePage;
    expect(page2.messages.map((message) => message.body)).toEqual(['Message 3', 'Message 4']);
    const page3 = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0&limit=2&before=${page2.nextBefore}`).set(alice.auth).expect(200)).body as MessagePage;
    expect(page3.messages[0]).toMatchObject({ body: 'Premier message', reactions: { agree: 2 }, mine: ['agree'] });
    expect(page3.messages[1]).toMatchObject({ body: null, hiddenReason: 'Propos hors sujet' });
    // Anonymous readers of a public session: the same, without "mine".
    const anonymous = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0&limit=50`).expect(200)).body as MessagePage;
    expect(anonymous.messages[0]).toMatchObject({ reactions: { agree: 2 }, mine: [] });
    // No messages outside any item; bad queries.
    expect(((await t.http.get(`/api/sessions/${sessionId}/messages`).expect(200)).body as MessagePage).messages).toEqual([]);
    for (const query of ['itemIndex=-1', 'itemIndex=x', 'limit=0', 'limit=201', 'before=0']) {
      expect((await t.http.get(`/api/sessions/${sessionId}/messages?${query}`).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await t.http.get('/api/sessions/00000000-0000-4000-8000-000000000000/messages').expect(404);
  });

  it('keeps members-only sessions’ messages and votes to their participants', async () => {
    const { sessionId, a } = await liveSession('members');
    await a.ok('message.post', { sessionId, body: 'Entre nous' });
    expect((await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0`).expect(403)).body).toMatchObject({ code: 'SESSION_MEMBERS_ONLY' });
    expect((await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0`).set(resident.auth).expect(403)).body).toMatchObject({ code: 'SESSION_MEMBERS_ONLY' });
    await t.http.get(`/api/sessions/${sessionId}/votes`).set(resident.auth).expect(403);
    await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0`).set(bob.auth).expect(200);
  });

  it('lists the session’s votes with their options and status', async () => {
    const { sessionId, chair } = await liveSession();
    expect((await t.http.get(`/api/sessions/${sessionId}/votes`).expect(200)).body).toEqual([]);
    const opened = await chair.ok('vote.open', { sessionId, title: 'Adopter la motion ?', options: [{ label: 'Texte A' }, { label: 'Texte B' }], gradePreset: 'fr-5' });
    const votes = (await t.http.get(`/api/sessions/${sessionId}/votes`).expect(200)).body as Array<{ pollId: string; status: string; itemIndex: number; grades: string[]; options: Array<{ label: string }> }>;
    expect(votes).toEqual([
      { pollId: opened.pollId, title: 'Adopter la motion ?', itemIndex: 0, status: 'open', grades: ['À rejeter', 'Passable', 'Bien', 'Très bien', 'Excellent'], options: [expect.objectContaining({ label: 'Texte A' }), expect.objectContaining({ label: 'Texte B' })] },
    ]);
    await chair.ok('vote.close', { sessionId, pollId: opened.pollId });
    expect(((await t.http.get(`/api/sessions/${sessionId}/votes`).expect(200)).body as Array<{ status: string }>)[0].status).toBe('closed');
  });

  it('lets the chair extend a turn, and members say they are away, over the socket', async () => {
    const { sessionId, chair, a, b } = await liveSession();
    await a.ok('hand.raise', { sessionId });
    await chair.ok('floor.grant', { sessionId });
    expect(await a.emit('floor.extend', { sessionId, seconds: 30 })).toMatchObject({ ok: false, code: 'NOT_CHAIR' });
    expect(await chair.emit('floor.extend', { sessionId, seconds: 5 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    await chair.ok('floor.extend', { sessionId, seconds: 60 });
    const extended = await b.waitFor((event) => event.type === 'floor.extended');
    expect(extended.data).toMatchObject({ accountId: alice.account.id, seconds: 60 });
    expect((extended.room as { floor: { totalMs: number } }).floor.totalMs).toBe(120_000 + 60_000);

    await b.ok('presence.away', { sessionId, away: true });
    const away = await chair.waitFor((event) => event.type === 'presence.away');
    expect(away.data).toEqual({ accountId: bob.account.id, away: true });
    expect((away.room as { present: Array<{ accountId: string; away: boolean }> }).present.find((p) => p.accountId === bob.account.id)?.away).toBe(true);
    // Saying it twice changes nothing and publishes nothing.
    expect(await b.ok('presence.away', { sessionId, away: true })).toMatchObject({ seq: null });
  });

  it('counts a member away only when every one of their tabs is in the background', async () => {
    const { sessionId, chair, b } = await liveSession();
    const awayOfBob = async (): Promise<boolean | undefined> =>
      ((await t.http.get(`/api/sessions/${sessionId}/room`).expect(200)).body as { room: { present: Array<{ accountId: string; away: boolean }> } }).room.present.find((p) => p.accountId === bob.account.id)?.away;
    const second = await connect(bob);
    await second.ok('session.join', { sessionId });
    await b.ok('presence.away', { sessionId, away: true });
    expect(await awayOfBob()).toBe(false); // the second tab is in front
    await second.ok('presence.away', { sessionId, away: true });
    expect((await chair.waitFor((event) => event.type === 'presence.away')).data).toEqual({ accountId: bob.account.id, away: true });
    expect(await awayOfBob()).toBe(true);
    await b.ok('presence.away', { sessionId, away: false });
    expect(await awayOfBob()).toBe(false);
    // The tab in front closes; the one left is in the background: away. A new tab brings him back.
    await b.ok('session.leave', { sessionId });
    expect(await awayOfBob()).toBe(true);
    const third = await connect(bob);
    await third.ok('session.join', { sessionId });
    expect(await awayOfBob()).toBe(false);
  });

  it('shows drawn members’ names on the assembly page only if they choose to', async () => {
    const list = async (auth?: Auth) =>
      (await (auth === undefined ? t.http.get(`/api/assemblies/${assemblyId}/memberships`) : t.http.get(`/api/assemblies/${assemblyId}/memberships`).set(auth)).expect(200)).body as Array<{
        id: string;
        role: string;
        displayName?: string;
        nameShown: boolean;
        yours?: boolean;
      }>;
    const before = await list();
    const staff = before.find((membership) => membership.role === 'facilitator')!;
    expect(staff.displayName).toBe('Test Person'); // staff are public figures
    const drawn = before.filter((membership) => membership.role === 'member');
    expect(drawn.every((membership) => membership.displayName === undefined && !membership.nameShown)).toBe(true);

    const mine = (await list(alice.auth)).find((membership) => membership.yours === true)!;
    expect(mine).toMatchObject({ role: 'member', displayName: 'Test Person' }); // the member sees their own
    expect((await t.http.put(`/api/assemblies/${assemblyId}/memberships/${mine.id}/name-shown`).set(bob.auth).send({ shown: true }).expect(403)).body).toMatchObject({ code: 'NOT_YOUR_MEMBERSHIP' });
    await t.http.put(`/api/assemblies/${assemblyId}/memberships/${mine.id}/name-shown`).set(alice.auth).send({ shown: 'yes' }).expect(400);
    const shown = (await t.http.put(`/api/assemblies/${assemblyId}/memberships/${mine.id}/name-shown`).set(alice.auth).send({ shown: true }).expect(200)).body as { nameShown: boolean; displayName: string };
    expect(shown).toMatchObject({ nameShown: true, displayName: 'Test Person' });
    const after = await list();
    expect(after.find((membership) => membership.id === mine.id)).toMatchObject({ nameShown: true, displayName: 'Test Person' });
    expect(after.filter((membership) => membership.role === 'member' && membership.displayName !== undefined)).toHaveLength(1);
    await t.http.put(`/api/assemblies/${assemblyId}/memberships/${mine.id}/name-shown`).send({ shown: false }).expect(401);
  });
});
