import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { createAssembly } from '../support/assemblies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Who = 'anonymous' | 'resident' | 'member' | 'facilitator' | 'organiser';
const EVERYONE: Who[] = ['anonymous', 'resident', 'member', 'facilitator', 'organiser'];

/**
 * Who may do what on the agenda, one row per action: the status each kind of caller gets.
 * Residents, members, facilitators and organisers are all residents too (every account is).
 */
describe('agenda: what each role sees and does', () => {
  let t: TestApp;
  let assemblyId: string;
  const people = {} as Record<Exclude<Who, 'anonymous'>, LoggedIn>;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
    people.organiser = await createAndLogin(t.app, t.http, ['organiser']);
    people.facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    people.member = await createAndLogin(t.app, t.http);
    people.resident = await createAndLogin(t.app, t.http);
    assemblyId = (await createAssembly(t.http, people.organiser, 50)).id;
    await seatMember(t.app, assemblyId, people.member.account.id);
    await t.http.post(`/api/assemblies/${assemblyId}/memberships`).set(people.organiser.auth).send({ accountId: people.facilitator.account.id, role: 'facilitator' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  function as(who: Who): Record<string, string> {
    return who === 'anonymous' ? {} : people[who].auth;
  }

  async function statuses(request: (who: Who) => Promise<{ status: number }>): Promise<Record<Who, number>> {
    const out = {} as Record<Who, number>;
    for (const who of EVERYONE) out[who] = (await request(who)).status;
    return out;
  }

  async function submittedMotion(): Promise<string> {
    const motion = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(people.member.auth).send({ kind: 'motion', title: 'Motion' }).expect(201)).body as { id: string };
    await t.http.post(`/api/proposals/${motion.id}/transitions/submit`).set(people.member.auth).expect(200);
    return motion.id;
  }

  it('files motions: members only; petitions: any resident; nobody anonymously', async () => {
    expect(await statuses((who) => t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(as(who)).send({ kind: 'motion', title: 'M' }))).toEqual({
      anonymous: 401,
      resident: 403,
      member: 201,
      facilitator: 403,
      organiser: 403,
    });
    expect(await statuses((who) => t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(as(who)).send({ kind: 'petition', title: 'P' }))).toEqual({
      anonymous: 401,
      resident: 201,
      member: 201,
      facilitator: 201,
      organiser: 201,
    });
  });

  it('reviews (start, admit, reject): organisers only', async () => {
    const id = await submittedMotion();
    expect(await statuses((who) => t.http.post(`/api/proposals/${id}/transitions/start-review`).set(as(who)))).toEqual({
      anonymous: 401,
      resident: 403,
      member: 403,
      facilitator: 403,
      organiser: 200,
    });
    const admit = await statuses((who) => t.http.post(`/api/proposals/${id}/transitions/admit`).set(as(who)));
    expect(admit).toEqual({ anonymous: 401, resident: 403, member: 403, facilitator: 403, organiser: 200 });
  });

  it('schedules sessions and agenda items: organisers and facilitators', async () => {
    const created = await statuses((who) => t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(as(who)).send({ title: 'Séance', scheduledAt: '2027-05-01T18:00:00Z' }));
    expect(created).toEqual({ anonymous: 401, resident: 403, member: 403, facilitator: 201, organiser: 201 });
    const session = (await t.http.post(`/api/assemblies/${assemblyId}/sessions`).set(people.facilitator.auth).send({ title: 'S', scheduledAt: '2027-05-02T18:00:00Z' }).expect(201)).body as { id: string };
    const admissible = async (): Promise<string> => {
      const id = await submittedMotion();
      await t.http.post(`/api/proposals/${id}/transitions/start-review`).set(people.organiser.auth).expect(200);
      await t.http.post(`/api/proposals/${id}/transitions/admit`).set(people.organiser.auth).expect(200);
      return id;
    };
    // Each caller tries on an admissible item of their own, so only the role decides.
    let position = 0;
    const scheduled = {} as Record<Who, number>;
    for (const who of EVERYONE) {
      const id = await admissible();
      position += 1;
      scheduled[who] = (await t.http.post(`/api/proposals/${id}/transitions/schedule`).set(as(who)).send({ sessionId: session.id, position, allottedMinutes: 15 })).status;
    }
    expect(scheduled).toEqual({ anonymous: 401, resident: 403, member: 403, facilitator: 200, organiser: 200 });
    // Everyone reads the agenda.
    expect(await statuses((who) => t.http.get(`/api/sessions/${session.id}/agenda`).set(as(who)))).toEqual({ anonymous: 200, resident: 200, member: 200, facilitator: 200, organiser: 200 });
  });

  it('amends motions: members; decides amendments: the author (or the chair with a poll)', async () => {
    const id = await submittedMotion();
    expect(await statuses((who) => t.http.post(`/api/proposals/${id}/amendments`).set(as(who)).send({ body: 'Nouveau texte' }))).toEqual({
      anonymous: 401,
      resident: 403,
      member: 201,
      facilitator: 403,
      organiser: 403,
    });
    const amendment = (await t.http.post(`/api/proposals/${id}/amendments`).set(people.member.auth).send({ body: 'Encore' }).expect(201)).body as { id: string };
    const decided = await statuses((who) => t.http.post(`/api/amendments/${amendment.id}/decision`).set(as(who)).send({ decision: 'reject' }));
    expect(decided).toEqual({ anonymous: 401, resident: 403, member: 200, facilitator: 403, organiser: 403 });
  });

  it('moderates: everyone signed in reports; organisers read reports and hide', async () => {
    const petition = (await t.http.post(`/api/assemblies/${assemblyId}/proposals`).set(people.resident.auth).send({ kind: 'petition', title: 'À modérer' }).expect(201)).body as { id: string };
    await t.http.post(`/api/proposals/${petition.id}/transitions/submit`).set(people.resident.auth).expect(200);
    expect(await statuses((who) => t.http.post(`/api/proposals/${petition.id}/reports`).set(as(who)).send({ reason: 'spam' }))).toEqual({
      anonymous: 401,
      resident: 204,
      member: 204,
      facilitator: 204,
      organiser: 204,
    });
    expect(await statuses((who) => t.http.get(`/api/proposals/${petition.id}/reports`).set(as(who)))).toEqual({ anonymous: 401, resident: 403, member: 403, facilitator: 403, organiser: 200 });
    expect(await statuses((who) => t.http.put(`/api/proposals/${petition.id}/hidden`).set(as(who)).send({ reason: 'Hors charte' }))).toEqual({
      anonymous: 401,
      resident: 403,
      member: 403,
      facilitator: 403,
      organiser: 200,
    });
    // Everyone still finds it, without its text unless organiser.
    for (const who of EVERYONE) {
      const body = (await t.http.get(`/api/proposals/${petition.id}`).set(as(who)).expect(200)).body as { title: string };
      expect([who, body.title]).toEqual([who, who === 'organiser' ? 'À modérer' : '']);
    }
  });

  it('sets petition rules: organisers; everyone reads them', async () => {
    expect(await statuses((who) => t.http.put(`/api/assemblies/${assemblyId}/agenda-settings`).set(as(who)).send({ petitionThreshold: 10, petitionDays: 60 }))).toEqual({
      anonymous: 401,
      resident: 403,
      member: 403,
      facilitator: 403,
      organiser: 200,
    });
    expect(await statuses((who) => t.http.get(`/api/assemblies/${assemblyId}/agenda-settings`).set(as(who)))).toEqual({ anonymous: 200, resident: 200, member: 200, facilitator: 200, organiser: 200 });
  });
});
