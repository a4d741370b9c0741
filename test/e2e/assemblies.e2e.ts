import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogService } from '@app/shared';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { createAssembly, uploadFixture, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('assemblies and memberships', () => {
  let t: TestApp;
  let organiser: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets city organisers create assemblies, refuses everyone else, and validates the input', async () => {
    for (const roles of [[], ['facilitator'], ['admin']] as const) {
      const caller = await createAndLogin(t.app, t.http, [...roles]);
      await t.http.post('/api/assemblies').set(caller.auth).send({ name: 'x', seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' }).expect(403);
    }
    await t.http.post('/api/assemblies').send({ name: 'x', seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' }).expect(401);
    const term = await t.http.post('/api/assemblies').set(organiser.auth).send({ name: 'x', seats: 10, termStart: '2027-12-31', termEnd: '2027-01-01' }).expect(400);
    expect(term.body).toMatchObject({ code: 'TERM_INVALID' });
    for (const body of [
      { name: '', seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' },
      { name: 'x', seats: 0, termStart: '2027-01-01', termEnd: '2027-12-31' },
      { name: 'x', seats: '100', termStart: '2027-01-01', termEnd: '2027-12-31' },
      { name: 'x', seats: 10, termStart: '2027-02-30x', termEnd: '2027-12-31' },
      { name: 'x'.repeat(201), seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' },
      { name: 'x', seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31', status: 'active' },
    ]) {
      const response = await t.http.post('/api/assemblies').set(organiser.auth).send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const created = await t.http.post('/api/assemblies').set(organiser.auth).send({ name: '  Assemblée  ', seats: 100, termStart: '2027-01-01', termEnd: '2027-12-31' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Assemblée', seats: 100, status: 'forming', description: '' });
    const id = (created.body as { id: string }).id;
    expect((await t.http.get(`/api/assemblies/${id}`).expect(200)).body).toMatchObject({ id, name: 'Assemblée' });
    await t.http.get('/api/assemblies/00000000-0000-4000-8000-000000000000').expect(404);
    // The creator is its first organiser, publicly listed as staff.
    const memberships = (await t.http.get(`/api/assemblies/${id}/memberships`).expect(200)).body as Array<{ role: string; accountId?: string }>;
    expect(memberships).toEqual([expect.objectContaining({ role: 'organiser', accountId: organiser.account.id })]);
  });

  it('pages assemblies newest first with a cursor that stays stable while new ones arrive', async () => {
    const creator = await createAndLogin(t.app, t.http, ['organiser']);
    for (let i = 0; i < 5; i += 1) await createAssembly(t.http, creator, 10, `Paged ${i}`);
    const first = (await t.http.get('/api/assemblies?limit=2').expect(200)).body as { items: Array<{ id: string }>; nextCursor: string };
    expect(first.items).toHaveLength(2);
    await createAssembly(t.http, creator, 10, 'Arrived meanwhile');
    const second = (await t.http.get(`/api/assemblies?limit=2&cursor=${first.nextCursor}`).expect(200)).body as { items: Array<{ id: string; name: string }> };
    expect(second.items.map((a) => a.name)).toEqual(['Paged 2', 'Paged 1']);
    expect(second.items.map((a) => a.id)).not.toContain(first.items[1].id);
    const bad = await t.http.get('/api/assemblies?cursor=garbage').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("changes an assembly only by its organisers, along forming → active → ended, and fixes seats once a pool exists", async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const stranger = await createAndLogin(t.app, t.http, ['organiser']);
    const refused = await t.http.patch(`/api/assemblies/${assembly.id}`).set(stranger.auth).send({ name: 'Mine now' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'NOT_ASSEMBLY_ORGANISER' });
    await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ seats: 21 }).expect(200);
    await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ seats: 20 }).expect(200);
    await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const locked = await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ seats: 25 }).expect(409);
    expect(locked.body).toMatchObject({ code: 'SEATS_LOCKED' });
    await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ status: 'active', description: 'Sitting' }).expect(200);
    const back = await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ status: 'forming' }).expect(409);
    expect(back.body).toMatchObject({ code: 'ASSEMBLY_STATUS_TRANSITION' });
    const term = await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ termEnd: '2026-01-01' }).expect(400);
    expect(term.body).toMatchObject({ code: 'TERM_INVALID' });
    await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ status: 'ended' }).expect(200);
    const ended = await t.http.patch(`/api/assemblies/${assembly.id}`).set(organiser.auth).send({ name: 'Renamed' }).expect(409);
    expect(ended.body).toMatchObject({ code: 'ASSEMBLY_ENDED' });
    const draw = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({}).expect(409);
    expect(draw.body).toMatchObject({ code: 'ASSEMBLY_ENDED' });

    const updates = (await t.app.get(AuditLogService).list(0, 10_000)).filter((e) => e.subjectId === assembly.id && e.action === 'assembly.updated');
    expect(updates.map((e) => e.data)).toEqual([{ seats: 21 }, { seats: 20 }, { status: 'active', description: 'Sitting' }, { status: 'ended' }]);
  });

  it('adds staff who hold the role city-wide, once, even under concurrent requests', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    const resident = await createAndLogin(t.app, t.http);
    const lacks = await t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).send({ accountId: resident.account.id, role: 'facilitator' }).expect(409);
    expect(lacks.body).toMatchObject({ code: 'ACCOUNT_LACKS_ROLE' });
    const memberRole = await t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).send({ accountId: resident.account.id, role: 'member' }).expect(400);
    expect(memberRole.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(facilitator.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(403);
    const unknown = await t.http
      .post(`/api/assemblies/${assembly.id}/memberships`)
      .set(organiser.auth)
      .send({ accountId: '00000000-0000-4000-8000-000000000000', role: 'facilitator' })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });

    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' })),
    );
    expect(attempts.map((r) => r.status).sort((a, b) => a - b)).toEqual([201, ...Array<number>(9).fill(409)]);
    expect(attempts.filter((r) => r.status === 409).every((r) => (r.body as { code: string }).code === 'ALREADY_IN_ROLE')).toBe(true);
  });

  it('lets people leave, organisers remove, keeps one organiser, and hides reasons from the public', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    const staff = (await t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201)).body as { id: string };
    const memberships = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).expect(200)).body as Array<{ id: string; role: string }>;
    const own = memberships.find((m) => m.role === 'organiser')!;

    const last = await t.http.post(`/api/assemblies/${assembly.id}/memberships/${own.id}/end`).set(organiser.auth).send({ reason: 'done' }).expect(409);
    expect(last.body).toMatchObject({ code: 'LAST_ORGANISER' });
    const resident = await createAndLogin(t.app, t.http);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships/${staff.id}/end`).set(resident.auth).send({ reason: 'spite' }).expect(403);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships/${staff.id}/end`).set(facilitator.auth).send({ reason: '' }).expect(400);
    const left = await t.http.post(`/api/assemblies/${assembly.id}/memberships/${staff.id}/end`).set(facilitator.auth).send({ reason: 'new job' }).expect(200);
    expect(left.body).toMatchObject({ endKind: 'left', endReason: 'new job' });
    const twice = await t.http.post(`/api/assemblies/${assembly.id}/memberships/${staff.id}/end`).set(organiser.auth).send({ reason: 'again' }).expect(409);
    expect(twice.body).toMatchObject({ code: 'MEMBERSHIP_ENDED' });

    const publicView = (await t.http.get(`/api/assemblies/${assembly.id}/memberships?includeEnded=true`).expect(200)).body as Array<Record<string, unknown>>;
    const ended = publicView.find((m) => m['id'] === staff.id)!;
    expect(ended).toMatchObject({ endKind: 'left' });
    expect(ended).not.toHaveProperty('endReason');
    expect((await t.http.get(`/api/assemblies/${assembly.id}/memberships`).expect(200)).body).toHaveLength(1);
    await t.http.get(`/api/assemblies/${assembly.id}/memberships?includeEnded=maybe`).expect(400);
  });

  it('links drawn seats to accounts by one-time invitation codes, stored only as hashes', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const draw = (await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'maximin', lotterySize: 50 }).expect(202)).body as DrawBody;
    await waitForDraw(t.http, draw.id, ['computed']);
    // Two seeds at once: one panel is seated, the other request is refused.
    const seeds = await Promise.all(['one', 'two'].map((seed) => t.http.post(`/api/draws/${draw.id}/seed`).set(organiser.auth).send({ seed })));
    expect(seeds.map((r) => r.status).sort((a, b) => a - b)).toEqual([200, 409]);
    const seats = ((await t.http.get(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).expect(200)).body as Array<{ id: string; role: string; linked: boolean }>).filter(
      (m) => m.role === 'member',
    );
    expect(seats).toHaveLength(20);
    expect(seats.every((m) => !m.linked)).toBe(true);

    const resident = await createAndLogin(t.app, t.http);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships/${seats[0].id}/invitation`).set(resident.auth).expect(403);
    const old = (await t.http.post(`/api/assemblies/${assembly.id}/memberships/${seats[0].id}/invitation`).set(organiser.auth).expect(201)).body as { code: string };
    const fresh = (await t.http.post(`/api/assemblies/${assembly.id}/memberships/${seats[0].id}/invitation`).set(organiser.auth).expect(201)).body as { code: string };
    expect(fresh.code).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
    const stored = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ invitation_hash: string }>>(`SELECT invitation_hash FROM memberships WHERE id = $1`, [seats[0].id]);
    expect(stored[0].invitation_hash).not.toContain(fresh.code);
    const replaced = await t.http.post('/api/invitations/redeem').set(resident.auth).send({ code: old.code }).expect(404);
    expect(replaced.body).toMatchObject({ code: 'INVITATION_INVALID' });
    const redeemed = await t.http.post('/api/invitations/redeem').set(resident.auth).send({ code: fresh.code.replace(/-/g, ' ') }).expect(200);
    expect(redeemed.body).toMatchObject({ id: seats[0].id, role: 'member' });
    const organiserView = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).expect(200)).body as Array<{ id: string; linked: boolean; accountId?: string }>;
    expect(organiserView.find((m) => m.id === seats[0].id)).toMatchObject({ linked: true, accountId: resident.account.id });
    const publicView = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).expect(200)).body as Array<Record<string, unknown>>;
    expect(publicView.find((m) => m['id'] === seats[0].id)).not.toHaveProperty('accountId');
    const again = await t.http.post(`/api/assemblies/${assembly.id}/memberships/${seats[0].id}/invitation`).set(organiser.auth).expect(409);
    expect(again.body).toMatchObject({ code: 'INVITATION_ALREADY_REDEEMED' });

    // Alternates: organisers move drawn people between member and alternate, never staff.
    await t.http.patch(`/api/assemblies/${assembly.id}/memberships/${seats[1].id}`).set(organiser.auth).send({ role: 'alternate' }).expect(200);
    const staffId = organiserView.find((m) => m.accountId === organiser.account.id)!.id;
    const notDrawn = await t.http.patch(`/api/assemblies/${assembly.id}/memberships/${staffId}`).set(organiser.auth).send({ role: 'member' }).expect(409);
    expect(notDrawn.body).toMatchObject({ code: 'NOT_A_DRAWN_MEMBERSHIP' });
  });
});
