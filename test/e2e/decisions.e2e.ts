import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '@app/shared';
import { createAssembly } from '../support/assemblies.js';
import { createAndLogin, loginAs, seatMember, type LoggedIn } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Auth = { Authorization: string };
interface Milestone {
  id: string;
  title: string;
  status: string;
  doneOn: string | null;
  committedCents: string | null;
  note: string;
  overdue: boolean;
}
interface Decision {
  id: string;
  stage: string;
  adoptedOn: string;
  poll: { id: string; title: string };
  answerOverdue: boolean;
  councilAnswer: string | null;
  councilText: string | null;
  milestones: Milestone[];
  committedCents: string;
}

describe('decisions followed to the end: adopted, transmitted, answered, built — public, open data and a feed', () => {
  const clock = new ManualClock(new Date('2026-11-10T10:00:00Z'));
  let t: TestApp;
  let organiser: LoggedIn;
  let facilitator: LoggedIn;
  let member: LoggedIn;
  let assemblyId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', PUBLIC_URL: 'https://participer.paris.example' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    member = await createAndLogin(t.app, t.http);
    assemblyId = (await createAssembly(t.http, organiser, 100, 'Assemblée citoyenne de Paris')).id;
    await seatMember(t.app, assemblyId, member.account.id);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const act = (auth: Auth, id: string, action: string, body: Record<string, unknown> = {}) => t.http.post(`/api/proposals/${id}/transitions/${action}`).set(auth).send(body).expect(200);

  /** A motion through review, a session and the assembly's vote on it: decided. */
  async function decidedMotion(title: string): Promise<{ proposalId: string; pollId: string }> {
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(member.auth).send({ kind: 'motion', title, body: `Texte de « ${title} ».` }).expect(201)).body as { id: string };
    await act(member.auth, motion.id, 'submit');
    await act(organiser.auth, motion.id, 'start-review');
    await act(organiser.auth, motion.id, 'admit', { reason: 'Recevable' });
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt: '2026-11-09T13:00:00Z' }).expect(201)).body as { id: string };
    await act(facilitator.auth, motion.id, 'schedule', { sessionId: session.id, position: 1, allottedMinutes: 30 });
    await act(facilitator.auth, motion.id, 'mark-deliberated');
    const poll = (await t.http.post('/api/polls').set(facilitator.auth).send({ title: `Adopter : ${title}`, audience: 'assembly', assemblyId, options: [{ label: 'La motion' }, { label: 'Statu quo' }] }).expect(201)).body as { id: string; options: Array<{ id: string }> };
    await t.http.post(`/api/polls/${poll.id}/open`).set(facilitator.auth).expect(200);
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(member.auth).send({ grades: { [poll.options[0].id]: 5, [poll.options[1].id]: 1 } }).expect(201);
    await t.http.post(`/api/polls/${poll.id}/close`).set(facilitator.auth).expect(200);
    await act(facilitator.auth, motion.id, 'decide', { pollId: poll.id });
    return { proposalId: motion.id, pollId: poll.id };
  }

  it('follows a decision from the assembly’s vote to "delivered", each change public, audited and in the feed', async () => {
    const { proposalId, pollId } = await decidedMotion('Végétaliser les cours d’école');

    // Recorded by the assembly's organisers only, once, from a decided proposal.
    const notYet = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(member.auth).send({ kind: 'motion', title: 'Pas encore', body: 'x' }).expect(201)).body as { id: string };
    expect((await t.http.post(`/api/proposals/${notYet.id}/decision`).set(organiser.auth).send({}).expect(409)).body.code).toBe('PROPOSAL_NOT_DECIDED');
    expect((await t.http.post('/api/proposals/00000000-0000-4000-8000-000000000000/decision').set(organiser.auth).send({}).expect(404)).body.code).toBe('DECISION_NOT_FOUND');
    await t.http.post(`/api/proposals/${proposalId}/decision`).set(facilitator.auth).send({}).expect(403);
    await t.http.post(`/api/proposals/${proposalId}/decision`).set(member.auth).send({}).expect(403);
    await t.http.post(`/api/proposals/${proposalId}/decision`).send({}).expect(401);
    const twice = await Promise.all([0, 1].map(() => t.http.post(`/api/proposals/${proposalId}/decision`).set(organiser.auth).send({})));
    expect(twice.map((r) => r.status).sort((a, b) => a - b)).toEqual([201, 409]);
    const created = twice.find((r) => r.status === 201)!.body as Decision;
    expect(twice.find((r) => r.status === 409)!.body).toMatchObject({ code: 'DECISION_EXISTS', details: { decisionId: created.id } });
    expect(created).toMatchObject({ stage: 'adopted', adoptedOn: '2026-11-10', poll: { id: pollId, title: 'Adopter : Végétaliser les cours d’école' }, milestones: [] });
    const id = created.id;

    // Transmission to the Conseil de Paris: days checked.
    const transmit = (body: Record<string, unknown>) => t.http.put(`/api/decisions/${id}/transmission`).set(organiser.auth).send(body);
    const answer = (body: Record<string, unknown>) => t.http.put(`/api/decisions/${id}/council-answer`).set(organiser.auth).send(body);
    expect((await answer({ answer: 'adopted', answeredOn: '2026-11-10' }).expect(409)).body.code).toBe('NOT_TRANSMITTED');
    expect((await transmit({ transmittedOn: '2026-12-01', reference: '2026 DDCT 142' }).expect(400)).body.code).toBe('DECISION_DATES_INVALID');
    expect((await transmit({ transmittedOn: '2026-11-01', reference: '2026 DDCT 142' }).expect(400)).body.code).toBe('DECISION_DATES_INVALID');
    expect((await transmit({ transmittedOn: '16/11/2026', reference: '2026 DDCT 142' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await transmit({ transmittedOn: '2026-11-10', reference: '' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t.http.put(`/api/decisions/${id}/transmission`).set(facilitator.auth).send({ transmittedOn: '2026-11-10', reference: 'x' }).expect(403);
    const transmitted = (await transmit({ transmittedOn: '2026-11-10', reference: '2026 DDCT 142', answerDueOn: '2027-01-31' }).expect(200)).body as Decision;
    expect(transmitted).toMatchObject({ stage: 'transmitted', answerOverdue: false });

    // February: the answer is late, and says so.
    clock.set(new Date('2027-02-05T10:00:00Z'));
    organiser = await loginAs(t.http, organiser.account);
    expect(((await t.http.get(`/api/assemblies/${assemblyId}/decisions`).expect(200)).body as Decision[])[0]).toMatchObject({ id, answerOverdue: true, stage: 'transmitted' });
    expect((await answer({ answer: 'amended', answeredOn: '2027-02-03' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await answer({ answer: 'rejected', answeredOn: '2027-02-03', reasons: '  ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await answer({ answer: 'maybe', answeredOn: '2027-02-03' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const amended = (await answer({ answer: 'amended', answeredOn: '2027-02-03', text: 'Végétaliser vingt cours d’école par an.' }).expect(200)).body as Decision;
    expect(amended).toMatchObject({ stage: 'council-amended', answerOverdue: false, councilAnswer: 'amended', councilText: 'Végétaliser vingt cours d’école par an.' });

    // Milestones, one of them late in April; two edits at once on different fields both stay.
    const study = ((await t.http.post(`/api/decisions/${id}/milestones`).set(organiser.auth).send({ title: 'Étude des cours', department: 'DEVE', plannedOn: '2027-03-31', committedCents: 1_500_000 }).expect(201)).body as Decision).milestones[0];
    const works = ((await t.http.post(`/api/decisions/${id}/milestones`).set(organiser.auth).send({ title: 'Travaux, première vague', department: 'DCPA', plannedOn: '2027-08-31' }).expect(201)).body as Decision).milestones[1];
    await t.http.post(`/api/decisions/${id}/milestones`).set(organiser.auth).send({ title: '', department: 'DEVE', plannedOn: '2027-03-31' }).expect(400);
    await t.http.post(`/api/decisions/${id}/milestones`).set(organiser.auth).send({ title: 'x', department: 'DEVE', plannedOn: '2027-03-31', committedCents: -5 }).expect(400);
    clock.set(new Date('2027-04-02T10:00:00Z'));
    organiser = await loginAs(t.http, organiser.account);
    const april = (await t.http.get(`/api/decisions/${id}`).expect(200)).body as Decision;
    expect(april.milestones.map((m) => [m.title, m.overdue])).toEqual([
      ['Étude des cours', true],
      ['Travaux, première vague', false],
    ]);
    const patch = (milestoneId: string, body: Record<string, unknown>) => t.http.patch(`/api/decisions/${id}/milestones/${milestoneId}`).set(organiser.auth).send(body);
    const [noted, costed] = await Promise.all([patch(study.id, { note: 'Cahier des charges prêt' }), patch(study.id, { committedCents: 1_800_000 })]);
    expect([noted.status, costed.status]).toEqual([200, 200]);
    expect(((await t.http.get(`/api/decisions/${id}`).expect(200)).body as Decision).milestones[0]).toMatchObject({ note: 'Cahier des charges prêt', committedCents: '1800000' });
    expect((await patch(study.id, { status: 'in-progress' }).expect(200)).body).toMatchObject({ stage: 'in-progress' });
    expect((await patch(study.id, { status: 'done', doneOn: '2027-05-01' }).expect(400)).body.code).toBe('DECISION_DATES_INVALID');
    expect((await patch('00000000-0000-4000-8000-000000000000', { status: 'done' }).expect(404)).body.code).toBe('MILESTONE_NOT_FOUND');
    expect((await patch(study.id, { status: 'finished' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const studied = (await patch(study.id, { status: 'done' }).expect(200)).body as Decision;
    expect(studied.milestones[0]).toMatchObject({ status: 'done', doneOn: '2027-04-02', overdue: false });
    const delivered = (await patch(works.id, { status: 'done', doneOn: '2027-04-01', committedCents: 25_000_000 }).expect(200)).body as Decision;
    expect(delivered).toMatchObject({ stage: 'delivered', committedCents: '26800000' });

    // Public, with the whole timeline; open data as CSV; the feed.
    const detail = (await t.http.get(`/api/decisions/${id}`).expect(200)).body as Decision & { changes: Array<{ kind: string }> };
    expect(detail.changes.map((change) => change.kind)).toEqual(['adopted', 'transmitted', 'answered', 'milestone-added', 'milestone-added', 'milestone-updated', 'milestone-updated', 'milestone-updated', 'milestone-updated', 'milestone-updated']);
    const csv = (await t.http.get(`/api/assemblies/${assemblyId}/decisions?format=csv`).expect(200).expect('Content-Type', /text\/csv/)).text;
    expect(parse<Record<string, string>>(csv, { columns: true })).toEqual([
      expect.objectContaining({ id, stage: 'delivered', transmission_reference: '2026 DDCT 142', council_answer: 'amended', milestones: '2', milestones_done: '2', milestones_overdue: '0', committed_cents: '26800000' }),
    ]);
    const atom = (await t.http.get(`/api/assemblies/${assemblyId}/decisions.atom?lang=fr`).expect(200).expect('Content-Type', /application\/atom\+xml/)).text;
    expect(atom.match(/<entry>/g)).toHaveLength(10);
    expect(atom).toContain('<title>Végétaliser les cours d’école — Amendée par le Conseil de Paris</title>');
    expect(atom).toContain(`<link rel="alternate" type="text/html" href="https://participer.paris.example/decisions/${id}"/>`);
    expect(atom.indexOf('Étape « Travaux, première vague » : réalisée')).toBeLessThan(atom.indexOf('Adoptée par l’assemblée'));
    expect((await t.http.get(`/api/assemblies/${assemblyId}/decisions.atom?lang=en`).expect(200)).text).toContain('Transmitted to the Conseil de Paris (2026 DDCT 142)');

    // Every change in the audit log, by whom.
    const audit = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ action: string; actor: string }>>(`SELECT action, actor FROM audit_log WHERE subject_type = 'decision' AND subject_id = $1 ORDER BY seq`, [id]);
    expect(audit).toHaveLength(10);
    expect(audit.filter((row) => !row.actor.includes(organiser.account.id))).toEqual([]);
  });

  it('records a rejection with its reasons, which ends the timeline', async () => {
    [organiser, facilitator, member] = await Promise.all([organiser, facilitator, member].map((who) => loginAs(t.http, who.account)));
    const { proposalId } = await decidedMotion('Tarification solidaire de l’eau');
    const decision = (await t.http.post(`/api/proposals/${proposalId}/decision`).set(organiser.auth).send({}).expect(201)).body as Decision;
    const today = new Date(clock.now()).toISOString().slice(0, 10);
    await t.http.put(`/api/decisions/${decision.id}/transmission`).set(organiser.auth).send({ transmittedOn: today, reference: '2027 DEVE 12' }).expect(200);
    const rejected = (await t.http.put(`/api/decisions/${decision.id}/council-answer`).set(organiser.auth).send({ answer: 'rejected', answeredOn: today, reasons: 'Compétence de l’État' }).expect(200)).body as Decision & { councilReasons: string };
    expect(rejected).toMatchObject({ stage: 'council-rejected', councilReasons: 'Compétence de l’État', councilText: null });
    // The transmission cannot move after the answer.
    expect((await t.http.put(`/api/decisions/${decision.id}/transmission`).set(organiser.auth).send({ transmittedOn: '2027-04-03', reference: 'x' }).expect(400)).body.code).toBe('DECISION_DATES_INVALID');
  });
});
