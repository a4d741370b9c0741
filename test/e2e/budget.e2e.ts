import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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

const CALENDAR = {
  ideasFrom: '2027-01-15',
  coConstructionFrom: '2027-03-01',
  feasibilityFrom: '2027-04-01',
  ballotFrom: '2027-08-01',
  voteOpensAt: '2027-09-10T09:00',
  voteClosesAt: '2027-10-01T20:00',
  resultsFrom: '2027-10-05',
  followUpFrom: '2028-01-01',
};

describe('participatory budget: editions, envelopes, ideas, projects, feasibility', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' } });
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

    // Beyond feasibility: the ballot is not built yet, and the edition says so rather than pretend.
    expect(((await advance(id, 'ballot').expect(409)).body as Body).message).toMatch(/not available in this version/);

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
});
