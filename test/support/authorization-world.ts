import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parse } from 'csv-parse/sync';
import type { TestApp } from './test-app.js';
import { createAccount, createAndLogin, seatMember, type LoggedIn } from './factories.js';
import { createAssembly, uploadFixture, waitForDraw } from './assemblies.js';
import { sourceListCsv } from './source-lists.js';
import { BUDGET_CALENDAR_2027 } from './budget.js';
import { electors, generateCodes, rollCsv, uploadRoll } from './referendums.js';

/**
 * The eight kinds of caller of the authorization matrix, in the order of its table's columns.
 * "This assembly" is assembly A; the other member and the city organiser belong to assembly B.
 */
export const CALLERS = ['anonymous', 'resident', 'member', 'otherMember', 'facilitator', 'organiser', 'cityOrganiser', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

/** Every resource the matrix's requests point at, made by the people entitled to make them. */
export interface AuthorizationWorld {
  people: Record<Exclude<Caller, 'anonymous'>, LoggedIn>;
  assembly: string;
  otherAssembly: string;
  /** Seats of assembly A: the member's own, and a drawn seat with no account yet. */
  memberSeat: string;
  spareSeat: string;
  /** A seat whose invitation code anyone signed in might redeem (the matrix redeems it last). */
  invitationCodeForSeat: string;
  pool: string;
  draw: string;
  sourceList: string;
  invitationDraw: string;
  invitation: string;
  respondent: string;
  letterCode: string;
  draftPoll: string;
  openPoll: string;
  closablePoll: string;
  closedPoll: string;
  openPollOptions: string[];
  motion: string;
  draftMotion: string;
  reviewableMotion: string;
  petition: string;
  amendment: string;
  decidedMotion: string;
  decidedPoll: string;
  decision: string;
  milestone: string;
  session: string;
  /** A sitting closed to the public (visibility members). */
  membersSession: string;
  referendum: string;
  elector: string;
  station: string;
  edition: string;
  envelope: string;
  idea: string;
  project: string;
  /** An account that is nobody in particular: roles are granted to it and taken back. */
  target: { id: string; email: string };
}

/**
 * Builds the world through the API itself, as each role would (plus seats written in SQL, as other
 * tests do). `identityProviders`: the sign-in providers the referendum accepts (configured in `t`).
 */
export async function buildAuthorizationWorld(t: TestApp, options: { identityProviders?: string[] } = {}): Promise<AuthorizationWorld> {
  const http = t.http;
  const db = t.app.get<DataSource>(getDataSourceToken());
  const ok = async <T>(request: PromiseLike<{ status: number; body: unknown; text: string }>, status: number): Promise<T> => {
    const response = await request;
    if (response.status !== status) throw new Error(`world: expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
    return response.body as T;
  };
  const [resident, member, otherMember, facilitator, organiser, cityOrganiser, admin] = await Promise.all([
    createAndLogin(t.app, http),
    createAndLogin(t.app, http),
    createAndLogin(t.app, http),
    createAndLogin(t.app, http, ['facilitator']),
    createAndLogin(t.app, http, ['organiser']),
    createAndLogin(t.app, http, ['organiser']),
    createAndLogin(t.app, http, ['admin']),
  ]);
  const people = { resident, member, otherMember, facilitator, organiser, cityOrganiser, admin };

  // Assemblies: A run by the organiser (facilitated by the facilitator), B by the city organiser.
  const assembly = (await createAssembly(http, organiser, 20, 'Assemblée A')).id;
  const otherAssembly = (await createAssembly(http, cityOrganiser, 5, 'Assemblée B')).id;
  await seatMember(t.app, assembly, member.account.id);
  await seatMember(t.app, otherAssembly, otherMember.account.id);
  await ok(http.post(`/api/assemblies/${assembly}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }), 201);
  const seatOf = async (accountId: string): Promise<string> =>
    (await db.query<Array<{ id: string }>>(`SELECT id FROM memberships WHERE assembly_id = $1 AND account_id = $2`, [assembly, accountId]))[0].id;
  const memberSeat = await seatOf(member.account.id);
  const spare = await createAccount(t.app);
  await seatMember(t.app, assembly, spare.id);
  const spareSeat = await seatOf(spare.id);

  // Sortition: a pool and a computed (unseeded) draw.
  const pool = (await uploadFixture(http, organiser, assembly, 'example_small_20')).id;
  // A drawn volunteer's seat with no account yet, and its invitation code.
  const [volunteer] = await ok<Array<{ personId: string }>>(http.get(`/api/pools/${pool}/volunteers`), 200);
  const [{ id: unclaimedSeat }] = await db.query<Array<{ id: string }>>(`INSERT INTO memberships (assembly_id, role, pool_id, person_id) VALUES ($1, 'member', $2, $3) RETURNING id`, [assembly, pool, volunteer.personId]);
  const { code: invitationCodeForSeat } = await ok<{ code: string }>(http.post(`/api/assemblies/${assembly}/memberships/${unclaimedSeat}/invitation`).set(organiser.auth), 201);
  const { id: draw } = await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/draws`).set(organiser.auth).send({ algorithm: 'leximin' }), 202);
  await waitForDraw(http, draw, ['computed']);

  // Recruitment: a source list, an invitation draw with its letters, one answer.
  const list = await ok<{ id: string }>(
    http.put(`/api/assemblies/${assembly}/source-lists`).query({ source: 'roll', fileName: 'roll.csv' }).set(organiser.auth).set('Content-Type', 'text/csv').send(sourceListCsv(12, 'E')),
    201,
  );
  const { id: invitationDraw } = await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/invitation-draws`).set(organiser.auth).send({ listIds: [list.id], mix: [1], count: 4, questions: [] }), 201);
  await ok(http.post(`/api/invitation-draws/${invitationDraw}/seed`).set(organiser.auth).send({ seed: '1 2 3' }), 200);
  const letters = parse<{ invitation_code: string; family_name: string }>((await http.post(`/api/invitation-draws/${invitationDraw}/letters`).set(organiser.auth)).text, { columns: true });
  await ok(http.post('/api/respond').send({ code: letters[0].invitation_code, consent: true, answers: {}, email: 'a@example.org' }), 201);
  const [{ id: respondent }] = await ok<Array<{ id: string }>>(http.get(`/api/assemblies/${assembly}/respondents`).set(organiser.auth), 200);
  const [{ id: invitation }] = await ok<Array<{ id: string }>>(http.get(`/api/assemblies/${assembly}/invitations`).query({ search: letters[1].family_name }).set(organiser.auth), 200);

  // Polls of assembly A in each state.
  const poll = async (title: string): Promise<{ id: string; options: Array<{ id: string }> }> =>
    ok(http.post('/api/polls').set(organiser.auth).send({ title, audience: 'assembly', assemblyId: assembly, options: [{ label: 'Pour' }, { label: 'Contre' }] }), 201);
  const draftPoll = (await poll('Brouillon')).id;
  const open = await poll('Ouvert');
  const closable = await poll('À fermer');
  const closed = await poll('Fermé');
  for (const id of [open.id, closable.id, closed.id]) await ok(http.post(`/api/polls/${id}/open`).set(organiser.auth), 200);
  await ok(http.post(`/api/polls/${closed.id}/close`).set(organiser.auth), 200);

  // The agenda: motions in several states, a petition, an amendment, a decided motion and its decision.
  const act = (who: LoggedIn, id: string, action: string, body: object = {}) => ok(http.post(`/api/proposals/${id}/transitions/${action}`).set(who.auth).send(body), 200);
  const motion = async (title: string): Promise<string> => (await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/proposals`).set(member.auth).send({ kind: 'motion', title, body: 'Texte.' }), 201)).id;
  const submittedMotion = await motion('Motion déposée');
  await act(member, submittedMotion, 'submit');
  const draftMotion = await motion('Motion en brouillon');
  const reviewableMotion = await motion('Motion à examiner');
  await act(member, reviewableMotion, 'submit');
  const petition = (await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/proposals`).set(resident.auth).send({ kind: 'petition', title: 'Pétition' }), 201)).id;
  await act(resident, petition, 'submit');
  const amendment = (await ok<{ id: string }>(http.post(`/api/proposals/${submittedMotion}/amendments`).set(member.auth).send({ body: 'Texte amendé.' }), 201)).id;
  // Sitting now, so that the seats (taken today) count for its attendance.
  const scheduledAt = new Date(Date.now() - 3_600_000).toISOString();
  const session = (await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt }), 201)).id;
  const membersSession = (await ok<{ id: string }>(http.post(`/api/assemblies/${assembly}/sessions`).set(facilitator.auth).send({ title: 'Huis clos', scheduledAt, visibility: 'members' }), 201)).id;
  const decidedMotion = await motion('Motion décidée');
  await act(member, decidedMotion, 'submit');
  await act(organiser, decidedMotion, 'start-review');
  await act(organiser, decidedMotion, 'admit', { reason: 'Recevable' });
  await act(facilitator, decidedMotion, 'schedule', { sessionId: session, position: 1, allottedMinutes: 30 });
  await act(facilitator, decidedMotion, 'mark-deliberated');
  const adoption = await poll('Adopter la motion');
  await ok(http.post(`/api/polls/${adoption.id}/open`).set(organiser.auth), 200);
  await ok(http.post(`/api/polls/${adoption.id}/ballots`).set(member.auth).send({ grades: { [adoption.options[0].id]: 5, [adoption.options[1].id]: 1 } }), 201);
  await ok(http.post(`/api/polls/${adoption.id}/close`).set(organiser.auth), 200);
  await act(facilitator, decidedMotion, 'decide', { pollId: adoption.id });
  const decisionMotion = await motion('Motion transmise');
  await act(member, decisionMotion, 'submit');
  await act(organiser, decisionMotion, 'start-review');
  await act(organiser, decisionMotion, 'admit', { reason: 'Recevable' });
  await act(facilitator, decisionMotion, 'schedule', { sessionId: session, position: 2, allottedMinutes: 30 });
  await act(facilitator, decisionMotion, 'mark-deliberated');
  await act(facilitator, decisionMotion, 'decide', { pollId: adoption.id });
  const decision = (await ok<{ id: string }>(http.post(`/api/proposals/${decisionMotion}/decision`).set(organiser.auth).send({}), 201)).id;
  const [{ id: milestone }] = (await ok<{ milestones: Array<{ id: string }> }>(http.post(`/api/decisions/${decision}/milestones`).set(organiser.auth).send({ title: 'Étude', department: 'DEVE', plannedOn: '2027-06-30' }), 201)).milestones;

  // A city referendum with its roll and codes, in draft.
  const referendum = (
    await ok<{ id: string }>(
      http.post('/api/referendums').set(organiser.auth).send({ title: 'Votation', opensAt: '2027-03-28T08:00', closesAt: '2027-03-28T20:00', identityProviders: options.identityProviders ?? [], questions: [{ kind: 'yes-no', text: 'Oui ou non ?' }] }),
      201,
    )
  ).id;
  const roll = electors(4, ['1er']);
  const uploaded = await uploadRoll(http, organiser, referendum, rollCsv(roll));
  if (uploaded.status !== 200) throw new Error(`world: roll ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
  await generateCodes(http, organiser, referendum);
  // The resident is also an officer of the first polling station (officers are residents the organisers name).
  await ok(http.put(`/api/referendums/${referendum}/officers`).set(organiser.auth).send({ officers: [{ accountId: resident.account.id, pollingStation: roll[0].pollingStation }] }), 200);

  // A participatory budget edition with an envelope, an idea and a project.
  const edition = (await ok<{ id: string }>(http.post('/api/budget/editions').set(organiser.auth).send({ title: 'Budget participatif', rule: 'greedy', calendar: BUDGET_CALENDAR_2027 }), 201)).id;
  const envelope = (await ok<{ id: string }>(http.post(`/api/budget/editions/${edition}/envelopes`).set(organiser.auth).send({ kind: 'citywide', name: 'Tout Paris', amountCents: 100_000_00 }), 201)).id;
  await ok(http.post(`/api/budget/editions/${edition}/phase`).set(organiser.auth).send({ phase: 'ideas' }), 200);
  const idea = (await ok<{ id: string }>(http.post(`/api/budget/editions/${edition}/ideas`).set(resident.auth).send({ title: 'Des arbres' }), 201)).id;
  await ok(http.post(`/api/budget/editions/${edition}/phase`).set(organiser.auth).send({ phase: 'co-construction' }), 200);
  const project = (await ok<{ id: string }>(http.post(`/api/budget/editions/${edition}/projects`).set(organiser.auth).send({ title: 'Planter', ideaIds: [idea] }), 201)).id;

  const targetAccount = await createAccount(t.app);
  return {
    people,
    assembly,
    otherAssembly,
    memberSeat,
    spareSeat,
    invitationCodeForSeat,
    pool,
    draw,
    sourceList: list.id,
    invitationDraw,
    invitation,
    respondent,
    letterCode: letters[2].invitation_code,
    draftPoll,
    openPoll: open.id,
    closablePoll: closable.id,
    closedPoll: closed.id,
    openPollOptions: open.options.map((o) => o.id),
    motion: submittedMotion,
    draftMotion,
    reviewableMotion,
    petition,
    amendment,
    decidedMotion,
    decidedPoll: adoption.id,
    decision,
    milestone,
    session,
    membersSession,
    referendum,
    elector: roll[0].externalId,
    station: roll[0].pollingStation,
    edition,
    envelope,
    idea,
    project,
    target: { id: targetAccount.id, email: targetAccount.email! },
  };
}

