import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { splitIntoGroups } from '@app/sortition';
import { createAssembly, uploadFixture } from '../support/assemblies.js';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient, type SessionEvent } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Auth = { Authorization: string };
interface GroupView {
  index: number;
  sessionId: string;
  members: Array<{ accountId: string; name: string | null }>;
  facilitator: { accountId: string } | null;
  reporter: { accountId: string } | null;
  reported: boolean;
}
interface Breakout {
  id: string;
  endsAt: string;
  groups: GroupView[];
}
interface RoomBody {
  status: string;
  currentItem: { title: string; remainingMs: number | null } | null;
  breakout: Breakout | null;
  group: { index: number; plenarySessionId: string; members: Array<{ accountId: string }>; reporter: { accountId: string } | null } | null;
}

describe('workshops in breakout rooms: split the plenary, work in groups, report back, close', () => {
  let t: TestApp;
  let url: string;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let outsider: LoggedIn;
  const members: LoggedIn[] = [];
  const genderOf = new Map<string, string>();
  let assemblyId: string;
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    url = await deliberationUrl(t.app);
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    outsider = await createAndLogin(t.app, t.http);
    assemblyId = (await createAssembly(t.http, organiser, 20, 'Assemblée citoyenne de Paris')).id;
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    // Nine members seated from the pool example_small_20, so each has the pool's features (gender, leaning).
    const pool = await uploadFixture(t.http, organiser, assemblyId, 'example_small_20');
    const db = t.app.get<DataSource>(getDataSourceToken());
    const volunteers = await db.query<Array<{ person_id: string; features: Record<string, string> }>>(`SELECT person_id, features FROM pool_volunteers WHERE pool_id = $1 ORDER BY person_id LIMIT 9`, [pool.id]);
    for (const volunteer of volunteers) {
      const member = await createAndLogin(t.app, t.http);
      await db.query(`INSERT INTO memberships (assembly_id, role, account_id, pool_id, person_id) VALUES ($1, 'member', $2, $3, $4)`, [assemblyId, member.account.id, pool.id, volunteer.person_id]);
      members.push(member);
      genderOf.set(member.account.id, volunteer.features['gender']);
    }
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

  async function livePlenary(): Promise<{ sessionId: string; chair: RoomClient; rooms: RoomClient[] }> {
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt: new Date().toISOString() }).expect(201)).body as { id: string };
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(members[0].auth).send({ kind: 'motion', title: 'Végétaliser les cours d’école', body: 'Texte' }).expect(201)).body as { id: string };
    const act = (auth: Auth, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
    await act(members[0].auth, 'submit');
    await act(organiser.auth, 'start-review');
    await act(organiser.auth, 'admit', { reason: 'Recevable' });
    await act(facilitator.auth, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 60 });
    const chair = await connect(facilitator);
    await chair.ok('session.join', { sessionId: session.id });
    const rooms = await Promise.all(members.map((member) => connect(member)));
    for (const room of rooms) await room.ok('session.join', { sessionId: session.id });
    await chair.ok('session.start', { sessionId: session.id });
    await chair.ok('item.start', { sessionId: session.id, index: 0 });
    return { sessionId: session.id, chair, rooms };
  }

  const roomOf = async (sessionId: string, who: LoggedIn): Promise<RoomBody> => ((await t.http.get(`/api/sessions/${sessionId}/room`).set(who.auth).expect(200)).body as { room: RoomBody }).room;

  it('splits the members present into three groups balanced on gender; each group works in its own room, names its reporter and reports into the plenary item and minutes', async () => {
    const { sessionId, chair, rooms } = await livePlenary();

    // Refusals first: not the chair, one group, more groups than people.
    expect((await rooms[0].emit('breakout.open', { sessionId, groups: 3, minutes: 30 })).code).toBe('NOT_CHAIR');
    expect((await chair.emit('breakout.open', { sessionId, groups: 1, minutes: 30 })).code).toBe('VALIDATION_FAILED');
    expect((await chair.emit('breakout.open', { sessionId, groups: 10, minutes: 30 })).code).toBe('BREAKOUT_SPLIT_INVALID');

    await chair.ok('breakout.open', { sessionId, groups: 3, features: ['gender'], minutes: 30, facilitators: [facilitator.account.id] });
    expect((await chair.emit('breakout.open', { sessionId, groups: 2, minutes: 30 })).code).toBe('BREAKOUT_OPEN');
    const opened = await rooms[4].waitFor((event) => event.type === 'breakout.opened', 'breakout.opened');
    const breakout = (await roomOf(sessionId, members[0])).breakout!;
    expect(breakout.groups.map((group) => group.members.length)).toEqual([3, 3, 3]);
    expect(new Set(breakout.groups.flatMap((group) => group.members.map((m) => m.accountId)))).toEqual(new Set(members.map((m) => m.account.id)));
    const women = breakout.groups.map((group) => group.members.filter((m) => genderOf.get(m.accountId) === 'female').length);
    expect(Math.max(...women) - Math.min(...women)).toBeLessThanOrEqual(1);
    expect(breakout.groups[0].facilitator?.accountId).toBe(facilitator.account.id);
    expect(opened.data).toMatchObject({ method: 'random', features: ['gender'] });

    // Each member joins their group's room: its own queue and timer, on the plenary's item; other groups are closed to them.
    const groupOf = (accountId: string): GroupView => breakout.groups.find((group) => group.members.some((m) => m.accountId === accountId))!;
    const groupRooms = new Map<string, RoomClient>();
    for (const [i, member] of members.entries()) {
      const group = groupOf(member.account.id);
      const client = await connect(member);
      const ack = await client.ok('session.join', { sessionId: group.sessionId });
      expect(ack).toMatchObject({ role: 'member', room: { status: 'live', currentItem: { title: 'Végétaliser les cours d’école' }, group: { index: group.index, plenarySessionId: sessionId } } });
      groupRooms.set(member.account.id, client);
      if (i === 0) {
        const other = breakout.groups.find((g) => g.index !== group.index)!;
        expect((await client.emit('session.join', { sessionId: other.sessionId })).code).toBe('SESSION_MEMBERS_ONLY');
      }
    }
    // Attendance is the plenary's: a group's session takes none.
    expect((await t.http.post(`/api/sessions/${breakout.groups[0].sessionId}/attendance/check-in`).set(facilitator.auth).send({ membershipId: '00000000-0000-4000-8000-000000000000' }).expect(409)).body.code).toBe('ATTENDANCE_ON_PLENARY');
    const outsiderClient = await connect(outsider);
    expect((await outsiderClient.emit('session.join', { sessionId: breakout.groups[0].sessionId })).code).toBe('SESSION_MEMBERS_ONLY');
    const firstGroup = breakout.groups[0];
    const [a, b] = firstGroup.members.map((m) => groupRooms.get(m.accountId)!);
    await a.ok('hand.raise', { sessionId: firstGroup.sessionId });
    const facilitatorInGroup = await connect(facilitator);
    expect((await facilitatorInGroup.ok('session.join', { sessionId: firstGroup.sessionId })).role).toBe('chair');
    await facilitatorInGroup.ok('floor.grant', { sessionId: firstGroup.sessionId });
    await b.ok('message.post', { sessionId: firstGroup.sessionId, body: 'Et les cours de collège ?' });
    const remaining = (await roomOf(firstGroup.sessionId, members.find((m) => m.account.id === firstGroup.members[0].accountId)!)).currentItem!.remainingMs!;
    expect(remaining).toBeGreaterThan(29 * 60_000);
    expect(remaining).toBeLessThanOrEqual(30 * 60_000);

    // A member who reconnects to the plenary is told their group.
    const again = await connect(members[4]);
    const rejoined = (await again.ok('session.join', { sessionId })) as unknown as { room: RoomBody };
    expect(rejoined.room.breakout!.groups.find((g) => g.members.some((m) => m.accountId === members[4].account.id))!.sessionId).toBe(groupOf(members[4].account.id).sessionId);

    // The chair speaks to every group.
    await chair.ok('breakout.broadcast', { sessionId, text: 'Encore cinq minutes, pensez à votre synthèse.' });
    for (const client of groupRooms.values()) await client.waitFor((event) => event.type === 'breakout.broadcast' && event.data.text === 'Encore cinq minutes, pensez à votre synthèse.', 'the broadcast');

    // Each group names its reporter, who reports; only the reporter may.
    for (const group of breakout.groups) {
      const [first, second] = group.members.map((m) => groupRooms.get(m.accountId)!);
      expect((await first.emit('group.report', { sessionId: group.sessionId, summary: 'trop tôt' })).code).toBe('NOT_REPORTER');
      expect((await first.emit('group.reporter', { sessionId: group.sessionId, accountId: outsider.account.id })).code).toBe('NOT_IN_GROUP');
      await first.ok('group.reporter', { sessionId: group.sessionId, accountId: group.members[1].accountId });
      expect((await first.emit('group.report', { sessionId: group.sessionId, summary: 'pas moi' })).code).toBe('NOT_REPORTER');
      expect((await second.emit('group.report', { sessionId: group.sessionId, summary: '   ' })).code).toBe('VALIDATION_FAILED');
      await second.ok('group.report', { sessionId: group.sessionId, summary: `Le groupe ${group.index} propose de commencer par les cours les plus chaudes.` });
    }
    const reported = await chair.waitFor((event) => event.type === 'breakout.reported' && event.data.index === 3, 'the third summary');
    expect(reported.data).toMatchObject({ breakoutId: breakout.id, summary: 'Le groupe 3 propose de commencer par les cours les plus chaudes.' });
    expect((await roomOf(sessionId, members[0])).breakout!.groups.map((g) => g.reported)).toEqual([true, true, true]);

    // Closing: every group's room ends; back to plenary.
    await chair.ok('breakout.close', { sessionId });
    await chair.waitFor((event) => event.type === 'breakout.closed', 'breakout.closed');
    for (const client of groupRooms.values()) await client.waitFor((event: SessionEvent) => event.type === 'session.ended', 'the group room’s end');
    expect((await roomOf(sessionId, members[0])).breakout).toBeNull();
    expect((await chair.emit('breakout.close', { sessionId })).code).toBe('NO_BREAKOUT');

    // The summaries are on the plenary item, and the minutes record the groups, their members and their summaries.
    const page = (await t.http.get(`/api/sessions/${sessionId}/messages?itemIndex=0`).set(members[0].auth).expect(200)).body as { messages: Array<{ body: string }> };
    expect(page.messages.map((message) => message.body)).toEqual([1, 2, 3].map((n) => `Atelier ${n} · Workshop ${n} — Le groupe ${n} propose de commencer par les cours les plus chaudes.`));
    const minutes = (await t.http.get(`/api/sessions/${sessionId}/minutes`).set(members[0].auth).expect(200)).body as { workshops: Array<{ features: string[]; groups: Array<{ members: unknown[]; reporter: string; summary: string }> }> };
    expect(minutes.workshops).toHaveLength(1);
    expect(minutes.workshops[0].groups.map((group) => [group.members.length, group.reporter, group.summary.slice(0, 10)])).toEqual([
      [3, 'Test Person', 'Le groupe '],
      [3, 'Test Person', 'Le groupe '],
      [3, 'Test Person', 'Le groupe '],
    ]);
    const markdown = (await t.http.get(`/api/sessions/${sessionId}/minutes?format=markdown&lang=fr`).set(members[0].auth).expect(200)).text;
    expect(markdown).toContain('## Ateliers');
    expect(markdown).toContain('tirage au sort équilibré sur gender');
    expect(markdown).toContain('Synthèse : Le groupe 2 propose de commencer par les cours les plus chaudes\\.');

    // The split can be re-run from its published seed; groups are not sittings of their own.
    const history = (await t.http.get(`/api/sessions/${sessionId}/breakouts`).set(members[0].auth).expect(200)).body as { features: string[]; breakouts: Array<{ seed: string; features: string[]; groups: Array<{ members: Array<{ accountId: string }>; summary: string }> }> };
    expect(history.features).toEqual(['gender', 'leaning']);
    const record = history.breakouts[0];
    const again2 = splitIntoGroups(members.map((m) => ({ id: m.account.id, features: { gender: genderOf.get(m.account.id)! } })), 3, record.features, record.seed);
    expect(again2.groups.map((group) => [...group].sort())).toEqual(record.groups.map((group) => group.members.map((m) => m.accountId).sort()));
    const sittings = (await t.http.get(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).expect(200)).body as Array<{ id: string }>;
    expect(sittings.map((s) => s.id)).not.toContain(breakout.groups[0].sessionId);
  });

  it('takes groups made by hand, every member present in exactly one', async () => {
    const { sessionId, chair } = await livePlenary();
    const ids = members.map((m) => m.account.id);
    const refused = await chair.emit('breakout.open', { sessionId, assignment: [ids.slice(0, 4), ids.slice(4, 8)], minutes: 20 });
    expect(refused).toMatchObject({ ok: false, code: 'BREAKOUT_SPLIT_INVALID' });
    expect((await chair.emit('breakout.open', { sessionId, assignment: [ids.slice(0, 5), [...ids.slice(4)]], minutes: 20 })).code).toBe('BREAKOUT_SPLIT_INVALID');
    expect((await chair.emit('breakout.open', { sessionId, assignment: [ids.slice(0, 5), ['not-an-id']], minutes: 20 })).code).toBe('BREAKOUT_SPLIT_INVALID');
    await chair.ok('breakout.open', { sessionId, assignment: [ids.slice(0, 5), ids.slice(5)], minutes: 20 });
    const breakout = (await roomOf(sessionId, members[0])).breakout!;
    expect(breakout.groups.map((group) => group.members.map((m) => m.accountId))).toEqual([ids.slice(0, 5), ids.slice(5)]);
    await chair.ok('breakout.close', { sessionId });
  });
});
