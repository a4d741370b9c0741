import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@app/shared';
import { createAssembly } from '../support/assemblies.js';
import { createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Auth = { Authorization: string };
const paris = (local: string): string => new Date(`${local}+01:00`).toISOString();

/**
 * Issue #19's acceptance, end to end: a sitting with members at the door and at home, workshops in
 * three groups reporting back to the plenary, the month's indemnity statement, and the decision it
 * adopted followed to "delivered" on the public tracker.
 */
describe('a month of an assembly’s life', () => {
  const clock = new ManualClock(new Date(paris('2026-11-17T13:50:00')));
  let t: TestApp;
  let url: string;
  let organiser: LoggedIn;
  const members: LoggedIn[] = [];
  let assemblyId: string;
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    url = await deliberationUrl(t.app);
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    assemblyId = (await createAssembly(t.http, organiser, 50, 'Assemblée citoyenne de Paris')).id;
    for (let i = 0; i < 6; i += 1) {
      const member = await createAndLogin(t.app, t.http);
      await seatMember(t.app, assemblyId, member.account.id);
      members.push(member);
    }
    await t.app.get<DataSource>(getDataSourceToken()).query(`UPDATE memberships SET started_at = $2 WHERE assembly_id = $1`, [assemblyId, paris('2026-10-01T12:00:00')]);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  const connect = async (who: LoggedIn): Promise<RoomClient> => {
    const client = await RoomClient.connect(url, who.accessToken);
    clients.push(client);
    return client;
  };

  it('runs a sitting with attendance and workshops, pays it, and follows its decision to delivery', async () => {
    await t.http.put(`/api/assemblies/${assemblyId}/indemnity-rules`).set(organiser.auth).send({ centsPerHalfDay: 4400, minimumMinutes: 120 }).expect(200);
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(organiser.auth).send({ title: 'Plénière du 17 novembre', scheduledAt: paris('2026-11-17T14:00:00'), endsAt: paris('2026-11-17T17:00:00'), remoteAttendance: true }).expect(201)).body as { id: string };
    const sessionId = session.id;
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(members[0].auth).send({ kind: 'motion', title: 'Des fontaines dans chaque square', body: 'Une fontaine d’eau potable par square.' }).expect(201)).body as { id: string };
    const act = (auth: Auth, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${motion.id}/transitions/${action}`).set(auth).send(body).expect(200);
    await act(members[0].auth, 'submit');
    await act(organiser.auth, 'start-review');
    await act(organiser.auth, 'admit', { reason: 'Recevable' });
    await act(organiser.auth, 'schedule', { sessionId, position: 1, allottedMinutes: 150 });

    // 13:50: three members are checked in at the door with their codes; three follow from home.
    for (const member of members.slice(0, 3)) {
      const { attendanceCode } = (await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(member.auth).expect(200)).body as { attendanceCode: string };
      await t.http.post(`/api/sessions/${sessionId}/attendance/check-in`).set(organiser.auth).send({ code: attendanceCode }).expect(201);
    }
    const chair = await connect(organiser);
    await chair.ok('session.join', { sessionId });
    const plenary = await Promise.all(members.map((member) => connect(member)));
    for (const room of plenary) await room.ok('session.join', { sessionId });
    clock.set(new Date(paris('2026-11-17T14:00:00')));
    await chair.ok('session.start', { sessionId });
    await chair.ok('item.start', { sessionId, index: 0 });

    // 14:30: workshops in three groups; every member works in their group (at home too, still in the plenary).
    clock.set(new Date(paris('2026-11-17T14:30:00')));
    await chair.ok('breakout.open', { sessionId, groups: 3, minutes: 45 });
    const { breakout } = ((await t.http.get(`/api/sessions/${sessionId}/room`).set(organiser.auth).expect(200)).body as { room: { breakout: { groups: Array<{ index: number; sessionId: string; members: Array<{ accountId: string }> }> } } }).room;
    for (const group of breakout.groups) {
      const inGroup = await Promise.all(group.members.map((m) => connect(members.find((member) => member.account.id === m.accountId)!)));
      for (const room of inGroup) await room.ok('session.join', { sessionId: group.sessionId });
      await inGroup[0].ok('group.reporter', { sessionId: group.sessionId, accountId: group.members[0].accountId });
      await inGroup[0].ok('group.report', { sessionId: group.sessionId, summary: `Groupe ${group.index} : oui, en commençant par les squares sans point d’eau.` });
      for (const room of inGroup) room.close();
    }
    clock.set(new Date(paris('2026-11-17T15:15:00')));
    await chair.ok('breakout.close', { sessionId });

    // 16:00: the assembly adopts the motion by majority judgment; 17:00 the sitting ends.
    const poll = (await t.http.post('/api/polls').set(organiser.auth).send({ title: 'Adopter : des fontaines dans chaque square', audience: 'assembly', assemblyId, options: [{ label: 'La motion' }, { label: 'Statu quo' }] }).expect(201)).body as { id: string; options: Array<{ id: string }> };
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(200);
    for (const member of members) await t.http.post(`/api/polls/${poll.id}/ballots`).set(member.auth).send({ grades: { [poll.options[0].id]: 5, [poll.options[1].id]: 1 } }).expect(201);
    clock.set(new Date(paris('2026-11-17T16:00:00')));
    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    clock.set(new Date(paris('2026-11-17T17:00:00')));
    await chair.ok('session.end', { sessionId });
    await act(organiser.auth, 'mark-deliberated');
    await act(organiser.auth, 'decide', { pollId: poll.id });

    // The minutes: three groups, their summaries.
    const minutes = (await t.http.get(`/api/sessions/${sessionId}/minutes`).set(organiser.auth).expect(200)).body as { final: boolean; workshops: Array<{ groups: Array<{ summary: string | null }> }> };
    expect(minutes.final).toBe(true);
    expect(minutes.workshops[0].groups.map((group) => group.summary?.slice(0, 9))).toEqual(['Groupe 1 ', 'Groupe 2 ', 'Groupe 3 ']);

    // The statement for November: everyone was there three hours (the door; or the live room, workshops included).
    for (const room of plenary) room.close();
    const statement = (await t.http.get(`/api/assemblies/${assemblyId}/indemnities?from=2026-11&to=2026-11`).set(organiser.auth).expect(200)).body as { members: Array<{ lines: Array<{ minutes: number; remote: boolean }>; payableCents: number }>; payableCents: number };
    expect(statement.members.map((member) => [member.lines[0].minutes, member.lines[0].remote, member.payableCents]).sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      [180, false, 4400],
      [180, false, 4400],
      [180, false, 4400],
      [180, true, 4400],
      [180, true, 4400],
      [180, true, 4400],
    ]);
    expect(statement.payableCents).toBe(6 * 4400);

    // The decision, from the vote to delivery, on the public tracker.
    const decision = (await t.http.post(`/api/proposals/${motion.id}/decision`).set(organiser.auth).send({}).expect(201)).body as { id: string };
    await t.http.put(`/api/decisions/${decision.id}/transmission`).set(organiser.auth).send({ transmittedOn: '2026-11-17', reference: '2026 DEVE 201' }).expect(200);
    await t.http.put(`/api/decisions/${decision.id}/council-answer`).set(organiser.auth).send({ answer: 'adopted', answeredOn: '2026-11-17' }).expect(200);
    const added = (await t.http.post(`/api/decisions/${decision.id}/milestones`).set(organiser.auth).send({ title: 'Fontaines posées', department: 'DPE', plannedOn: '2027-06-30' }).expect(201)).body as { milestones: Array<{ id: string }> };
    await t.http.patch(`/api/decisions/${decision.id}/milestones/${added.milestones[0].id}`).set(organiser.auth).send({ status: 'done' }).expect(200);
    const tracker = (await t.http.get(`/api/assemblies/${assemblyId}/decisions`).expect(200)).body as Array<{ title: string; stage: string; poll: { id: string } }>;
    expect(tracker).toEqual([expect.objectContaining({ title: 'Des fontaines dans chaque square', stage: 'delivered', poll: expect.objectContaining({ id: poll.id }) as unknown })]);
  });
});
