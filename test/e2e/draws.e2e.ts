import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogService } from '@app/shared';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { binary, createAssembly, fixtureFiles, uploadFixture, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { pdfText } from '../../libs/sortition/src/testing/pdf-text.js';
import { PNYX, run } from '../support/run-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('pools and draws', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let scratch: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    scratch = mkdtempSync(join(tmpdir(), 'pnyx-draws-'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('uploads a pool, draws, publishes the lottery digest, seats the panel the seed picks, and the bundle verifies', async () => {
    const assembly = await createAssembly(t.http, organiser, 22);
    const pool = await uploadFixture(t.http, organiser, assembly.id, 'sf_fixture_150');
    const files = fixtureFiles('sf_fixture_150');
    const poolBody = (await t.http.get(`/api/pools/${pool.id}`).expect(200)).body as { poolSha256: string; volunteerCount: number; layout: string };
    expect(poolBody).toMatchObject({ volunteerCount: 150, layout: 'sortition-foundation' });
    expect(poolBody.poolSha256).toBe(createHash('sha256').update(readFileSync(files.pool)).digest('hex'));

    const requested = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'leximin' }).expect(202);
    const drawId = (requested.body as DrawBody).id;
    expect(requested.headers['location']).toBe(`/api/draws/${drawId}`);
    // A second draw while this one is open is refused.
    const again = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'DRAW_IN_PROGRESS' });

    const computed = await waitForDraw(t.http, drawId, ['computed', 'failed']);
    expect(computed.status).toBe('computed');
    expect(computed.lotteryDigest).toMatch(/^[0-9a-f]{64}$/);
    const probabilities = Object.values(computed.result!.probabilities!);
    expect(probabilities).toHaveLength(150);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(22, 6);
    expect(computed.result!.minProbability).toBeGreaterThan(0);

    // The bundle before the seed: no seed, no panel, and no personal data.
    const unseeded = await t.http.get(`/api/draws/${drawId}/bundle`).expect(200);
    expect(unseeded.headers['content-disposition']).toContain('attachment');
    expect(unseeded.text).not.toMatch(/first_name|email0|primary_address/);
    expect(JSON.parse(unseeded.text)).not.toHaveProperty('seed');

    // No official record before the seed.
    const early = await t.http.get(`/api/draws/${drawId}/record.pdf`).set(organiser.auth).expect(409);
    expect(early.body).toMatchObject({ code: 'DRAW_NOT_SEEDED' });
    const seeded = await t.http
      .post(`/api/draws/${drawId}/seed`)
      .set(organiser.auth)
      .send({ seed: '4 2 6 1 3 5', seedGivenBy: 'Une habitante du 11e, dés lancés devant la caméra', present: ['Maître Élise Dupont, commissaire de justice', 'Farid Haddad, organisateur'] })
      .expect(200);
    const panel = (seeded.body as DrawBody).panel!;
    expect(panel).toHaveLength(22);
    await t.http.post(`/api/draws/${drawId}/seed`).set(organiser.auth).send({ seed: 'another' }).expect(409);

    // The official record: what the bailiff signs, in French by default, in English on request.
    const record = await t.http.get(`/api/draws/${drawId}/record.pdf`).set(organiser.auth).buffer(true).parse(binary).expect(200);
    expect(record.headers['content-type']).toBe('application/pdf');
    expect(record.headers['content-disposition']).toBe(`attachment; filename="proces-verbal-draw-${drawId}.pdf"`);
    const text = (await pdfText(record.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of ['Procès-verbal du tirage au sort', 'Maître Élise Dupont, commissaire de justice', 'Farid Haddad, organisateur', '« 4 2 6 1 3 5 »', 'Une habitante du 11e, dés lancés devant la caméra', computed.lotteryDigest!, ...panel]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`pnyx sortition verify --bundle draw-${drawId}.json`);
    const english = await t.http.get(`/api/draws/${drawId}/record.pdf?lang=en`).set(organiser.auth).buffer(true).parse(binary).expect(200);
    expect(await pdfText(english.body as Buffer)).toContain('Official record of the draw');
    await t.http.get(`/api/draws/${drawId}/record.pdf?lang=de`).set(organiser.auth).expect(400);
    await t.http.get(`/api/draws/${drawId}/record.pdf`).expect(401);

    const members = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).expect(200)).body as Array<{ role: string; personId?: string; accountId?: string }>;
    const seated = members.filter((m) => m.role === 'member');
    expect(new Set(seated.map((m) => m.personId))).toEqual(new Set(panel));
    // The public sees seats, not accounts.
    expect(seated.every((m) => m.accountId === undefined)).toBe(true);

    // Anyone re-runs the draw from the published bundle, bit for bit…
    const bundlePath = join(scratch, 'bundle.json');
    writeFileSync(bundlePath, (await t.http.get(`/api/draws/${drawId}/bundle`).expect(200)).text);
    const verified = await run(PNYX, ['sortition', 'verify', '--bundle', bundlePath, '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    // …and a changed seed does not verify.
    const tampered = JSON.parse(readFileSync(bundlePath, 'utf8')) as { seed: string };
    tampered.seed = '4 2 6 1 3 6';
    writeFileSync(join(scratch, 'tampered.json'), JSON.stringify(tampered));
    const refused = await run(PNYX, ['sortition', 'verify', '--bundle', join(scratch, 'tampered.json'), '--quick', '--json']);
    expect(refused.code).toBe(1);

    const actions = (await t.app.get(AuditLogService).list(0, 10_000)).filter((e) => e.subjectId === assembly.id).map((e) => e.action);
    expect(actions).toEqual(['assembly.created', 'pool.uploaded', 'draw.requested', 'draw.computed', 'draw.seeded']);

    // Drawn once: the next draw must be a replacement.
    const second = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({}).expect(409);
    expect(second.body).toMatchObject({ code: 'ASSEMBLY_ALREADY_DRAWN' });
  });

  it('pushes draw progress over socket.io to authenticated watchers, and refuses sockets without a valid token', async () => {
    await t.app.listen(0, '127.0.0.1');
    const address = (t.app.getHttpServer() as Server).address() as AddressInfo;
    const url = `http://127.0.0.1:${address.port}/sortition`;

    const refused = io(url, { auth: { token: 'not-a-token' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => refused.on('connect_error', resolve));
    expect(error.data?.code).toBe('TOKEN_INVALID');
    refused.close();

    const assembly = await createAssembly(t.http, organiser, 20);
    await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const watcher: Socket = io(url, { auth: { token: organiser.accessToken }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      watcher.on('connect', resolve);
      watcher.on('connect_error', reject);
    });
    const updates: Array<{ status: string; progress: { phase?: string } | null }> = [];
    watcher.on('draw.update', (update: { status: string; progress: { phase?: string } | null }) => updates.push(update));
    const bad = (await watcher.emitWithAck('draw.watch', { drawId: 'nope' })) as { ok: boolean; code?: string };
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });

    // Watch before the job can start: request it, then watch at once (progress events are throttled, status events are not).
    const requested = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'maximin' }).expect(202);
    const drawId = (requested.body as DrawBody).id;
    const ack = (await watcher.emitWithAck('draw.watch', { drawId })) as { ok: boolean };
    expect(ack).toMatchObject({ ok: true });
    await waitForDraw(t.http, drawId, ['computed']);
    const deadline = Date.now() + 5000;
    while (!updates.some((u) => u.status === 'computed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(updates.map((u) => u.status)).toContain('computed');
    watcher.close();
  });

  it('answers 422 QUOTAS_INFEASIBLE with the smallest relaxation, and stores nothing', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const files = fixtureFiles('example_small_20');
    // 12 women and 12 men at least, on 20 seats.
    const infeasible = readFileSync(files.quotas, 'utf8').replace('gender,female,9,20', 'gender,female,12,20').replace('gender,male,9,20', 'gender,male,12,20');
    const response = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(organiser.auth)
      .attach('quotas', Buffer.from(infeasible), 'categories.csv')
      .attach('pool', files.pool)
      .expect(422);
    expect(response.body).toMatchObject({ code: 'QUOTAS_INFEASIBLE' });
    const body = response.body as { message: string; details: { relaxation: Array<{ sentence: string }> } };
    expect(body.details.relaxation.length).toBeGreaterThan(0);
    expect(body.message).toContain(body.details.relaxation[0].sentence);
    expect((await t.http.get(`/api/assemblies/${assembly.id}/pools`).expect(200)).body).toEqual([]);
  });

  it('refuses bad uploads with the file, row and column, and nothing stored', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const files = fixtureFiles('example_small_20');
    const badQuota = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(organiser.auth)
      .attach('quotas', Buffer.from('category,feature,min,max\ngender,female,nine,20\n'), 'categories.csv')
      .attach('pool', files.pool)
      .expect(400);
    expect(badQuota.body).toMatchObject({ code: 'POOL_CSV_INVALID', details: { file: 'categories.csv', row: 2, column: 3 } });
    const missing = await t.http.post(`/api/assemblies/${assembly.id}/pools`).set(organiser.auth).attach('quotas', files.quotas).expect(400);
    expect(missing.body).toMatchObject({ code: 'POOL_FILE_MISSING', details: { field: 'pool' } });
    const notUtf8 = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(organiser.auth)
      .attach('quotas', files.quotas)
      .attach('pool', Buffer.from([0x67, 0x65, 0x6e, 0x64, 0x65, 0x72, 0x0a, 0xe9, 0xff, 0x0a]), 'respondents.csv')
      .expect(400);
    expect(notUtf8.body).toMatchObject({ code: 'POOL_CSV_INVALID' });
    const unknownColumn = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(organiser.auth)
      .field('householdColumns', 'address')
      .attach('quotas', files.quotas)
      .attach('pool', files.pool)
      .expect(400);
    expect(unknownColumn.body).toMatchObject({ code: 'POOL_CSV_INVALID' });
    const tooBig = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(organiser.auth)
      .attach('quotas', files.quotas)
      .attach('pool', Buffer.alloc(21 * 1024 * 1024, 'a'), 'huge.csv')
      .expect(413);
    expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await t.http.get(`/api/assemblies/${assembly.id}/pools`).expect(200)).body).toEqual([]);
  });

  it('lets only the assembly organisers upload, draw, seed, cancel and see personal data', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const pool = await uploadFixture(t.http, organiser, assembly.id, 'sf_fixture_150').catch(() => null);
    expect(pool).toBeNull(); // sf_fixture_150's quotas are for 22 seats: 422 for 20
    const sf = await createAssembly(t.http, organiser, 22);
    const sfPool = await uploadFixture(t.http, organiser, sf.id, 'sf_fixture_150');
    const files = fixtureFiles('sf_fixture_150');

    const otherOrganiser = await createAndLogin(t.app, t.http, ['organiser']);
    const admin = await createAndLogin(t.app, t.http, ['admin']);
    const facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    const resident = await createAndLogin(t.app, t.http);
    for (const caller of [otherOrganiser, admin, facilitator, resident]) {
      const upload = await t.http.post(`/api/assemblies/${sf.id}/pools`).set(caller.auth).attach('quotas', files.quotas).attach('pool', files.pool).expect(403);
      expect(upload.body).toMatchObject({ code: 'NOT_ASSEMBLY_ORGANISER' });
      await t.http.post(`/api/assemblies/${sf.id}/draws`).set(caller.auth).send({}).expect(403);
      await t.http.get(`/api/pools/${sfPool.id}/export`).set(caller.auth).expect(403);
      const volunteers = (await t.http.get(`/api/pools/${sfPool.id}/volunteers?limit=5`).set(caller.auth).expect(200)).body as Array<Record<string, unknown>>;
      expect(volunteers).toHaveLength(5);
      expect(volunteers[0]).not.toHaveProperty('personal');
    }
    const anonymous = (await t.http.get(`/api/pools/${sfPool.id}/volunteers?limit=2`).expect(200)).body as Array<Record<string, unknown>>;
    expect(anonymous[0]).toEqual({ personId: 'p0', rowNumber: 2, features: { Gender: 'Male', age_bracket: '30-44', geo_bucket: 'South Scotland', edu_level: 'Level 4 and above' }, household: 'h1' });
    await t.http.post(`/api/assemblies/${sf.id}/pools`).attach('quotas', files.quotas).attach('pool', files.pool).expect(401);

    const own = (await t.http.get(`/api/pools/${sfPool.id}/volunteers?limit=1`).set(organiser.auth).expect(200)).body as Array<{ personal: Record<string, string> }>;
    expect(own[0].personal).toMatchObject({ first_name: 'first_name0', email: 'email0', primary_zip: 'primary_zip0' });

    // An admin can hand the assembly to another organiser, who then has the powers.
    await t.http.post(`/api/assemblies/${sf.id}/memberships`).set(admin.auth).send({ accountId: otherOrganiser.account.id, role: 'organiser' }).expect(201);
    const requested = await t.http.post(`/api/assemblies/${sf.id}/draws`).set(otherOrganiser.auth).send({ algorithm: 'maximin' }).expect(202);
    const drawId = (requested.body as DrawBody).id;
    await waitForDraw(t.http, drawId, ['computed']);
    for (const caller of [admin, facilitator, resident]) {
      await t.http.post(`/api/draws/${drawId}/seed`).set(caller.auth).send({ seed: '1' }).expect(403);
      await t.http.post(`/api/draws/${drawId}/cancel`).set(caller.auth).send({ reason: 'no' }).expect(403);
    }
    const cancelled = await t.http.post(`/api/draws/${drawId}/cancel`).set(organiser.auth).send({ reason: 'pool to be corrected' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    const late = await t.http.post(`/api/draws/${drawId}/seed`).set(organiser.auth).send({ seed: '1' }).expect(409);
    expect(late.body).toMatchObject({ code: 'DRAW_NOT_COMPUTED' });
  });

  it('replaces members who left from the never-drawn volunteers, meeting the quotas and households again', async () => {
    const assembly = await createAssembly(t.http, organiser, 22);
    const pool = await uploadFixture(t.http, organiser, assembly.id, 'sf_fixture_150');
    const noDraw = await t.http.post(`/api/assemblies/${assembly.id}/replacement-draws`).set(organiser.auth).send({}).expect(409);
    expect(noDraw.body).toMatchObject({ code: 'ASSEMBLY_NOT_DRAWN' });
    const first = (await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'maximin' }).expect(202)).body as DrawBody;
    await waitForDraw(t.http, first.id, ['computed']);
    await t.http.post(`/api/draws/${first.id}/seed`).set(organiser.auth).send({ seed: 'first' }).expect(200);
    const full = await t.http.post(`/api/assemblies/${assembly.id}/replacement-draws`).set(organiser.auth).send({}).expect(409);
    expect(full.body).toMatchObject({ code: 'NO_VACANCIES' });

    // Two members drop out: one leaves on their own (linked by invitation), one is removed.
    const members = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).expect(200)).body as Array<{ id: string; personId: string; role: string }>;
    // The panel is the same on every run (same pool, lottery and seed); take people in id order so
    // the departures are too (some profiles in this tight fixture cannot be replaced: that is a 422).
    const drawn = members.filter((m) => m.role === 'member').sort((a, b) => a.personId.localeCompare(b.personId));
    const [leaver, removed] = drawn;
    const invitation = (await t.http.post(`/api/assemblies/${assembly.id}/memberships/${leaver.id}/invitation`).set(organiser.auth).expect(201)).body as { code: string };
    const person = await createAndLogin(t.app, t.http);
    await t.http.post('/api/invitations/redeem').set(person.auth).send({ code: invitation.code.toLowerCase() }).expect(200);
    await t.http.post('/api/invitations/redeem').set(person.auth).send({ code: invitation.code }).expect(404);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships/${leaver.id}/end`).set(person.auth).send({ reason: 'moving away' }).expect(200);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships/${removed.id}/end`).set(organiser.auth).send({ reason: 'missed three sessions' }).expect(200);

    const replacement = (await t.http.post(`/api/assemblies/${assembly.id}/replacement-draws`).set(organiser.auth).send({}).expect(202)).body as DrawBody;
    expect(replacement).toMatchObject({ kind: 'replacement', size: 2 });
    const computed = await waitForDraw(t.http, replacement.id, ['computed', 'failed']);
    expect(computed.status).toBe('computed');
    // Nobody already drawn (staying or gone) can be drawn again.
    for (const m of members) expect(computed.result!.probabilities![m.personId] ?? 0).toBe(0);
    // Computed for one set of continuing members, it cannot seat anyone once they change…
    const staying = drawn[2];
    await t.http.patch(`/api/assemblies/${assembly.id}/memberships/${staying.id}`).set(organiser.auth).send({ role: 'alternate' }).expect(200);
    const stale = await t.http.post(`/api/draws/${replacement.id}/seed`).set(organiser.auth).send({ seed: 'second' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'DRAW_STALE' });
    // …and can again once they are back as they were.
    await t.http.patch(`/api/assemblies/${assembly.id}/memberships/${staying.id}`).set(organiser.auth).send({ role: 'member' }).expect(200);
    const seeded = (await t.http.post(`/api/draws/${replacement.id}/seed`).set(organiser.auth).send({ seed: 'second' }).expect(200)).body as DrawBody;
    expect(seeded.panel).toHaveLength(2);

    // The assembly again meets every quota and the household rule.
    const seated = ((await t.http.get(`/api/assemblies/${assembly.id}/memberships`).expect(200)).body as Array<{ role: string; personId?: string }>).filter((m) => m.role === 'member');
    expect(seated).toHaveLength(22);
    const files = fixtureFiles('sf_fixture_150');
    const quotaRows = readFileSync(files.quotas, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const volunteers = (await t.http.get(`/api/pools/${pool.id}/volunteers?limit=1000`).expect(200)).body as Array<{ personId: string; features: Record<string, string>; household: string }>;
    const byId = new Map(volunteers.map((v) => [v.personId, v]));
    for (const [feature, value, min, max] of quotaRows) {
      const count = seated.filter((m) => byId.get(m.personId!)!.features[feature] === value).length;
      expect(count).toBeGreaterThanOrEqual(Number(min));
      expect(count).toBeLessThanOrEqual(Number(max));
    }
    const households = seated.map((m) => byId.get(m.personId!)!.household);
    expect(new Set(households).size).toBe(households.length);

    // The export lists the 24 ever selected with their standing, and the rest as remaining.
    const exported = await t.http.get(`/api/pools/${pool.id}/export?selection=selected`).set(organiser.auth).expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const lines = exported.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^person_id,status,role,membership_ended,end_reason,Gender,/);
    expect(lines).toHaveLength(1 + 24);
    expect(exported.text).toContain('missed three sessions');
    expect(exported.text).toContain('first_name');

  });

  it('starts one draw when ten are requested at once, and keeps pools frozen in the database', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const pool = await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const attempts = await Promise.all(Array.from({ length: 10 }, () => t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'legacy' })));
    expect(attempts.map((r) => r.status).sort((a, b) => a - b)).toEqual([202, ...Array<number>(9).fill(409)]);
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    await expect(dataSource.query(`UPDATE pool_volunteers SET features = '{}' WHERE pool_id = $1`, [pool.id])).rejects.toThrow(/frozen/);
    await expect(dataSource.query(`UPDATE pool_volunteers SET personal = '{"name":"x"}', household = 'h9' WHERE pool_id = $1`, [pool.id])).rejects.toThrow(/frozen/);
    await expect(dataSource.query(`UPDATE pools SET volunteer_count = 1 WHERE id = $1`, [pool.id])).rejects.toThrow(/frozen/);
    await expect(dataSource.query(`UPDATE pools SET volunteer_count = 1, personal_purged_at = now() WHERE id = $1`, [pool.id])).rejects.toThrow(/frozen/);
    // The one change allowed: erasing personal columns when their retention period ends (and noting when, once).
    await dataSource.query(`UPDATE pool_volunteers SET personal = '{}' WHERE pool_id = $1`, [pool.id]);
    await dataSource.query(`UPDATE pools SET personal_purged_at = now() WHERE id = $1`, [pool.id]);
    await expect(dataSource.query(`UPDATE pools SET personal_purged_at = now() WHERE id = $1`, [pool.id])).rejects.toThrow(/frozen/);
    await waitForDraw(t.http, (attempts.find((r) => r.status === 202)!.body as DrawBody).id, ['computed']);
  });

  it('exports personal data so that spreadsheets cannot run it as formulas', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const files = fixtureFiles('example_small_20');
    const rows = readFileSync(files.pool, 'utf8').trim().split(/\r?\n/);
    const pool = [`${rows[0]},name,phone`, ...rows.slice(1).map((row, i) => `${row},${i === 0 ? '"=HYPERLINK(""http://evil"")"' : `Person ${i}`},+33 6 12 34 56 ${String(i % 100).padStart(2, '0')}`)].join('\n');
    const uploaded = await t.http.post(`/api/assemblies/${assembly.id}/pools`).set(organiser.auth).attach('quotas', files.quotas).attach('pool', Buffer.from(pool), 'respondents.csv').expect(201);
    const exported = await t.http.get(`/api/pools/${(uploaded.body as { id: string }).id}/export`).set(organiser.auth).expect(200);
    expect(exported.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(exported.text).toContain(',+33 6 12 34 56 01');
    const entries = (await t.app.get(AuditLogService).list(0, 10_000)).filter((e) => e.action === 'pool.exported' && e.subjectId === assembly.id);
    expect(entries).toHaveLength(1);
  });

  it('validates ids and bodies', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    await t.http.get('/api/draws/not-a-uuid').expect(400);
    await t.http.get('/api/draws/00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'random', lotterySize: 0 }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const noPool = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({}).expect(409);
    expect(noPool.body).toMatchObject({ code: 'NO_POOL' });
  });
});
