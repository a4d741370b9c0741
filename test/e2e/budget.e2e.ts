import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ManualClock } from '@app/shared';
import type { DataSource } from 'typeorm';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { PNYX, run } from '../support/run-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BUDGET_CALENDAR_2027 as CALENDAR } from '../support/budget.js';

type Body = Record<string, unknown>;
interface Idea {
  id: string;
  title: string;
  district: string | null;
  followers: number;
  following: boolean;
  yours: boolean;
  authorName: string;
  projects: Array<{ id: string; title: string }>;
}
interface Project {
  id: string;
  feasibility: string;
  feasibilityReason: string | null;
  costCents: string | null;
  envelopeId: string | null;
  ideas: Array<{ id: string; title: string }>;
}

describe('participatory budget: editions, envelopes, ideas, projects, feasibility', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;

  // Inside the calendar's vote window (10 September – 1 October 2027, Paris).
  const clock = new ManualClock(new Date('2027-09-15T10:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    [alice, bob] = await Promise.all([createAndLogin(t.app, t.http), createAndLogin(t.app, t.http)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (body: Body = {}): ReturnType<TestApp['http']['post']> =>
    t.http
      .post('/api/budget/editions')
      .set(organiser.auth)
      .send({ title: 'Budget participatif 2027', rule: 'greedy', calendar: CALENDAR, ...body });
  const advance = (id: string, phase: string): ReturnType<TestApp['http']['post']> => t.http.post(`/api/budget/editions/${id}/phase`).set(organiser.auth).send({ phase });

  it('creates an edition with Paris’s four grades, a calendar in order and a rule; refuses what does not hold together', async () => {
    const edition = (await create().expect(201)).body as Body;
    expect(edition).toMatchObject({ phase: 'draft', rule: 'greedy', completion: null, grades: ['Je ne suis pas convaincu·e', 'Pourquoi pas ?', 'J’aime bien', 'J’adore'], approvalThreshold: 2 });
    expect((edition.calendar as Body).voteOpensAt).toBe('2027-09-10T07:00:00.000Z'); // 09:00 in Paris, summer time
    expect(((await t.http.get('/api/budget/editions').expect(200)).body as Body[]).some((e) => e.id === edition.id)).toBe(true);

    const refused = async (body: Body, status: number, code: string): Promise<void> => {
      const answer = await create(body).expect(status);
      expect((answer.body as Body).code).toBe(code);
    };
    await refused({ calendar: { ...CALENDAR, feasibilityFrom: '2027-02-01' } }, 422, 'BUDGET_INVALID');
    // Just after midnight in Paris is still the previous day in UTC: the calendar is in Paris days.
    await create({ calendar: { ...CALENDAR, ballotFrom: '2027-09-10', voteOpensAt: '2027-09-10T00:30', voteClosesAt: '2027-10-05T23:30', resultsFrom: '2027-10-05' } }).expect(201);
    await refused({ rule: 'greedy', completion: 'greedy' }, 422, 'BUDGET_INVALID');
    await refused({ rule: 'random' }, 400, 'VALIDATION_FAILED');
    await refused({ grades: ['Oui', 'oui'] }, 422, 'BUDGET_INVALID');
    await refused({ approvalThreshold: 4 }, 422, 'BUDGET_INVALID');
    await refused({ calendar: { ...CALENDAR, voteOpensAt: '2027-03-28T02:30' } }, 422, 'BUDGET_INVALID'); // does not exist in Paris (clocks go forward)
    await t.http.post('/api/budget/editions').set(alice.auth).send({ title: 'x', rule: 'greedy', calendar: CALENDAR }).expect(403);
    await t.http.post('/api/budget/editions').send({ title: 'x', rule: 'greedy', calendar: CALENDAR }).expect(401);
    await t.http.get('/api/budget/editions/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('runs an edition from envelopes to feasibility: ideas filed and searched, projects merged from them with their lineage, costs checked against envelopes', async () => {
    const edition = (await create({ rule: 'equal-shares', completion: 'greedy' }).expect(201)).body as { id: string };
    const id = edition.id;
    const envelope = async (body: Body): Promise<Body> => (await t.http.post(`/api/budget/editions/${id}/envelopes`).set(organiser.auth).send(body).expect(201)).body as Body;
    const citywide = await envelope({ kind: 'citywide', name: 'Tout Paris', amountCents: 30_000_000_00 });
    const eleventh = await envelope({ kind: 'district', district: '11e', name: '11e arrondissement', amountCents: 2_000_000_00, maxProjectCostCents: 500_000_00 });
    await envelope({ kind: 'district', district: '20e', name: '20e arrondissement', amountCents: 2_500_000_00 });
    const schools = await envelope({ kind: 'ring-fenced', name: 'Écoles', amountCents: 5_000_000_00 });
    expect(citywide).toMatchObject({ kind: 'citywide', district: null, amountCents: '3000000000' });
    // One citywide envelope, one per district; a district names itself; a maximum never above the envelope.
    for (const [body, status, code] of [
      [{ kind: 'citywide', name: 'Encore', amountCents: 100 }, 409, 'ENVELOPE_TAKEN'],
      [{ kind: 'district', district: '11e', name: 'Doublon', amountCents: 100 }, 409, 'ENVELOPE_TAKEN'],
      [{ kind: 'district', name: 'Sans district', amountCents: 100 }, 422, 'BUDGET_INVALID'],
      [{ kind: 'ring-fenced', district: '11e', name: 'Mal formé', amountCents: 100 }, 422, 'BUDGET_INVALID'],
      [{ kind: 'ring-fenced', name: 'Trop', amountCents: 100, maxProjectCostCents: 200 }, 422, 'BUDGET_INVALID'],
      [{ kind: 'ring-fenced', name: 'Fractions', amountCents: 10.5 }, 400, 'VALIDATION_FAILED'],
    ] as Array<[Body, number, string]>) {
      expect(((await t.http.post(`/api/budget/editions/${id}/envelopes`).set(organiser.auth).send(body).expect(status)).body as Body).code).toBe(code);
    }
    expect(((await t.http.get(`/api/budget/editions/${id}/envelopes`).expect(200)).body as Body[]).length).toBe(4);

    // Ideas wait for the ideas phase; phases move one step at a time.
    const idea = (who: LoggedIn, body: Body): ReturnType<TestApp['http']['post']> => t.http.post(`/api/budget/editions/${id}/ideas`).set(who.auth).send(body);
    expect(((await idea(alice, { title: 'Trop tôt' }).expect(409)).body as Body).code).toBe('WRONG_PHASE');
    expect(((await advance(id, 'co-construction').expect(409)).body as Body).code).toBe('PHASE_ORDER');
    await t.http.post(`/api/budget/editions/${id}/phase`).set(alice.auth).send({ phase: 'ideas' }).expect(403);
    const [first, second] = await Promise.all([advance(id, 'ideas'), advance(id, 'ideas')]);
    expect([first.status, second.status].sort((a, b) => a - b)).toEqual([200, 409]); // two organisers at once: one moves it

    const trees = (await idea(alice, { title: 'Des arbres rue Oberkampf', body: 'Planter des **arbres** le long de la rue.', district: '11e', location: 'Rue Oberkampf' }).expect(201)).body as Idea;
    expect(trees).toMatchObject({ district: '11e', yours: true, followers: 0, projects: [] });
    const shade = (await idea(bob, { title: 'De l’ombre pour les écoliers', district: '11e' }).expect(201)).body as Idea;
    const cycling = (await idea(bob, { title: 'A cycle lane across the city' }).expect(201)).body as Idea;
    expect(((await idea(bob, { title: 'Ailleurs', district: '75e' }).expect(422)).body as Body).message).toMatch(/11e, 20e/);
    await t.http.post(`/api/budget/editions/${id}/ideas`).send({ title: 'Sans compte' }).expect(401);

    // Search in French and English, by district, and paging without repeats.
    const search = async (query: string): Promise<string[]> => ((await t.http.get(`/api/budget/editions/${id}/ideas?${query}`).expect(200)).body as { items: Idea[] }).items.map((item) => item.title);
    expect(await search('q=arbre')).toEqual(['Des arbres rue Oberkampf']); // stemmed: arbres
    expect(await search('q=cycling')).toEqual(['A cycle lane across the city']); // English stemming
    expect(await search('q=oberk')).toEqual(['Des arbres rue Oberkampf']); // a word being typed
    expect(await search('district=citywide')).toEqual(['A cycle lane across the city']);
    expect((await search('district=11e')).sort()).toEqual(['De l’ombre pour les écoliers', 'Des arbres rue Oberkampf']);
    const page = (await t.http.get(`/api/budget/editions/${id}/ideas?limit=2`).expect(200)).body as { items: Idea[]; nextCursor: string };
    const rest = (await t.http.get(`/api/budget/editions/${id}/ideas?limit=2&cursor=${page.nextCursor}`).expect(200)).body as { items: Idea[]; nextCursor: string | null };
    expect([...page.items, ...rest.items].map((item) => item.id).sort()).toEqual([trees.id, shade.id, cycling.id].sort());
    expect(rest.nextCursor).toBeNull();
    expect(((await t.http.get(`/api/budget/editions/${id}/ideas?cursor=nonsense`).expect(400)).body as Body).code).toBe('BUDGET_INVALID');

    // Following: idempotent, counted, per person.
    await t.http.put(`/api/budget/ideas/${trees.id}/follow`).set(bob.auth).expect(200);
    const followed = (await t.http.put(`/api/budget/ideas/${trees.id}/follow`).set(bob.auth).expect(200)).body as Idea;
    expect(followed).toMatchObject({ followers: 1, following: true });
    expect(((await t.http.get(`/api/budget/ideas/${trees.id}`).set(alice.auth).expect(200)).body as Idea).following).toBe(false);
    await t.http.put(`/api/budget/ideas/${trees.id}/follow`).expect(401);

    // Co-construction: projects merge ideas and keep where they come from.
    const project = (body: Body): ReturnType<TestApp['http']['post']> => t.http.post(`/api/budget/editions/${id}/projects`).set(organiser.auth).send(body);
    expect(((await project({ title: 'Trop tôt', ideaIds: [trees.id] }).expect(409)).body as Body).code).toBe('WRONG_PHASE');
    await advance(id, 'co-construction').expect(200);
    expect(((await idea(alice, { title: 'Trop tard' }).expect(409)).body as Body).code).toBe('WRONG_PHASE');
    const greener = (await project({ title: 'Un 11e plus vert et plus frais', district: '11e', ideaIds: [trees.id, shade.id] }).expect(201)).body as Project;
    expect(greener.ideas.map((item) => item.id).sort()).toEqual([trees.id, shade.id].sort());
    const lane = (await project({ title: 'Une piste cyclable est-ouest', ideaIds: [cycling.id] }).expect(201)).body as Project;
    const schoolyards = (await project({ title: 'Cours d’écoles ombragées', district: '11e', ideaIds: [shade.id] }).expect(201)).body as Project;
    expect(((await project({ title: 'Inconnue', ideaIds: ['00000000-0000-4000-8000-000000000000'] }).expect(404)).body as Body).code).toBe('IDEA_NOT_FOUND');
    await t.http.post(`/api/budget/editions/${id}/projects`).set(alice.auth).send({ title: 'x', ideaIds: [trees.id] }).expect(403);
    // Each idea's author sees what became of it.
    expect(((await t.http.get(`/api/budget/ideas/${shade.id}`).expect(200)).body as Idea).projects.map((item) => item.title).sort()).toEqual(['Cours d’écoles ombragées', 'Un 11e plus vert et plus frais']);

    // Feasibility: a public reason always; admissible needs a cost within an envelope that fits the project.
    const decide = (projectId: string, body: Body): ReturnType<TestApp['http']['put']> => t.http.put(`/api/budget/projects/${projectId}/feasibility`).set(organiser.auth).send(body);
    expect(((await decide(greener.id, { admissible: true, reason: 'Faisable', costCents: 100, envelopeId: eleventh.id }).expect(409)).body as Body).code).toBe('WRONG_PHASE');
    await advance(id, 'feasibility').expect(200);
    expect(((await decide(greener.id, { admissible: true, reason: 'Faisable', costCents: 600_000_00, envelopeId: eleventh.id }).expect(422)).body as Body).code).toBe('COST_OVER_LIMIT');
    expect(((await decide(greener.id, { admissible: true, reason: 'Faisable', costCents: 100_000_00, envelopeId: citywide.id }).expect(422)).body as Body).code).toBe('ENVELOPE_MISMATCH');
    expect(((await decide(lane.id, { admissible: true, reason: 'Faisable', costCents: 100_000_00, envelopeId: eleventh.id }).expect(422)).body as Body).code).toBe('ENVELOPE_MISMATCH');
    expect(((await decide(greener.id, { admissible: true, reason: 'Faisable' }).expect(422)).body as Body).code).toBe('BUDGET_INVALID');
    await decide(greener.id, { admissible: true }).expect(400);
    const admitted = (await decide(greener.id, { admissible: true, reason: 'Plantations possibles sur 40 emplacements.', costCents: 450_000_00, envelopeId: eleventh.id }).expect(200)).body as Project;
    expect(admitted).toMatchObject({ feasibility: 'admissible', costCents: '45000000', envelopeId: eleventh.id });
    await decide(lane.id, { admissible: true, reason: 'Étude de voirie favorable.', costCents: 2_000_000_00, envelopeId: citywide.id }).expect(200);
    await decide(schoolyards.id, { admissible: true, reason: 'Dans le programme des cours Oasis.', costCents: 300_000_00, envelopeId: schools.id }).expect(200);
    // Revised: now inadmissible, its cost and envelope gone, the reason public.
    const revised = (await decide(schoolyards.id, { admissible: false, reason: 'Déjà financé par le programme des cours Oasis.' }).expect(200)).body as Project;
    expect(revised).toMatchObject({ feasibility: 'inadmissible', costCents: null, envelopeId: null, feasibilityReason: 'Déjà financé par le programme des cours Oasis.' });
    const listed = (await t.http.get(`/api/budget/editions/${id}/projects`).expect(200)).body as Project[];
    expect(listed.map((item) => item.feasibility)).toEqual(['admissible', 'admissible', 'inadmissible']);

    // A vote needs two projects per envelope: Paris and the 11e have one admissible each, so the ballot waits.
    expect(((await advance(id, 'ballot').expect(422)).body as Body).message).toMatch(/^"Tout Paris", "11e arrondissement" have a single admissible project/);

    // The organisers' steps are in the audit log.
    const audit = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ action: string }>>(`SELECT action FROM audit_log WHERE action LIKE 'budget.%' AND (subject_id = $1 OR data->>'editionId' = $1) ORDER BY seq`, [id]);
    expect(audit.map((row) => row.action)).toEqual([
      'budget.edition-created',
      ...Array(4).fill('budget.envelope-created'),
      'budget.phase-changed',
      'budget.phase-changed',
      'budget.project-created',
      'budget.project-created',
      'budget.project-created',
      'budget.phase-changed',
    ]);
    const decisions = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ data: Body }>>(`SELECT data FROM audit_log WHERE action = 'budget.feasibility-decided' AND subject_id = $1 ORDER BY seq`, [schoolyards.id]);
    expect(decisions.map((row) => row.data.feasibility)).toEqual(['admissible', 'inadmissible']);
  });

  it('holds the vote per envelope and funds the winners by the rule: greedy skips what does not fit, equal shares is proportional; pnyx pb export and select reproduce them', async () => {
    const eve = await createAndLogin(t.app, t.http);
    const voters = [alice, bob, eve];
    for (const rule of ['greedy', 'equal-shares'] as const) {
      const edition = (await create(rule === 'greedy' ? { rule } : { rule, completion: 'greedy' }).expect(201)).body as { id: string };
      const id = edition.id;
      const envelope = async (body: Body): Promise<{ id: string }> => (await t.http.post(`/api/budget/editions/${id}/envelopes`).set(organiser.auth).send(body).expect(201)).body as { id: string };
      const citywide = await envelope({ kind: 'citywide', name: 'Tout Paris', amountCents: 1000_00 });
      const eleventh = await envelope({ kind: 'district', district: '11e', name: '11e', amountCents: 500_00 });
      await advance(id, 'ideas').expect(200);
      const ideaId = ((await t.http.post(`/api/budget/editions/${id}/ideas`).set(alice.auth).send({ title: 'Une idée' }).expect(201)).body as Idea).id;
      await advance(id, 'co-construction').expect(200);
      const projects: Record<string, string> = {};
      for (const [title, district] of [['A', undefined], ['B', undefined], ['C', undefined], ['D', '11e'], ['E', '11e']] as const) {
        projects[title] = ((await t.http.post(`/api/budget/editions/${id}/projects`).set(organiser.auth).send({ title: `Projet ${title}`, district, ideaIds: [ideaId] }).expect(201)).body as Project).id;
      }
      await advance(id, 'feasibility').expect(200);
      const costs: Record<string, number> = { A: 600_00, B: 500_00, C: 300_00, D: 300_00, E: 300_00 };
      for (const [title, projectId] of Object.entries(projects)) {
        await t.http.put(`/api/budget/projects/${projectId}/feasibility`).set(organiser.auth).send({ admissible: true, reason: 'Faisable', costCents: costs[title], envelopeId: ['D', 'E'].includes(title) ? eleventh.id : citywide.id }).expect(200);
      }
      await advance(id, 'ballot').expect(200);
      const ballot = (await t.http.get(`/api/budget/editions/${id}/ballot`).expect(200)).body as Array<{ envelope: { id: string }; pollId: string; projects: Array<{ projectId: string; optionId: string }> }>;
      expect(ballot.map((entry) => entry.projects.length).sort((a, b) => a - b)).toEqual([2, 3]);
      const box = (envelopeId: string): (typeof ballot)[number] => ballot.find((entry) => entry.envelope.id === envelopeId)!;
      const option = (envelopeId: string, title: string): string => box(envelopeId).projects.find((entry) => entry.projectId === projects[title])!.optionId;
      // Not open before the vote phase.
      await t.http.post(`/api/polls/${box(citywide.id).pollId}/ballots`).set(alice.auth).send({ grades: {} }).expect(409);
      await advance(id, 'vote').expect(200);

      // Districts: declared before voting there; fixed by the first ballot.
      await t.http.put(`/api/budget/editions/${id}/district`).set(alice.auth).send({ district: '20e' }).expect(422);
      for (const voter of voters) await t.http.put(`/api/budget/editions/${id}/district`).set(voter.auth).send({ district: '11e' }).expect(200);
      // Asking whether one may vote (the ballot pages do) fixes nothing: only a ballot does.
      for (const envelopeId of [citywide.id, eleventh.id]) {
        expect((await t.http.get(`/api/polls/${box(envelopeId).pollId}/participation`).set(alice.auth).expect(200)).body).toEqual({ eligible: true, voted: false });
      }
      expect((await t.http.get(`/api/budget/editions/${id}/voter`).set(alice.auth).expect(200)).body).toEqual({ district: '11e', locked: false });
      // Grades, worst 0 … best 3. Citywide: A loved by one, B liked by all, C liked by two.
      const grades: Array<Record<string, number>> = [
        { A: 3, B: 2, C: 2 },
        { A: 0, B: 3, C: 2 },
        { A: 1, B: 2, C: 0 },
      ];
      for (const [i, voter] of voters.entries()) {
        const cast = (envelopeId: string, chosen: Record<string, number>) =>
          t.http
            .post(`/api/polls/${box(envelopeId).pollId}/ballots`)
            .set(voter.auth)
            .send({ grades: Object.fromEntries(Object.entries(chosen).map(([title, grade]) => [option(envelopeId, title), grade])) });
        await cast(citywide.id, grades[i]).expect(201);
        await cast(eleventh.id, { D: 3 - i, E: i }).expect(201);
      }
      const locked = await t.http.put(`/api/budget/editions/${id}/district`).set(alice.auth).send({ district: '11e' }).expect(200);
      expect(locked.body).toEqual({ district: '11e', locked: true });
      expect(((await t.http.get(`/api/budget/editions/${id}/voter`).set(bob.auth).expect(200)).body as Body).locked).toBe(true);
      expect(((await t.http.get(`/api/budget/editions/${id}/results`).expect(409)).body as Body).code).toBe('RESULTS_NOT_READY');

      await advance(id, 'results').expect(200);
      const results = (await t.http.get(`/api/budget/editions/${id}/results`).expect(200)).body as Array<{ envelope: { id: string }; voters: number; spentCents: string; leftCents: string; lines: Array<{ projectId: string; title: string; funded: boolean; by: string | null; leftBeforeCents: string | null }>; rounds: Body[] }>;
      const city = results.find((result) => result.envelope.id === citywide.id)!;
      expect(city.voters).toBe(3);
      const summary = city.lines.map((line) => `${line.title}:${line.funded ? line.by : `no(${line.leftBeforeCents})`}`);
      if (rule === 'greedy') {
        // Ranking B (majority grade "J’aime bien", 2 2 3), C (2 2 0 → 2), A (0 1 3 → 1): B 500 funded, C 300 funded, A 600 does not fit in 200.
        expect(summary).toEqual(['Projet B:greedy', 'Projet C:greedy', 'Projet A:no(20000)']);
        expect([city.spentCents, city.leftCents]).toEqual(['80000', '20000']);
      } else {
        // Approvals (grade ≥ 2): B by all three, C by voters 1 and 2, A by voter 1. Each has 1000/3 € in cents.
        // ρ(B) = (500/3)/500 — all three pay 166.67; C then costs 300 for two with 166.67 left each: 150 each.
        expect(city.rounds.map((round) => round.projectId)).toEqual([projects.B, projects.C]);
        expect(summary).toEqual(['Projet B:equal-shares', 'Projet C:equal-shares', 'Projet A:no(20000)']);
      }

      if (rule === 'greedy') {
        // Follow-up: the winners (B and C citywide, D in the 11e) start in "study"; forward only, abandoned with a reason.
        await t.http.put(`/api/budget/projects/${projects.B}/follow-up`).set(organiser.auth).send({ status: 'works', committedCents: 1, spentCents: 0 }).expect(409);
        await advance(id, 'follow-up').expect(200);
        const followed = (await t.http.get(`/api/budget/editions/${id}/follow-up`).expect(200)).body as Array<{ projectId: string; status: string }>;
        expect(followed.map((entry) => entry.projectId).sort()).toEqual([projects.B, projects.C, projects.D].sort());
        expect(followed.every((entry) => entry.status === 'study')).toBe(true);
        const update = (projectId: string, body: Body) => t.http.put(`/api/budget/projects/${projectId}/follow-up`).set(organiser.auth).send(body);
        await update(projects.B, { status: 'works', reason: 'Marché attribué', committedCents: 480_00, spentCents: 100_00 }).expect(200);
        const delivered = (await update(projects.B, { status: 'delivered', committedCents: 490_00, spentCents: 490_00 }).expect(200)).body as { status: string; timeline: Array<{ status: string }> };
        expect(delivered.timeline.map((event) => event.status)).toEqual(['study', 'works', 'delivered']);
        expect(((await update(projects.B, { status: 'works', committedCents: 0, spentCents: 0 }).expect(409)).body as Body).code).toBe('PHASE_ORDER');
        expect(((await update(projects.C, { status: 'abandoned', committedCents: 0, spentCents: 0 }).expect(422)).body as Body).code).toBe('BUDGET_INVALID');
        await update(projects.C, { status: 'abandoned', reason: 'Terrain indisponible', committedCents: 0, spentCents: 0 }).expect(200);
        expect(((await update(projects.A, { status: 'works', committedCents: 0, spentCents: 0 }).expect(404)).body as Body).code).toBe('PROJECT_NOT_FOUND'); // A was not funded
        await update(projects.D, { status: 'works', committedCents: -1, spentCents: 0 }).expect(400);
        await t.http.put(`/api/budget/projects/${projects.D}/follow-up`).set(alice.auth).send({ status: 'works', committedCents: 0, spentCents: 0 }).expect(403);
        const csv = await t.http.get(`/api/budget/editions/${id}/follow-up/export?format=csv`).expect(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.text.split('\r\n')[0]).toBe('project_id,title,district,cost_cents,status,reason,committed_cents,spent_cents,updated_at');
        expect(csv.text).toContain(`${projects.C},Projet C,,30000,abandoned,Terrain indisponible,0,0,`);
      }

      // Anyone recomputes: the exported pabulib file gives the same winners through pnyx pb select.
      const dir = mkdtempSync(join(tmpdir(), 'pnyx-pb-export-'));
      try {
        const file = join(dir, 'citywide.pb');
        const exported = await run(PNYX, ['pb', 'export', '--edition', id, '--envelope', citywide.id, '--out', file], { DATABASE_URL: t.database.url });
        expect({ code: exported.code, stderr: exported.stderr }).toEqual({ code: 0, stderr: '' });
        expect(readFileSync(file, 'utf8')).toMatch(/^vote_type;scoring$/m);
        const selected = await run(PNYX, ['pb', 'select', '--pb', file, '--rule', rule, ...(rule === 'equal-shares' ? ['--completion', 'greedy'] : []), '--json']);
        expect(selected.code).toBe(0);
        const recomputed = JSON.parse(selected.stdout) as { selected: string[]; cost: number };
        expect([...recomputed.selected].sort()).toEqual(city.lines.filter((line) => line.funded).map((line) => line.projectId).sort());
        expect(String(recomputed.cost)).toBe(city.spentCents);
        // And the envelope's bulletin board recounts to the ranking the winners came from (sealed just after the close).
        let board = await t.http.get(`/api/polls/${box(citywide.id).pollId}/bulletin-board`);
        for (let i = 0; i < 50 && board.status === 409; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          board = await t.http.get(`/api/polls/${box(citywide.id).pollId}/bulletin-board`);
        }
        expect(board.status).toBe(200);
        const boardFile = join(dir, 'board.json');
        writeFileSync(boardFile, JSON.stringify(board.body));
        const recount = await run(PNYX, ['mj', 'recount', '--bulletin-board', boardFile]);
        expect({ code: recount.code, reproduced: recount.stdout.includes('the published result is reproduced') }).toEqual({ code: 0, reproduced: true });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);

  it('never lets anyone vote in two districts: a change of district racing a district ballot is either first or refused', async () => {
    const id = ((await create().expect(201)).body as { id: string }).id;
    const envelope = async (district: string): Promise<{ id: string }> =>
      (await t.http.post(`/api/budget/editions/${id}/envelopes`).set(organiser.auth).send({ kind: 'district', district, name: district, amountCents: 500_00 }).expect(201)).body as { id: string };
    const envelopes = { '11e': await envelope('11e'), '20e': await envelope('20e') };
    await advance(id, 'ideas').expect(200);
    const ideaId = ((await t.http.post(`/api/budget/editions/${id}/ideas`).set(alice.auth).send({ title: 'Une idée' }).expect(201)).body as Idea).id;
    await advance(id, 'co-construction').expect(200);
    const made: Array<[string, string]> = [];
    for (const district of ['11e', '20e'] as const) {
      for (const title of ['Un', 'Deux']) made.push([district, ((await t.http.post(`/api/budget/editions/${id}/projects`).set(organiser.auth).send({ title: `${title} ${district}`, district, ideaIds: [ideaId] }).expect(201)).body as Project).id]);
    }
    await advance(id, 'feasibility').expect(200);
    for (const [district, projectId] of made) await t.http.put(`/api/budget/projects/${projectId}/feasibility`).set(organiser.auth).send({ admissible: true, reason: 'Faisable', costCents: 100_00, envelopeId: envelopes[district as '11e' | '20e'].id }).expect(200);
    await advance(id, 'ballot').expect(200);
    await advance(id, 'vote').expect(200);
    const ballot = (await t.http.get(`/api/budget/editions/${id}/ballot`).expect(200)).body as Array<{ envelope: { district: string }; pollId: string; projects: Array<{ optionId: string }> }>;
    const poll = (district: string) => ballot.find((entry) => entry.envelope.district === district)!;
    const grades = (district: string) => Object.fromEntries(poll(district).projects.map((project) => [project.optionId, 2]));

    for (let round = 0; round < 8; round += 1) {
      const voter = await createAndLogin(t.app, t.http);
      await t.http.put(`/api/budget/editions/${id}/district`).set(voter.auth).send({ district: '11e' }).expect(200);
      const [cast, change] = await Promise.all([
        t.http.post(`/api/polls/${poll('11e').pollId}/ballots`).set(voter.auth).send({ grades: grades('11e') }),
        t.http.put(`/api/budget/editions/${id}/district`).set(voter.auth).send({ district: '20e' }),
      ]);
      // Either the ballot came first (and the change is refused), or the change did (and the 11e ballot is refused).
      expect([[cast.status, change.status]]).toEqual([cast.status === 201 ? [201, 409] : [403, 200]]);
      const other = await t.http.post(`/api/polls/${poll('20e').pollId}/ballots`).set(voter.auth).send({ grades: grades('20e') });
      // In no order can the same person vote in both districts.
      expect({ bothDistricts: cast.status === 201 && other.status === 201, other: other.status }).toEqual({ bothDistricts: false, other: cast.status === 201 ? 403 : 201 });
    }
  });
});
