import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '@app/shared';
import { pdfText } from '../../libs/sortition/src/testing/pdf-text.js';
import { binary, createAssembly } from '../support/assemblies.js';
import { createAndLogin, loginAs, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Stretch {
  mode: 'room' | 'remote';
  method: string;
  arrivedAt: string;
  leftAt: string | null;
}
interface SeatBody {
  membershipId: string;
  name: string;
  present: boolean;
  minutesRecorded: number;
  correction: { minutes: number; reason: string } | null;
  stretches: Stretch[];
}
interface MonthBody {
  month: string;
  halfDays: number;
  grossCents: number;
  cappedCents: number;
  payableCents: number;
}
interface StatementBody {
  members: Array<{ membershipId: string; name: string; halfDays: number; payableCents: number; months: MonthBody[]; lines: Array<{ sessionId: string; minutes: number; minutesRecorded: number; halfDays: number; cents: number; remote: boolean }> }>;
  payableCents: number;
}

/** Paris wall-clock time in November and early December 2026 (UTC+1). */
const paris = (local: string): string => new Date(`${local}+01:00`).toISOString();

describe('attendance and indemnities: a month of sittings, the door, the live room from home, corrections, the statement', () => {
  const clock = new ManualClock(new Date(paris('2026-11-03T13:55:00')));
  let t: TestApp;
  let url: string;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let carol: LoggedIn;
  let resident: LoggedIn;
  let assemblyId: string;
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    url = await deliberationUrl(t.app);
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    [alice, bob, carol, resident] = await Promise.all([1, 2, 3, 4].map(() => createAndLogin(t.app, t.http)));
    assemblyId = (await createAssembly(t.http, organiser, 100, 'Assemblée citoyenne de Paris')).id;
    for (const person of [alice, bob, carol]) await seatMember(t.app, assemblyId, person.account.id);
    // Seated in October, before the month of sittings the test plays (the database stamps real time).
    await t.app.get<DataSource>(getDataSourceToken()).query(`UPDATE memberships SET started_at = $2 WHERE assembly_id = $1`, [assemblyId, paris('2026-10-01T12:00:00')]);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  const session = async (title: string, from: string, to: string, extra: Record<string, unknown> = {}): Promise<string> =>
    ((await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title, scheduledAt: paris(from), endsAt: paris(to), ...extra }).expect(201)).body as { id: string }).id;
  const roster = async (sessionId: string): Promise<Map<string, SeatBody>> => {
    const body = (await t.http.get(`/api/sessions/${sessionId}/attendance`).set(facilitator.auth).expect(200)).body as { seats: SeatBody[] };
    return new Map(body.seats.map((seat) => [seat.membershipId, seat]));
  };
  const seatOf = async (sessionId: string, who: LoggedIn): Promise<SeatBody> => {
    const mine = (await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(who.auth).expect(200)).body as { membershipId: string };
    return (await roster(sessionId)).get(mine.membershipId)!;
  };
  const checkIn = (sessionId: string, body: Record<string, unknown>, who: LoggedIn = facilitator) => t.http.post(`/api/sessions/${sessionId}/attendance/check-in`).set(who.auth).send(body);
  const checkOut = (sessionId: string, body: Record<string, unknown>, who: LoggedIn = facilitator) => t.http.post(`/api/sessions/${sessionId}/attendance/check-out`).set(who.auth).send(body);

  it('sets the rules, records a month of sittings and gives each member and the payment service the same figures', async () => {
    // The rules: organisers only, public to read.
    await t.http.put(`/api/assemblies/${assemblyId}/indemnity-rules`).set(facilitator.auth).send({ centsPerHalfDay: 4400, minimumMinutes: 120 }).expect(403);
    await t.http.put(`/api/assemblies/${assemblyId}/indemnity-rules`).set(organiser.auth).send({ centsPerHalfDay: -1, minimumMinutes: 0 }).expect(400);
    expect((await t.http.get(`/api/assemblies/${assemblyId}/indemnity-rules`).expect(200)).body).toEqual({ rules: null });
    await t.http.put(`/api/assemblies/${assemblyId}/indemnity-rules`).set(organiser.auth).send({ centsPerHalfDay: 4400, minimumMinutes: 120, monthlyCapCents: 13200 }).expect(200);
    expect((await t.http.get(`/api/assemblies/${assemblyId}/indemnity-rules`).expect(200)).body).toMatchObject({ rules: { centsPerHalfDay: 4400, minimumMinutes: 120, monthlyCapCents: 13200 } });

    // A sitting's hours are checked.
    const refused = await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'À l’envers', scheduledAt: paris('2026-11-03T17:00:00'), endsAt: paris('2026-11-03T14:00:00') }).expect(400);
    expect(refused.body.code).toBe('SESSION_HOURS_INVALID');

    const a = await session('Plénière du 3 novembre', '2026-11-03T14:00:00', '2026-11-03T17:00:00', { remoteAttendance: true });
    const b = await session('Journée de travail', '2026-11-07T10:00:00', '2026-11-07T17:00:00', { halfDays: 2 });
    const c = await session('Plénière du 14 novembre', '2026-11-14T14:00:00', '2026-11-14T17:00:00');
    const d = await session('Plénière du 1er décembre', '2026-12-01T14:00:00', '2026-12-01T17:00:00');
    const listed = (await t.http.get(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).expect(200)).body as Array<{ id: string; endsAt: string; halfDays: number; remoteAttendance: boolean }>;
    expect(listed.find((s) => s.id === b)).toMatchObject({ endsAt: paris('2026-11-07T17:00:00'), halfDays: 2, remoteAttendance: false });

    // Each member's code for the door (the same on every read).
    const codeOf = async (who: LoggedIn): Promise<string> => ((await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(who.auth).expect(200)).body as { attendanceCode: string }).attendanceCode;
    const bobCode = await codeOf(bob);
    expect(bobCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(await codeOf(bob)).toBe(bobCode);
    await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(resident.auth).expect(403);

    // 3 November, 13:55 Paris: doors open. Alice is ticked on the list; bob's badge is scanned twice at once.
    const aliceSeat = await seatOf(a, alice);
    expect((await checkIn(a, { membershipId: aliceSeat.membershipId })).status).toBe(201);
    expect((await checkIn(a, { membershipId: aliceSeat.membershipId })).body.code).toBe('ALREADY_CHECKED_IN');
    const scans = await Promise.all([checkIn(a, { code: bobCode.toLowerCase() }), checkIn(a, { code: `${bobCode.slice(0, 4)}-${bobCode.slice(4)}` })]);
    expect(scans.map((r) => r.status).sort((x, y) => x - y)).toEqual([201, 409]);
    // Ugly inputs at the door.
    expect((await checkIn(a, { code: 'NOPE' })).body.code).toBe('SEAT_NOT_FOUND');
    expect((await checkIn(a, {})).status).toBe(400);
    expect((await checkIn(a, { membershipId: 'not-a-uuid' })).status).toBe(400);
    expect((await checkIn(a, { membershipId: aliceSeat.membershipId }, alice)).body.code).toBe('NOT_CHAIR');
    expect((await checkIn(a, { membershipId: aliceSeat.membershipId, at: paris('2026-11-03T15:00:00') })).body.code).toBe('ATTENDANCE_TIME_INVALID');
    expect((await checkOut(a, { code: (await codeOf(carol)) })).body.code).toBe('NOT_CHECKED_IN');

    // Carol attends from home: the live room counts her while she is connected, from the sitting's start.
    clock.set(new Date(paris('2026-11-03T14:00:00')));
    const room = await RoomClient.connect(url, carol.accessToken);
    clients.push(room);
    await room.ok('session.join', { sessionId: a });
    const carolSeat = await seatOf(a, carol);
    expect(carolSeat).toMatchObject({ present: true, stretches: [{ mode: 'remote', method: 'live', arrivedAt: paris('2026-11-03T14:00:00'), leftAt: null }] });

    // 15:30: alice leaves early; 16:00 carol's connection drops.
    clock.set(new Date(paris('2026-11-03T15:30:00')));
    expect((await checkOut(a, { membershipId: aliceSeat.membershipId, at: paris('2026-11-03T13:00:00') })).body.code).toBe('ATTENDANCE_TIME_INVALID');
    await checkOut(a, { membershipId: aliceSeat.membershipId }).expect(201);
    clock.set(new Date(paris('2026-11-03T16:00:00')));
    room.close();
    for (let i = 0; i < 100 && (await seatOf(a, carol)).present; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const afterA = await roster(a);
    expect(afterA.get(carolSeat.membershipId)).toMatchObject({ present: false, minutesRecorded: 120, stretches: [{ mode: 'remote', leftAt: paris('2026-11-03T16:00:00') }] });
    expect(afterA.get(aliceSeat.membershipId)).toMatchObject({ present: false, minutesRecorded: 90 });

    // Days later: staff enter the other sittings' sheets (times noted on paper). Tokens are renewed for the new day.
    clock.set(new Date(paris('2026-12-02T10:00:00')));
    [organiser, facilitator, alice, bob, carol] = await Promise.all([organiser, facilitator, alice, bob, carol].map((who) => loginAs(t.http, who.account)));
    const bobSeat = await seatOf(a, bob);
    for (const seat of [aliceSeat, bobSeat]) await checkIn(b, { membershipId: seat.membershipId, at: paris('2026-11-07T10:05:00') }).expect(201);
    await checkIn(c, { membershipId: bobSeat.membershipId, at: paris('2026-11-14T13:50:00') }).expect(201);
    await checkIn(d, { membershipId: bobSeat.membershipId, at: paris('2026-12-01T14:00:00') }).expect(201);
    await checkOut(d, { membershipId: bobSeat.membershipId, at: paris('2026-12-01T16:10:00') }).expect(201);

    // Carol's connection had failed for an hour that the chair saw her follow by phone: an organiser corrects it, with the reason.
    const correction = (path: string, who: LoggedIn, body: Record<string, unknown>) => t.http.put(`/api/sessions/${a}/attendance/${path}/correction`).set(who.auth).send(body);
    expect((await correction(carolSeat.membershipId, facilitator, { minutes: 180, reason: 'x' })).status).toBe(403);
    expect((await correction(carolSeat.membershipId, organiser, { minutes: 180, reason: '   ' })).status).toBe(400);
    expect((await correction(carolSeat.membershipId, organiser, { minutes: 2000, reason: 'trop' })).status).toBe(400);
    expect((await correction('00000000-0000-4000-8000-000000000000', organiser, { minutes: 180, reason: 'personne' })).body.code).toBe('SEAT_NOT_FOUND');
    await correction(carolSeat.membershipId, organiser, { minutes: 150, reason: 'Suivi par téléphone' }).expect(200);
    await correction(carolSeat.membershipId, organiser, { minutes: 180, reason: 'Connexion coupée ; présente selon la présidente' }).expect(200);
    const audit = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ data: { minutes: number; previous: { minutes: number } | null } }>>(`SELECT data FROM audit_log WHERE action = 'attendance.corrected' AND subject_id = $1 ORDER BY seq`, [a]);
    expect(audit.map((row) => [row.data.minutes, row.data.previous?.minutes ?? null])).toEqual([[150, null], [180, 150]]);

    // The statement for November: alice 90 min on the 3rd (under the 120 minimum) + a full day; bob 3 + 2 + 1 half-days capped at 3;
    // carol 1 half-day from home after the correction. December apart.
    const statement = (query: string, who: LoggedIn = organiser) => t.http.get(`/api/assemblies/${assemblyId}/indemnities?${query}`).set(who.auth);
    expect((await statement('from=2026-11&to=2026-11', facilitator)).status).toBe(403);
    expect((await statement('from=2026-12&to=2026-11')).body.code).toBe('PERIOD_INVALID');
    expect((await statement('from=2026-13&to=2026-11')).status).toBe(400);
    const november = (await statement('from=2026-11&to=2026-11').expect(200)).body as StatementBody;
    const byId = new Map(november.members.map((member) => [member.membershipId, member]));
    expect(byId.get(aliceSeat.membershipId)).toMatchObject({ halfDays: 2, payableCents: 8800 });
    expect(byId.get(aliceSeat.membershipId)!.lines.map((line) => [line.minutes, line.halfDays])).toEqual([[90, 0], [415, 2]]);
    expect(byId.get(bobSeat.membershipId)).toMatchObject({ halfDays: 4, payableCents: 13200, months: [{ month: '2026-11', halfDays: 4, grossCents: 17600, cappedCents: 4400, payableCents: 13200 }] });
    expect(byId.get(carolSeat.membershipId)!.lines).toEqual([expect.objectContaining({ minutesRecorded: 120, minutes: 180, halfDays: 1, cents: 4400, remote: true })]);
    expect(november.payableCents).toBe(8800 + 13200 + 4400);
    const both = (await statement('from=2026-11&to=2026-12').expect(200)).body as StatementBody;
    expect(both.members.find((member) => member.membershipId === bobSeat.membershipId)!.months.map((month) => [month.month, month.payableCents])).toEqual([['2026-11', 13200], ['2026-12', 4400]]);

    // The CSV the payment service imports, and the PDF, say the same.
    const csv = (await statement('from=2026-11&to=2026-12&format=csv').expect(200).expect('Content-Type', /text\/csv/)).text;
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows.filter((row) => row['membership_id'] === bobSeat.membershipId).map((row) => [row['month'], row['half_days'], row['payable_cents'], row['payable_eur']])).toEqual([['2026-11', '4', '13200', '132.00'], ['2026-12', '1', '4400', '44.00']]);
    const pdf = (await statement('from=2026-11&to=2026-11&format=pdf&lang=fr').buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/pdf')).body as Buffer;
    const text = await pdfText(pdf);
    expect(text).toContain('État des indemnités');
    expect(text).toContain('novembre 2026');
    expect(text.replace(/\s/g, '')).toContain('264,00€');
    expect(text.replace(/\s+/g, ' ')).toContain('120 → 180 : Connexion coupée ; présente selon la présidente');

    // Each member sees their own record: the same minutes and amounts.
    const bobsOwn = (await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(bob.auth).expect(200)).body as { sittings: Array<{ session: { id: string }; minutes: number; halfDays: number; cents: number }>; months: MonthBody[]; payableCents: number };
    expect(bobsOwn.sittings.map((sitting) => [sitting.session.id, sitting.minutes, sitting.halfDays])).toEqual([[d, 130, 1], [c, 180, 1], [b, 415, 2], [a, 180, 1]]);
    expect(bobsOwn.payableCents).toBe(13200 + 4400);
    const carolsOwn = (await t.http.get(`/api/assemblies/${assemblyId}/attendance/me`).set(carol.auth).expect(200)).body as { sittings: Array<{ session: { id: string }; minutes: number; correction?: { reason: string } }> };
    expect(carolsOwn.sittings.find((sitting) => sitting.session.id === a)).toMatchObject({ minutes: 180, correction: { reason: 'Connexion coupée ; présente selon la présidente' } });
  });

  it('counts nobody twice: checked in at the door while connected from home, the remote stretch ends where the door’s begins', async () => {
    clock.set(new Date(paris('2026-12-08T14:00:00')));
    [facilitator, alice] = await Promise.all([facilitator, alice].map((who) => loginAs(t.http, who.account)));
    const e = await session('Plénière hybride', '2026-12-08T14:00:00', '2026-12-08T17:00:00', { remoteAttendance: true });
    const room = await RoomClient.connect(url, alice.accessToken);
    clients.push(room);
    await room.ok('session.join', { sessionId: e });
    clock.set(new Date(paris('2026-12-08T14:30:00')));
    const seat = await seatOf(e, alice);
    await checkIn(e, { membershipId: seat.membershipId }).expect(201);
    clock.set(new Date(paris('2026-12-08T15:00:00')));
    room.close();
    const inRoom = async (): Promise<boolean> => ((await t.http.get(`/api/sessions/${e}/room`).set(alice.auth).expect(200)).body as { room: { present: string[] } }).room.present.includes(alice.account.id);
    for (let i = 0; i < 100 && (await inRoom()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await inRoom()).toBe(false);
    const after = await seatOf(e, alice);
    // Still in the room after the phone's tab closed; 30 min from home then the door's stretch, once each.
    expect(after.present).toBe(true);
    expect(after.stretches.map((s) => [s.mode, s.arrivedAt, s.leftAt])).toEqual([
      ['remote', paris('2026-12-08T14:00:00'), paris('2026-12-08T14:30:00')],
      ['room', paris('2026-12-08T14:30:00'), null],
    ]);
    expect(after.minutesRecorded).toBe(60);
  });
});
