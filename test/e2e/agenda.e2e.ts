import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgendaScheduler } from '@app/agenda';
import { AuditLogService, ManualClock } from '@app/shared';
import { bulkResidents, createAndLogin, loginAs, seatMember, type LoggedIn } from '../support/factories.js';
import { createAssembly } from '../support/assemblies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface ProposalBody {
  id: string;
  state: string;
  title: string;
  supportCount: number;
  supportThreshold?: number;
  version: number;
  hidden?: { reason: string };
}
type Auth = { Authorization: string };

describe('agenda proposals', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let member: LoggedIn;
  let otherMember: LoggedIn;
  let resident: LoggedIn;
  let assemblyId: string;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    [member, otherMember, resident] = await Promise.all([createAndLogin(t.app, t.http), createAndLogin(t.app, t.http), createAndLogin(t.app, t.http)]);
    assemblyId = (await createAssembly(t.http, organiser, 100)).id;
    await seatMember(t.app, assemblyId, member.account.id);
    await seatMember(t.app, assemblyId, otherMember.account.id);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    await t.http.put(`/api/assemblies/${assemblyId}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 3, petitionDays: 30 }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  async function draft(auth: Auth, kind: 'motion' | 'petition', title: string, body = ''): Promise<ProposalBody> {
    return (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(auth).send({ kind, title, body, category: 'mobilité' }).expect(201)).body as ProposalBody;
  }

  async function act(auth: Auth, id: string, action: string, body: Record<string, unknown> = {}, status = 200): Promise<{ code?: string } & ProposalBody> {
    return (await t.http.post(`/api/proposals/${id}/transitions/${action}`).set(auth).send(body).expect(status)).body as { code?: string } & ProposalBody;
  }

  it('lets members file motions and residents petitions; drafts stay their author’s', async () => {
    const refused = await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(resident.auth).send({ kind: 'motion', title: 'x' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'MOTIONS_MEMBERS_ONLY' });
    await t.http.post(`/api/assemblies/${assemblyId}/proposals`).send({ kind: 'petition', title: 'x' }).expect(401);
    const bad = await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(resident.auth).send({ kind: 'petition', title: 'x', links: ['javascript:alert(1)'] }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const motion = await draft(member.auth, 'motion', 'Une motion en brouillon');
    expect(motion.state).toBe('draft');
    await t.http.get(`/api/proposals/${motion.id}`).expect(404);
    await t.http.get(`/api/proposals/${motion.id}`).set(resident.auth).expect(404);
    await t.http.get(`/api/proposals/${motion.id}`).set(member.auth).expect(200);
    const page = (await t.http.get(`/api/assemblies/${assemblyId}/proposals?limit=100`).expect(200)).body as { items: ProposalBody[] };
    expect(page.items.map((p) => p.id)).not.toContain(motion.id);
    await t.http.patch(`/api/proposals/${motion.id}`).set(otherMember.auth).send({ title: 'Mine' }).expect(403);
    await t.http.patch(`/api/proposals/${motion.id}`).set(member.auth).send({ title: 'Une motion, relue', body: 'Texte **gras** <script>x</script>' }).expect(200);
    const mine = (await t.http.get(`/api/proposals/${motion.id}`).set(member.auth).expect(200)).body as { bodyHtml: string; yourRoles: string[] };
    expect(mine.bodyHtml).toBe('<p>Texte <strong>gras</strong> &lt;script&gt;x&lt;/script&gt;</p>');
    expect(mine.yourRoles).toEqual(['author']);
  });

  it('collects supports for a petition up to its threshold, once per resident, and refuses them afterwards', async () => {
    const petition = await draft(resident.auth, 'petition', 'Des fontaines à boire');
    const submitted = await act(resident.auth, petition.id, 'submit');
    expect(submitted).toMatchObject({ state: 'collecting', supportThreshold: 3 });
    const [a, b, c] = await bulkResidents(t.app, 3);
    await t.http.put(`/api/proposals/${petition.id}/support`).set(a.auth).expect(200);
    const twice = await t.http.put(`/api/proposals/${petition.id}/support`).set(a.auth).expect(409);
    expect(twice.body).toMatchObject({ code: 'ALREADY_SUPPORTED' });
    await t.http.put(`/api/proposals/${petition.id}/support`).set(b.auth).expect(200);
    await t.http.delete(`/api/proposals/${petition.id}/support`).set(b.auth).expect(200);
    await t.http.delete(`/api/proposals/${petition.id}/support`).set(b.auth).expect(404);
    await t.http.put(`/api/proposals/${petition.id}/support`).set(b.auth).expect(200);
    const reached = (await t.http.put(`/api/proposals/${petition.id}/support`).set(c.auth).expect(200)).body as ProposalBody;
    expect(reached).toMatchObject({ state: 'threshold-reached', supportCount: 3 });
    const late = await t.http.put(`/api/proposals/${petition.id}/support`).set(resident.auth).expect(409);
    expect(late.body).toMatchObject({ code: 'SUPPORTS_CLOSED' });
    const motion = await draft(member.auth, 'motion', 'Motion sans soutiens');
    await act(member.auth, motion.id, 'submit');
    await t.http.put(`/api/proposals/${motion.id}/support`).set(resident.auth).expect(409);
  });

  it('keeps the support count equal to the support rows under 500 concurrent supports and withdrawals', async () => {
    await t.http.put(`/api/assemblies/${assemblyId}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 100000, petitionDays: 30 }).expect(200);
    const petition = await draft(resident.auth, 'petition', 'Une grande pétition');
    await act(resident.auth, petition.id, 'submit');
    const early = await bulkResidents(t.app, 250);
    for (let i = 0; i < early.length; i += 50) await Promise.all(early.slice(i, i + 50).map((r) => t.http.put(`/api/proposals/${petition.id}/support`).set(r.auth).expect(200)));
    const late = await bulkResidents(t.app, 250);
    const answers = await Promise.all([
      ...early.map((r) => t.http.delete(`/api/proposals/${petition.id}/support`).set(r.auth)),
      ...late.map((r) => t.http.put(`/api/proposals/${petition.id}/support`).set(r.auth)),
    ]);
    expect(answers.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const rows = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ stored: number; counted: string }>>(
      `SELECT p.support_count AS stored, (SELECT count(*) FROM supports s WHERE s.proposal_id = p.id) AS counted FROM proposals p WHERE p.id = $1`,
      [petition.id],
    );
    expect(rows[0]).toEqual({ stored: 250, counted: '250' });
    await t.http.put(`/api/assemblies/${assemblyId}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 3, petitionDays: 30 }).expect(200);
  });

  it('expires a petition at its deadline; supports after it are refused', async () => {
    const petition = await draft(resident.auth, 'petition', 'Pétition sans écho');
    await act(resident.auth, petition.id, 'submit');
    clock.advance(31 * 86_400_000);
    try {
      const later = await loginAs(t.http, otherMember.account); // access tokens do not last a month
      const refused = await t.http.put(`/api/proposals/${petition.id}/support`).set(later.auth).expect(409);
      expect(refused.body).toMatchObject({ code: 'SUPPORTS_CLOSED' });
      expect(await t.app.get(AgendaScheduler).tick()).toBeGreaterThanOrEqual(1);
      expect(((await t.http.get(`/api/proposals/${petition.id}`).expect(200)).body as ProposalBody).state).toBe('expired');
    } finally {
      clock.set(new Date(Date.now()));
    }
  });

  it('takes a motion through amendments, review, scheduling, deliberation and decision — refusing what the rules refuse', async () => {
    const motion = await draft(member.auth, 'motion', 'Zones apaisées', 'Article 1\nRéduire la vitesse à 30 km/h\nArticle 2\nÉvaluer en un an');
    await act(member.auth, motion.id, 'submit');
    const amendment = (await t.http
      .post(`/api/proposals/${motion.id}/amendments`)
      .set(otherMember.auth)
      .send({ body: 'Article 1\nRéduire la vitesse à 20 km/h\nArticle 2\nÉvaluer en un an', rationale: 'Plus sûr' })
      .expect(201)).body as { id: string };
    const stale = (await t.http.post(`/api/proposals/${motion.id}/amendments`).set(otherMember.auth).send({ body: 'Tout autre chose' }).expect(201)).body as { id: string };
    await t.http.post(`/api/proposals/${motion.id}/amendments`).set(resident.auth).send({ body: 'x' }).expect(403);
    await t.http.post(`/api/amendments/${amendment.id}/decision`).set(otherMember.auth).send({ decision: 'accept' }).expect(403);
    await t.http.post(`/api/amendments/${amendment.id}/decision`).set(member.auth).send({ decision: 'accept' }).expect(200);
    const outdated = await t.http.post(`/api/amendments/${stale.id}/decision`).set(member.auth).send({ decision: 'accept' }).expect(409);
    expect(outdated.body).toMatchObject({ code: 'AMENDMENT_OUTDATED' });
    const diff = (await t.http.get(`/api/proposals/${motion.id}/diff?from=1&to=2`).expect(200)).body as { body: Array<{ op: string; text: string }> };
    expect(diff.body.filter((l) => l.op !== 'same')).toEqual([
      { op: 'removed', text: 'Réduire la vitesse à 30 km/h' },
      { op: 'added', text: 'Réduire la vitesse à 20 km/h' },
    ]);

    await act(member.auth, motion.id, 'start-review', {}, 403);
    await act(organiser.auth, motion.id, 'start-review');
    await act(organiser.auth, motion.id, 'admit', { reason: 'Compétence de la Ville' });
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Séance plénière', scheduledAt: '2027-03-01T18:00:00+01:00' }).expect(201)).body as { id: string };
    await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(member.auth).send({ title: 'x', scheduledAt: '2027-03-01T18:00:00Z' }).expect(403);
    await act(facilitator.auth, motion.id, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 30 });
    const withdraw = await act(member.auth, motion.id, 'withdraw', {}, 409);
    expect(withdraw.code).toBe('CANNOT_WITHDRAW_SCHEDULED');
    const closed = await t.http.post(`/api/proposals/${motion.id}/amendments`).set(otherMember.auth).send({ body: 'trop tard' }).expect(409);
    expect(closed.body).toMatchObject({ code: 'AMENDMENTS_CLOSED' });

    // Another item cannot take the same slot, and an inadmissible one cannot be scheduled.
    const second = await draft(otherMember.auth, 'motion', 'Seconde motion');
    await act(otherMember.auth, second.id, 'submit');
    await act(organiser.auth, second.id, 'start-review');
    await act(organiser.auth, second.id, 'admit');
    expect((await act(facilitator.auth, second.id, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 10 }, 409)).code).toBe('AGENDA_SLOT_TAKEN');
    const third = await draft(otherMember.auth, 'motion', 'Troisième motion');
    await act(otherMember.auth, third.id, 'submit');
    await act(organiser.auth, third.id, 'start-review');
    expect((await act(organiser.auth, third.id, 'reject', {}, 400)).code).toBe('REASON_REQUIRED');
    await act(organiser.auth, third.id, 'reject', { reason: 'Hors du champ de compétence' });
    expect((await act(facilitator.auth, third.id, 'schedule', { sessionId: session.id, position: 2, allottedMinutes: 10 }, 409)).code).toBe('TRANSITION_NOT_ALLOWED');

    const agenda = (await t.http.get(`/api/sessions/${session.id}/agenda`).expect(200)).body as { items: Array<{ position: number; allottedMinutes: number; proposal: { id: string } }> };
    expect(agenda.items).toEqual([{ position: 1, allottedMinutes: 30, proposal: expect.objectContaining({ id: motion.id }) as unknown }]);

    await act(facilitator.auth, motion.id, 'mark-deliberated');
    expect((await act(facilitator.auth, motion.id, 'decide', { pollId: '00000000-0000-4000-8000-000000000000' }, 400)).code).toBe('POLL_NOT_FOUND');
    await act(facilitator.auth, motion.id, 'decide');
    await act(organiser.auth, motion.id, 'archive');
    const archived = await t.http.post(`/api/proposals/${motion.id}/amendments`).set(otherMember.auth).send({ body: 'après coup' }).expect(409);
    expect(archived.body).toMatchObject({ code: 'AMENDMENTS_CLOSED' });

    const actions = (await t.app.get(AuditLogService).list(0, 100_000)).filter((e) => e.subjectId === motion.id).map((e) => e.action);
    expect(actions).toEqual([
      'proposal.created',
      'proposal.submit',
      'amendment.proposed',
      'amendment.proposed',
      'amendment.accepted',
      'proposal.start-review',
      'proposal.admit',
      'proposal.schedule',
      'proposal.mark-deliberated',
      'proposal.decide',
      'proposal.archive',
    ]);
  });

  it('searches in French and English and pages stably while proposals arrive', async () => {
    const other = (await createAssembly(t.http, organiser, 10)).id;
    const author = await createAndLogin(t.app, t.http);
    const make = async (title: string, body: string): Promise<string> => {
      const created = (await t.http.post(`/api/assemblies/${other}/proposals`).set(author.auth).send({ kind: 'petition', title, body }).expect(201)).body as ProposalBody;
      await act(author.auth, created.id, 'submit');
      return created.id;
    };
    const velo = await make('Des pistes cyclables rue de Rivoli', 'Pour les vélos et les trottinettes');
    const bikes = await make('Bicycle parking near schools', 'Secure bicycles racks');
    await make('Plus de bancs', 'Pour se reposer');
    const search = async (q: string): Promise<string[]> => ((await t.http.get(`/api/assemblies/${other}/proposals`).query({ q }).expect(200)).body as { items: ProposalBody[] }).items.map((p) => p.id);
    expect(await search('vélo')).toEqual([velo]);
    expect(await search('cyclable')).toEqual([velo]);
    expect(await search('bicycle')).toEqual([bikes]);
    expect(await search('parkings')).toEqual([bikes]);
    expect(await search('"rue de rivoli" -bancs')).toEqual([velo]);

    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await make(`Page ${i}`, ''));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await t.http.get(`/api/assemblies/${other}/proposals`).query({ limit: 3, ...(cursor === undefined ? {} : { cursor }) }).expect(200)).body as { items: ProposalBody[]; nextCursor?: string };
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      if (seen.length === 3) await make('Arrivée pendant la lecture', ''); // sorts before the cursor: not seen, nothing repeated
    } while (cursor !== undefined);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(10);
    await t.http.get(`/api/assemblies/${other}/proposals?cursor=abc`).expect(400);
    const filtered = (await t.http.get(`/api/assemblies/${other}/proposals?state=draft`).expect(200)).body as { items: unknown[] };
    expect(filtered.items).toEqual([]);
  });

  it('hides reported proposals with a public reason, keeping them for organisers and the audit trail; exports open data', async () => {
    const petition = await draft(resident.auth, 'petition', 'Texte injurieux');
    await act(resident.auth, petition.id, 'submit');
    await t.http.post(`/api/proposals/${petition.id}/reports`).set(member.auth).send({ reason: 'Injurieux' }).expect(204);
    const again = await t.http.post(`/api/proposals/${petition.id}/reports`).set(member.auth).send({ reason: 'Injurieux' }).expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_REPORTED' });
    await t.http.get(`/api/proposals/${petition.id}/reports`).set(member.auth).expect(403);
    expect((await t.http.get(`/api/proposals/${petition.id}/reports`).set(organiser.auth).expect(200)).body).toHaveLength(1);
    await t.http.put(`/api/proposals/${petition.id}/hidden`).set(facilitator.auth).send({ reason: 'x' }).expect(403);
    await t.http.put(`/api/proposals/${petition.id}/hidden`).set(organiser.auth).send({ reason: 'Propos injurieux (charte, art. 3)' }).expect(200);
    const publicView = (await t.http.get(`/api/proposals/${petition.id}`).expect(200)).body as ProposalBody & { body?: string };
    expect(publicView).toMatchObject({ title: '', hidden: { reason: 'Propos injurieux (charte, art. 3)' } });
    expect(publicView.body).toBeUndefined();
    const list = async (auth?: Auth): Promise<string[]> => {
      const request = t.http.get(`/api/assemblies/${assemblyId}/proposals?limit=100`);
      return ((await (auth === undefined ? request : request.set(auth)).expect(200)).body as { items: ProposalBody[] }).items.map((p) => p.id);
    };
    expect(await list()).not.toContain(petition.id);
    expect(await list(organiser.auth)).toContain(petition.id);
    const hiddenEntries = (await t.app.get(AuditLogService).list(0, 100_000)).filter((e) => e.subjectId === petition.id && e.action === 'proposal.hidden');
    expect(hiddenEntries).toHaveLength(1);

    const json = (await t.http.get(`/api/assemblies/${assemblyId}/proposals/export`).expect(200)).body as Array<{ id: string; supportCount: number }>;
    expect(json.map((p) => p.id)).not.toContain(petition.id);
    expect(json.length).toBeGreaterThan(0);
    const csv = await t.http.get(`/api/assemblies/${assemblyId}/proposals/export?format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('id,kind,state,title,category,supportCount,supportThreshold,decisionPollId,stateReason,submittedAt,createdAt');
  });
  it('lists each proposal as its own page shows it, less the body (read by hand, not by TypeORM)', async () => {
    const page = (await t.http.get(`/api/assemblies/${assemblyId}/proposals?limit=100`).set(organiser.auth).expect(200)).body as { items: Array<Record<string, unknown>> };
    expect(page.items.length).toBeGreaterThan(3);
    for (const item of page.items) {
      const one = (await t.http.get(`/api/proposals/${String(item['id'])}`).set(organiser.auth).expect(200)).body as Record<string, unknown>;
      const { body: _body, bodyHtml: _bodyHtml, yourRoles: _roles, supported: _supported, ...rest } = one;
      expect(item).toEqual(rest);
    }
  });
});
