import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@app/shared';
import { ReferendumScheduler } from '@app/referendum';
import { createAssembly, uploadFixture, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { electors, rollCsv, uploadRoll, type ReferendumBody } from '../support/referendums.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;
interface QuotaRow {
  category: string;
  value: string;
  min: number;
  max: number;
  volunteers: number;
  selected?: number;
  met?: boolean;
}

/** What the organisers' console reads besides the engine's own routes. */
describe('organisers’ console API', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2027-05-01T06:00:00Z'));
  let organiser: LoggedIn;
  let resident: LoggedIn;
  let officerA: LoggedIn;
  let officerB: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    [resident, officerA, officerB] = await Promise.all([createAndLogin(t.app, t.http), createAndLogin(t.app, t.http), createAndLogin(t.app, t.http)]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the quota table before the draw, checks the seated panel against it, and charts LEGACY beside the fair draw on request', async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    const pool = await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const table = (await t.http.get(`/api/pools/${pool.id}/quotas`).expect(200)).body as QuotaRow[];
    expect(table.map((row) => `${row.category}:${row.value}`)).toEqual(['gender:female', 'gender:male', 'leaning:liberal', 'leaning:conservative']);
    expect(table[0].volunteers + table[1].volunteers).toBe(200);
    expect(table[0]).toMatchObject({ min: 9, max: 20 });
    await t.http.get('/api/pools/00000000-0000-4000-8000-000000000000/quotas').expect(404);

    const drawId = ((await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'maximin', lotterySize: 50 }).expect(202)).body as DrawBody).id;
    // Not computed yet, or computing: no comparison.
    const early = await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(organiser.auth).send({});
    if (early.status !== 202) expect((early.body as Body).code).toBe('DRAW_NOT_COMPUTED');
    await waitForDraw(t.http, drawId, ['computed']);

    await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(resident.auth).send({}).expect(403);
    await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(organiser.auth).send({ runs: 10 }).expect(400);
    const started = (await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(organiser.auth).send({ runs: 500 }).expect(202)).body as { legacyComparison: Body };
    expect(started.legacyComparison).toMatchObject({ runs: 500 });
    let comparison: Body = started.legacyComparison;
    for (let i = 0; i < 300 && comparison.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      comparison = ((await t.http.get(`/api/draws/${drawId}`).expect(200)).body as { legacyComparison: Body }).legacyComparison;
    }
    expect(comparison).toMatchObject({ status: 'computed', runs: 500, minProbability: expect.any(Number), gini: expect.any(Number) });
    const legacy = comparison.probabilities as Record<string, number>;
    expect(Object.keys(legacy)).toHaveLength(200);
    expect(Object.values(legacy).reduce((sum, p) => sum + p, 0)).toBeCloseTo(20, 6);
    // Asking again for the same runs returns it; the public list leaves the probabilities out.
    expect(((await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(organiser.auth).send({ runs: 500 }).expect(202)).body as { legacyComparison: Body }).legacyComparison.computedAt).toBe(comparison.computedAt);
    const listed = (await t.http.get(`/api/assemblies/${assembly.id}/draws`).expect(200)).body as Array<{ legacyComparison?: Body }>;
    expect(listed[0].legacyComparison).toBeUndefined();

    const seeded = (await t.http.post(`/api/draws/${drawId}/seed`).set(organiser.auth).send({ seed: '6 5 4 3 2 1' }).expect(200)).body as { panel: string[]; quotaCheck: QuotaRow[] };
    expect(seeded.quotaCheck).toHaveLength(4);
    expect(seeded.quotaCheck.every((row) => row.met === true && row.selected! >= row.min && row.selected! <= row.max)).toBe(true);
    expect(seeded.quotaCheck[0].selected! + seeded.quotaCheck[1].selected!).toBe(20);
    // A comparison after the seed is still allowed: it changes nothing in the draw.
    await t.http.post(`/api/draws/${drawId}/legacy-comparison`).set(organiser.auth).send({ runs: 200 }).expect(202);
  });

  it('lists the audit log newest first, filtered by action family, actor and dates, and verifies the chain', async () => {
    await t.http.get('/api/audit').set(resident.auth).expect(403);
    await t.http.get('/api/audit/verify').set(resident.auth).expect(403);
    const page = (await t.http.get('/api/audit?limit=3').set(organiser.auth).expect(200)).body as { entries: Array<{ seq: number; action: string; actor: string; actorName?: string }>; nextBefore: number | null };
    expect(page.entries).toHaveLength(3);
    expect(page.entries[0].seq).toBeGreaterThan(page.entries[1].seq);
    const next = (await t.http.get(`/api/audit?limit=3&before=${page.nextBefore}`).set(organiser.auth).expect(200)).body as { entries: Array<{ seq: number }> };
    expect(next.entries[0].seq).toBeLessThan(page.entries[2].seq);

    const draws = (await t.http.get('/api/audit?action=draw').set(organiser.auth).expect(200)).body as { entries: Array<{ action: string; actorName?: string }> };
    expect(draws.entries.length).toBeGreaterThan(0);
    expect(draws.entries.every((entry) => entry.action.startsWith('draw.'))).toBe(true);
    const byEmail = (await t.http.get(`/api/audit?actor=${encodeURIComponent(organiser.account.email!)}&action=draw.seeded`).set(organiser.auth).expect(200)).body as { entries: Array<{ actor: string; actorName?: string }> };
    expect(byEmail.entries).toHaveLength(1);
    expect(byEmail.entries[0]).toMatchObject({ actor: `account:${organiser.account.id}`, actorName: organiser.account.displayName });
    const future = (await t.http.get('/api/audit?from=2100-01-01T00:00:00Z').set(organiser.auth).expect(200)).body as { entries: unknown[]; nextBefore: number | null };
    expect(future).toEqual({ entries: [], nextBefore: null });
    await t.http.get('/api/audit?action=DROP%20TABLE').set(organiser.auth).expect(400);
    await t.http.get('/api/audit?from=yesterday').set(organiser.auth).expect(400);

    const verified = (await t.http.get('/api/audit/verify').set(organiser.auth).expect(200)).body as { ok: boolean; count: number; headHash: string };
    expect(verified).toMatchObject({ ok: true, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verified.count).toBeGreaterThanOrEqual(page.entries[0].seq);
  });

  it('keeps a moderation queue: reports wait until an organiser keeps the proposal or hides it', async () => {
    const assembly = await createAssembly(t.http, organiser, 10);
    await t.http.put(`/api/assemblies/${assembly.id}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 5, petitionDays: 30 }).expect(200);
    const petition = async (title: string): Promise<string> => {
      const id = ((await t.http.post(`/api/assemblies/${assembly.id}/proposals`).set(resident.auth).send({ kind: 'petition', title, body: 'Texte' }).expect(201)).body as { id: string }).id;
      await t.http.post(`/api/proposals/${id}/transitions/submit`).set(resident.auth).send({}).expect(200);
      return id;
    };
    const [kept, hidden] = [await petition('Des bancs rue de Rivoli'), await petition('Un texte injurieux')];
    for (const id of [kept, hidden]) {
      await t.http.post(`/api/proposals/${id}/reports`).set(officerA.auth).send({ reason: 'Hors sujet' }).expect(204);
      await t.http.post(`/api/proposals/${id}/reports`).set(officerB.auth).send({ reason: 'Injurieux' }).expect(204);
    }
    await t.http.get(`/api/assemblies/${assembly.id}/reports`).set(resident.auth).expect(403);
    const queue = (await t.http.get(`/api/assemblies/${assembly.id}/reports`).set(organiser.auth).expect(200)).body as Array<{ proposal: { id: string }; reports: Array<{ reason: string; reviewedAt: string | null }>; openReports: number }>;
    expect(new Set(queue.map((entry) => entry.proposal.id))).toEqual(new Set([kept, hidden]));
    expect(queue[0]).toMatchObject({ openReports: 2, reports: [{ reason: 'Hors sujet', reviewedAt: null }, { reason: 'Injurieux', reviewedAt: null }] });

    await t.http.post(`/api/proposals/${kept}/reports/dismiss`).set(resident.auth).send({ reason: 'Rien à redire' }).expect(403);
    expect((await t.http.post(`/api/proposals/${kept}/reports/dismiss`).set(organiser.auth).send({ reason: 'Rien à redire' }).expect(200)).body).toEqual({ dismissed: 2 });
    expect(((await t.http.post(`/api/proposals/${kept}/reports/dismiss`).set(organiser.auth).send({ reason: 'Encore' }).expect(409)).body as Body).code).toBe('NO_OPEN_REPORTS');
    await t.http.put(`/api/proposals/${hidden}/hidden`).set(organiser.auth).send({ reason: 'Propos injurieux' }).expect(200);
    expect((await t.http.get(`/api/assemblies/${assembly.id}/reports`).set(organiser.auth).expect(200)).body).toEqual([]);
    const all = (await t.http.get(`/api/assemblies/${assembly.id}/reports?status=all`).set(organiser.auth).expect(200)).body as Array<{ openReports: number; reports: Array<{ reviewedAt: string | null }> }>;
    expect(all).toHaveLength(2);
    expect(all.every((entry) => entry.openReports === 0 && entry.reports.every((report) => report.reviewedAt !== null))).toBe(true);
    // A new report reopens the kept one.
    const third = await createAndLogin(t.app, t.http);
    await t.http.post(`/api/proposals/${kept}/reports`).set(third.auth).send({ reason: 'Doublon' }).expect(204);
    expect(((await t.http.get(`/api/assemblies/${assembly.id}/reports`).set(organiser.auth).expect(200)).body as Array<{ openReports: number }>)[0].openReports).toBe(1);
    const audit = (await t.http.get('/api/audit?action=proposal.reports-dismissed').set(organiser.auth).expect(200)).body as { entries: Array<{ subjectId: string; data: Body }> };
    expect(audit.entries[0]).toMatchObject({ subjectId: kept, data: { reports: 2, reason: 'Rien à redire' } });
  });

  it('lets organisers find accounts by exact email to name officers; follows stations, officers and the double entry without showing the other officer’s figures', async () => {
    await t.http.get(`/api/accounts/lookup?email=${encodeURIComponent(officerA.account.email!)}`).set(resident.auth).expect(403);
    expect((await t.http.get(`/api/accounts/lookup?email=${encodeURIComponent(officerA.account.email!.toUpperCase())}`).set(organiser.auth).expect(200)).body).toEqual({
      id: officerA.account.id,
      displayName: officerA.account.displayName,
    });
    expect(((await t.http.get('/api/accounts/lookup?email=nobody%40example.org').set(organiser.auth).expect(404)).body as Body).code).toBe('ACCOUNT_NOT_FOUND');

    const questions = [{ kind: 'yes-no', text: 'Faut-il piétonniser la rue ?' }];
    const referendum = (await t.http.post('/api/referendums').set(organiser.auth).send({ title: 'Votation', opensAt: '2027-05-01T09:00', closesAt: '2027-05-01T19:00', questions }).expect(201)).body as ReferendumBody;
    const roll = electors(8, ['1er', '1er', '2e', '2e']); // stations 1er-A, 1er-B, 2e-A, 2e-B
    expect((await uploadRoll(t.http, organiser, referendum.id, rollCsv(roll))).status).toBe(200);
    await t.http
      .put(`/api/referendums/${referendum.id}/officers`)
      .set(organiser.auth)
      .send({ officers: [{ accountId: officerA.account.id, pollingStation: '1er-A' }, { accountId: officerB.account.id, pollingStation: '1er-A' }] })
      .expect(200);

    expect((await t.http.get('/api/referendums/officer-assignments').set(officerA.auth).expect(200)).body).toEqual([
      expect.objectContaining({ referendumId: referendum.id, title: 'Votation', status: 'draft', pollingStation: '1er-A' }),
    ]);
    expect((await t.http.get('/api/referendums/officer-assignments').set(resident.auth).expect(200)).body).toEqual([]);

    const all = (await t.http.get(`/api/referendums/${referendum.id}/stations`).set(organiser.auth).expect(200)).body as Array<{ pollingStation: string; district: string; electors: number; officers: Array<{ email?: string }>; count: { status: string } }>;
    expect(all.map((s) => [s.pollingStation, s.district, s.electors])).toEqual([
      ['1er-A', '1er', 2],
      ['1er-B', '1er', 2],
      ['2e-A', '2e', 2],
      ['2e-B', '2e', 2],
    ]);
    expect(new Set(all[0].officers.map((o) => o.email))).toEqual(new Set([officerA.account.email, officerB.account.email]));
    expect(all[0].count.status).toBe('none');
    const mine = (await t.http.get(`/api/referendums/${referendum.id}/stations`).set(officerA.auth).expect(200)).body as Array<{ pollingStation: string; officers: Array<{ email?: string; displayName: string }> }>;
    expect(mine.map((s) => s.pollingStation)).toEqual(['1er-A']);
    expect(mine[0].officers.every((o) => o.email === undefined && o.displayName !== '')).toBe(true);
    expect(((await t.http.get(`/api/referendums/${referendum.id}/stations`).set(resident.auth).expect(403)).body as Body).code).toBe('NOT_AN_OFFICER');

    // The elector at the table: their own station's only.
    const here = roll.find((e) => e.pollingStation === '1er-A')!;
    const elsewhere = roll.find((e) => e.pollingStation === '2e-A')!;
    expect((await t.http.get(`/api/referendums/${referendum.id}/electors/${here.externalId}`).set(officerA.auth).expect(200)).body).toEqual({
      externalId: here.externalId,
      familyName: here.familyName,
      givenNames: here.givenNames,
      birthDate: here.birthDate,
      district: '1er',
      pollingStation: '1er-A',
      voted: false,
    });
    expect(((await t.http.get(`/api/referendums/${referendum.id}/electors/${elsewhere.externalId}`).set(officerA.auth).expect(403)).body as Body).code).toBe('WRONG_STATION');
    expect(((await t.http.get(`/api/referendums/${referendum.id}/electors/NOPE`).set(officerA.auth).expect(404)).body as Body).code).toBe('ELECTOR_NOT_FOUND');
    await t.http.get(`/api/referendums/${referendum.id}/electors/${here.externalId}`).set(resident.auth).expect(403);

    await t.http.post(`/api/referendums/${referendum.id}/open`).set(organiser.auth).expect(200);
    clock.set(new Date('2027-05-01T08:00:00Z'));
    await t.http.post(`/api/referendums/${referendum.id}/paper-votes`).set(officerA.auth).send({ externalId: here.externalId }).expect(201);
    expect((await t.http.get(`/api/referendums/${referendum.id}/electors/${here.externalId}`).set(officerB.auth).expect(200)).body).toMatchObject({ voted: true, channel: 'paper' });
    clock.set(new Date('2027-05-01T18:00:00Z'));
    await t.app.get(ReferendumScheduler).tick();

    const q = referendum.questions[0].id;
    const stationOf = async (who: LoggedIn) => ((await t.http.get(`/api/referendums/${referendum.id}/stations`).set(who.auth).expect(200)).body as Array<{ paperVotes: number; count: { status: string; differences?: string[]; entries: Array<{ mine: boolean; officerName: string | null }> } }>)[0];
    await t.http.put(`/api/referendums/${referendum.id}/stations/1er-A/count`).set(officerA.auth).send({ counts: { [q]: { options: [1, 0], blank: 0 } } }).expect(200);
    const waiting = await stationOf(officerB);
    expect(waiting).toMatchObject({ paperVotes: 1, count: { status: 'waiting-for-second-entry', entries: [{ mine: false, officerName: officerA.account.displayName }] } });
    expect(JSON.stringify(waiting)).not.toContain('"options"');
    await t.http.put(`/api/referendums/${referendum.id}/stations/1er-A/count`).set(officerB.auth).send({ counts: { [q]: { options: [0, 1], blank: 0 } } }).expect(200);
    expect((await stationOf(officerA)).count).toMatchObject({ status: 'mismatch', differences: [q] });
    await t.http.put(`/api/referendums/${referendum.id}/stations/1er-A/count`).set(officerB.auth).send({ counts: { [q]: { options: [1, 0], blank: 0 } } }).expect(200);
    expect((await stationOf(organiser)).count.status).toBe('accepted');
  });
});
