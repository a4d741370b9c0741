import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Test } from 'supertest';
import { buildAuthorizationWorld, CALLERS, type AuthorizationWorld } from '../support/authorization-world.js';
import { fixtureFiles } from '../support/assemblies.js';
import { sourceListCsv } from '../support/source-lists.js';
import { electors, rollCsv } from '../support/referendums.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loginAs, uniqueEmail } from '../support/factories.js';

/*
 * Who may call what: every route of the OpenAPI document, for each of eight kinds of caller, against
 * the table below. A route without an entry fails the test, so a new route must say who may call it.
 *
 * An expectation is eight characters, one per caller, in this order:
 *
 *     anonymous · resident · member of this assembly · member of another · facilitator of this
 *     assembly · organiser of this assembly · city organiser (organiser of another assembly) · admin
 *
 *   o  allowed: the request reaches the handler (not 401, 403 or 404, and its body passed validation;
 *      a refusal of the state, such as 409 POLL_CLOSED, still counts as allowed)
 *   1  401 UNAUTHENTICATED          3  403 (FORBIDDEN or a role code)
 *   4  404: the resource is not shown to this caller, so its existence does not leak
 *
 * Each request carries a body valid for the route, so a refusal is the role's and not the input's
 * (validation runs before the services' checks). Refused callers are tried first, so the allowed ones'
 * changes cannot turn a 403 into a 409.
 *
 * Adding a route: MATRIX_PRINT=1 prints every row as seen, in the table's syntax, with each caller's
 * status and error code; decide which rule the route should follow, then write it in the table.
 */

// The rules, named. Admins manage accounts, not assemblies, votes or budgets: they see no one's
// personal data unless they also hold an organiser's seat. City organisers (the global role) run the
// city-wide votes and budgets; an assembly is run by its own organisers (the role AND a seat).
//                                        an re me oM fa or cO ad
const PUBLIC = 'oooooooo';
const SIGNED_IN = '1ooooooo';
/** Members of this assembly: motions, amendments, their ballots, their own attendance. */
const MEMBERS = '13o33333';
/** The one author of a draft: to everyone else it does not exist. */
const AUTHOR_ONLY = '44o44444';
/** Those who chair this assembly's sittings: its facilitators and organisers. */
const CHAIRS = '1333oo33';
/** This assembly's organisers only (not an organiser of another assembly, not an admin). */
const ASSEMBLY_ORGANISER = '13333o33';
/** A sitting closed to the public: its assembly's members and chairs (anonymous callers are told 403, not 401: signing in alone would not open it). */
const SITTING_CLOSED = '33o3oo33';
/** City-wide: referendums and the participatory budget, run by any holder of the organiser role. */
const CITY_ORGANISERS = '13333oo3';
/** The audit log and account lookups: organisers and admins. */
const ORGANISERS_AND_ADMIN = '13333ooo';
/** Accounts and roles. */
const ADMIN = '1333333o';
/** The polling station's officer: in this world the resident is the officer of station 1er-A. */
const STATION_OFFICER = '1o333333';
const OFFICER_OR_CITY_ORGANISER = '1o333oo3';

interface Probe {
  /** Values for the path's parameters, when not the world's default for that kind of resource. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Multipart or CSV requests, instead of a JSON body. */
  send?: (request: Test) => Test;
  /** Run after every other route: it changes who the callers are (an account deleted, a seat taken). */
  last?: boolean;
  /** Each caller signs in afresh for this request: it ends the session it is made with. */
  freshSession?: boolean;
  /** The allowed outcome is a 404 about what was asked for (e.g. an identity that is not linked), not the route. */
  allowedCodes?: string[];
}
type Entry = [expectation: string, probe?: (w: AuthorizationWorld) => Probe];

const quotas = (): Buffer => Buffer.from('feature,value,min,max\nsource,roll,0,1\n');

const TABLE: Record<string, Entry> = {
  'GET /api/health': [PUBLIC],
  'GET /api/health/ready': [PUBLIC],
  'POST /api/auth/register': [PUBLIC, () => ({ body: { email: uniqueEmail('matrix'), password: 'a long enough password', displayName: 'M' } })],
  'POST /api/auth/login': [PUBLIC, () => ({ body: { email: 'nobody@example.org', password: 'a long enough password' } })],
  'POST /api/auth/refresh': [PUBLIC, () => ({ body: { refreshToken: 'not-a-token' } })],
  'POST /api/auth/logout': [SIGNED_IN, () => ({ freshSession: true })],
  'GET /api/auth/me': [SIGNED_IN],
  'GET /api/auth/methods': [PUBLIC],
  'POST /api/auth/oidc/{provider}/start': [PUBLIC, () => ({ body: { returnTo: '/' } })],
  'POST /api/auth/oidc/{provider}/link': [SIGNED_IN, () => ({ body: { returnTo: '/account' } })],
  'GET /api/auth/oidc/{provider}/callback': [PUBLIC],
  'DELETE /api/auth/identities/{provider}': [SIGNED_IN, () => ({ allowedCodes: ['IDENTITY_NOT_LINKED'] })],
  'GET /api/accounts': [ADMIN, () => ({ query: { email: 'example' } })],
  'GET /api/accounts/lookup': [ORGANISERS_AND_ADMIN, (w) => ({ query: { email: w.target.email } })],
  'GET /api/accounts/{id}': [ADMIN],
  'PUT /api/accounts/{id}/roles/{role}': [ADMIN],
  'DELETE /api/accounts/{id}/roles/{role}': [ADMIN],
  'POST /api/assemblies': [CITY_ORGANISERS, () => ({ body: { name: 'Nouvelle', seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' } })],
  'GET /api/assemblies': [PUBLIC],
  'GET /api/assemblies/{id}': [PUBLIC],
  'PATCH /api/assemblies/{id}': [ASSEMBLY_ORGANISER, () => ({ body: { description: 'Changée' } })],
  'GET /api/assemblies/{id}/memberships': [PUBLIC],
  'POST /api/assemblies/{id}/memberships': [ASSEMBLY_ORGANISER, (w) => ({ body: { accountId: w.target.id, role: 'facilitator' } })],
  'PUT /api/assemblies/{id}/memberships/{membershipId}/name-shown': [MEMBERS, (w) => ({ params: { membershipId: w.memberSeat }, body: { shown: true } })],
  'PATCH /api/assemblies/{id}/memberships/{membershipId}': [ASSEMBLY_ORGANISER, () => ({ body: { role: 'alternate' } })],
  'POST /api/assemblies/{id}/memberships/{membershipId}/end': [ASSEMBLY_ORGANISER, () => ({ body: { reason: 'Démission' } })],
  'POST /api/assemblies/{id}/memberships/{membershipId}/invitation': [ASSEMBLY_ORGANISER],
  'POST /api/invitations/redeem': [SIGNED_IN, (w) => ({ body: { code: w.invitationCodeForSeat }, last: true, allowedCodes: ['INVITATION_INVALID'] })],
  'POST /api/assemblies/{id}/pools': [ASSEMBLY_ORGANISER, () => ({ send: (r) => r.attach('quotas', readFileSync(fixtureFiles('example_small_20').quotas), 'quotas.csv').attach('pool', readFileSync(fixtureFiles('example_small_20').pool), 'pool.csv') })],
  'GET /api/assemblies/{id}/pools': [PUBLIC],
  'GET /api/pools/{id}': [PUBLIC],
  'GET /api/pools/{id}/quotas': [PUBLIC],
  'GET /api/pools/{id}/volunteers': [PUBLIC],
  'GET /api/pools/{id}/export': [ASSEMBLY_ORGANISER],
  'POST /api/assemblies/{id}/draws': [ASSEMBLY_ORGANISER, () => ({ body: { algorithm: 'leximin' } })],
  'GET /api/assemblies/{id}/draws': [PUBLIC],
  'POST /api/assemblies/{id}/replacement-draws': [ASSEMBLY_ORGANISER, () => ({ body: {} })],
  'GET /api/draws/{id}': [PUBLIC],
  'GET /api/draws/{id}/bundle': [PUBLIC],
  'POST /api/draws/{id}/seed': [ASSEMBLY_ORGANISER, () => ({ body: { seed: '4 2 6 1 3 5' } })],
  'GET /api/draws/{id}/record.pdf': [ASSEMBLY_ORGANISER],
  'POST /api/draws/{id}/legacy-comparison': [ASSEMBLY_ORGANISER, () => ({ body: { runs: 100 } })],
  'POST /api/draws/{id}/cancel': [ASSEMBLY_ORGANISER, () => ({ body: { reason: 'Erreur de fichier' } })],
  'PUT /api/assemblies/{id}/source-lists': [ASSEMBLY_ORGANISER, () => ({ query: { source: 'young', fileName: 'young.csv' }, send: (r) => r.set('Content-Type', 'text/csv').send(sourceListCsv(5, 'Y')) })],
  'GET /api/assemblies/{id}/source-lists': [ASSEMBLY_ORGANISER],
  'POST /api/assemblies/{id}/invitation-draws': [ASSEMBLY_ORGANISER, (w) => ({ body: { listIds: [w.sourceList], mix: [1], count: 2, questions: [] } })],
  'GET /api/assemblies/{id}/invitation-draws': [PUBLIC],
  'GET /api/invitation-draws/{id}': [PUBLIC],
  'POST /api/invitation-draws/{id}/seed': [ASSEMBLY_ORGANISER, () => ({ body: { seed: 'encore' } })],
  'GET /api/invitation-draws/{id}/result.json': [ASSEMBLY_ORGANISER],
  'GET /api/invitation-draws/{id}/record.pdf': [ASSEMBLY_ORGANISER],
  'POST /api/invitation-draws/{id}/letters': [ASSEMBLY_ORGANISER],
  'GET /api/assemblies/{id}/invitations': [ASSEMBLY_ORGANISER, () => ({ query: { search: 'Nom1' } })],
  'POST /api/invitations/{id}/code': [ASSEMBLY_ORGANISER],
  'POST /api/respond/lookup': [PUBLIC, (w) => ({ body: { code: w.letterCode } })],
  'POST /api/respond': [PUBLIC, () => ({ body: { code: 'AAAAA-AAAAA-AAAAA-AAAAA', consent: true, answers: {} }, allowedCodes: ['INVITATION_CODE_INVALID'] })],
  'POST /api/assemblies/{id}/respondents': [ASSEMBLY_ORGANISER, (w) => ({ body: { code: w.letterCode, consent: true, answers: {}, channel: 'phone' } })],
  'GET /api/assemblies/{id}/respondents': [ASSEMBLY_ORGANISER],
  'DELETE /api/assemblies/{id}/respondents/{respondentId}': [ASSEMBLY_ORGANISER, () => ({ body: { reason: 'Au téléphone' } })],
  'POST /api/assemblies/{id}/pools/from-respondents': [ASSEMBLY_ORGANISER, () => ({ send: (r) => r.attach('quotas', quotas(), 'quotas.csv') })],
  'POST /api/polls': [CHAIRS, (w) => ({ body: { title: 'Sondage', audience: 'assembly', assemblyId: w.assembly, options: [{ label: 'A' }, { label: 'B' }] } })],
  'GET /api/polls': [PUBLIC],
  'GET /api/polls/{id}': [PUBLIC],
  'PATCH /api/polls/{id}': [CHAIRS, (w) => ({ params: { id: w.draftPoll }, body: { title: 'Retitré' } })],
  'POST /api/polls/{id}/open': [CHAIRS, (w) => ({ params: { id: w.draftPoll } })],
  'POST /api/polls/{id}/close': [CHAIRS, (w) => ({ params: { id: w.closablePoll } })],
  'POST /api/polls/{id}/publish': [CHAIRS, (w) => ({ params: { id: w.closedPoll } })],
  'POST /api/polls/{id}/ballots': [MEMBERS, (w) => ({ body: { grades: { [w.openPollOptions[0]]: 3, [w.openPollOptions[1]]: 2 } } })],
  'GET /api/polls/{id}/participation': [SIGNED_IN],
  'GET /api/polls/{id}/turnout': [PUBLIC],
  'GET /api/polls/{id}/results': [PUBLIC, (w) => ({ params: { id: w.closedPoll } })],
  'GET /api/polls/{id}/bulletin-board': [PUBLIC, (w) => ({ params: { id: w.closedPoll } })],
  'POST /api/polls/{id}/receipts/verify': [PUBLIC, () => ({ body: { receipt: 'not-a-receipt' } })],
  'POST /api/assemblies/{id}/proposals': [MEMBERS, () => ({ body: { kind: 'motion', title: 'Motion' } })],
  'GET /api/assemblies/{id}/proposals': [PUBLIC],
  'GET /api/assemblies/{id}/proposals/export': [PUBLIC],
  'GET /api/proposals/{id}': [PUBLIC],
  'PATCH /api/proposals/{id}': [MEMBERS, (w) => ({ params: { id: w.draftMotion }, body: { title: 'Retitrée' } })],
  'POST /api/proposals/{id}/transitions/{action}': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.reviewableMotion, action: 'start-review' }, body: {} })],
  'PUT /api/proposals/{id}/support': [SIGNED_IN, (w) => ({ params: { id: w.petition } })],
  'DELETE /api/proposals/{id}/support': [SIGNED_IN, (w) => ({ params: { id: w.petition } })],
  'POST /api/proposals/{id}/reports': [SIGNED_IN, (w) => ({ params: { id: w.petition }, body: { reason: 'spam' } })],
  'GET /api/proposals/{id}/reports': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.petition } })],
  'POST /api/proposals/{id}/reports/dismiss': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.petition }, body: { reason: 'Rien à redire' } })],
  'GET /api/assemblies/{id}/reports': [ASSEMBLY_ORGANISER],
  'PUT /api/proposals/{id}/hidden': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.petition }, body: { reason: 'Hors charte' } })],
  'DELETE /api/proposals/{id}/hidden': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.petition } })],
  'POST /api/proposals/{id}/amendments': [MEMBERS, () => ({ body: { body: 'Autre texte.' } })],
  'GET /api/proposals/{id}/amendments': [PUBLIC],
  'POST /api/amendments/{id}/decision': [MEMBERS, () => ({ body: { decision: 'reject' } })],
  'GET /api/proposals/{id}/versions': [PUBLIC],
  'GET /api/proposals/{id}/diff': [PUBLIC, () => ({ query: { from: '1', to: '1' } })],
  'POST /api/assemblies/{id}/sessions': [CHAIRS, () => ({ body: { title: 'Séance', scheduledAt: '2027-05-01T18:00:00Z' } })],
  'GET /api/assemblies/{id}/sessions': [PUBLIC],
  'GET /api/sessions': [PUBLIC],
  'GET /api/sessions/{id}/agenda': [PUBLIC],
  'GET /api/assemblies/{id}/agenda-settings': [PUBLIC],
  'PUT /api/assemblies/{id}/agenda-settings': [ASSEMBLY_ORGANISER, () => ({ body: { petitionThreshold: 10, petitionDays: 60 } })],
  'POST /api/proposals/{id}/decision': [ASSEMBLY_ORGANISER, (w) => ({ params: { id: w.decidedMotion }, body: {} })],
  'GET /api/assemblies/{id}/decisions': [PUBLIC],
  'GET /api/assemblies/{id}/decisions.atom': [PUBLIC],
  'GET /api/decisions/{id}': [PUBLIC],
  'PUT /api/decisions/{id}/transmission': [ASSEMBLY_ORGANISER, () => ({ body: { transmittedOn: '2026-11-10', reference: '2026 DDCT 142' } })],
  'PUT /api/decisions/{id}/council-answer': [ASSEMBLY_ORGANISER, () => ({ body: { answer: 'adopted', answeredOn: '2026-11-20' } })],
  'POST /api/decisions/{id}/milestones': [ASSEMBLY_ORGANISER, () => ({ body: { title: 'Travaux', department: 'DVD', plannedOn: '2027-09-30' } })],
  'PATCH /api/decisions/{id}/milestones/{milestoneId}': [ASSEMBLY_ORGANISER, () => ({ body: { note: 'En cours' } })],
  'GET /api/sessions/{id}/breakouts': [PUBLIC],
  'GET /api/sessions/{id}/room': [PUBLIC],
  'GET /api/sessions/{id}/events': [PUBLIC],
  'GET /api/sessions/{id}/messages': [PUBLIC],
  'GET /api/sessions/{id}/votes': [PUBLIC],
  'GET /api/sessions/{id}/minutes': [PUBLIC],
  'GET /api/sessions/{id}/facilitators': [PUBLIC],
  'PUT /api/sessions/{id}/facilitators': [ASSEMBLY_ORGANISER, (w) => ({ body: { accountIds: [w.people.facilitator.account.id] } })],
  'GET /api/sessions/{id}/attendance': [CHAIRS],
  'POST /api/sessions/{id}/attendance/check-in': [CHAIRS, (w) => ({ body: { membershipId: w.memberSeat } })],
  'POST /api/sessions/{id}/attendance/check-out': [CHAIRS, (w) => ({ body: { membershipId: w.memberSeat } })],
  'PUT /api/sessions/{id}/attendance/{membershipId}/correction': [ASSEMBLY_ORGANISER, (w) => ({ params: { membershipId: w.memberSeat }, body: { minutes: 180, reason: 'Feuille papier' } })],
  'GET /api/assemblies/{id}/indemnity-rules': [PUBLIC],
  'PUT /api/assemblies/{id}/indemnity-rules': [ASSEMBLY_ORGANISER, () => ({ body: { centsPerHalfDay: 4400, minimumMinutes: 120 } })],
  'GET /api/assemblies/{id}/indemnities': [ASSEMBLY_ORGANISER, () => ({ query: { from: '2026-11', to: '2026-12' } })],
  'GET /api/assemblies/{id}/attendance/me': [MEMBERS],
  'POST /api/referendums': [CITY_ORGANISERS, () => ({ body: { title: 'Votation', opensAt: '2027-04-04T08:00', closesAt: '2027-04-04T20:00', questions: [{ kind: 'yes-no', text: 'Oui ?' }] } })],
  'GET /api/referendums': [PUBLIC],
  'GET /api/referendums/officer-assignments': [SIGNED_IN],
  'GET /api/referendums/{id}': [PUBLIC],
  'PUT /api/referendums/{id}/roll': [CITY_ORGANISERS, () => ({ query: { dryRun: 'true' }, send: (r) => r.attach('roll', Buffer.from(rollCsv(electors(4, ['1er']))), 'roll.csv') })],
  'POST /api/referendums/{id}/codes': [CITY_ORGANISERS],
  'GET /api/referendums/{id}/stations': [OFFICER_OR_CITY_ORGANISER],
  'GET /api/referendums/{id}/electors/{externalId}': [OFFICER_OR_CITY_ORGANISER],
  'POST /api/referendums/{id}/electors/{externalId}/reissue': [CITY_ORGANISERS],
  'POST /api/referendums/{id}/electors/{externalId}/unlock': [CITY_ORGANISERS],
  'POST /api/referendums/{id}/open': [CITY_ORGANISERS],
  'POST /api/referendums/{id}/close': [CITY_ORGANISERS],
  'POST /api/referendums/{id}/publish': [CITY_ORGANISERS],
  'POST /api/referendums/{id}/ballots': [PUBLIC, () => ({ body: { code: 'K7QM-2XPA-9RTD-0B4E-HV1C-YS6N-W', birthDate: '1990-05-17', answers: [{ choice: 0 }] } })],
  'POST /api/referendums/{id}/identity-ballots': [SIGNED_IN, () => ({ body: { answers: [{ choice: 0 }] }, allowedCodes: ['IDENTITY_PROVIDER_REQUIRED'] })],
  'GET /api/referendums/{id}/turnout': [PUBLIC],
  'GET /api/referendums/{id}/results': [PUBLIC],
  'GET /api/referendums/{id}/ballot-boxes': [PUBLIC],
  'PUT /api/referendums/{id}/officers': [CITY_ORGANISERS, (w) => ({ body: { officers: [{ accountId: w.people.resident.account.id, pollingStation: w.station }] } })],
  'POST /api/referendums/{id}/paper-votes': [STATION_OFFICER, (w) => ({ body: { externalId: w.elector } })],
  'PUT /api/referendums/{id}/stations/{station}/count': [STATION_OFFICER, () => ({ body: { counts: {} } })],
  'POST /api/budget/editions': [CITY_ORGANISERS, () => ({ body: { title: 'Budget', rule: 'greedy', calendar: { ideasFrom: '2028-01-15', coConstructionFrom: '2028-03-01', feasibilityFrom: '2028-04-01', ballotFrom: '2028-08-01', voteOpensAt: '2028-09-10T09:00', voteClosesAt: '2028-10-01T20:00', resultsFrom: '2028-10-05', followUpFrom: '2029-01-01' } } })],
  'GET /api/budget/editions': [PUBLIC],
  'GET /api/budget/editions/{id}': [PUBLIC],
  'POST /api/budget/editions/{id}/phase': [CITY_ORGANISERS, () => ({ body: { phase: 'feasibility' } })],
  'GET /api/budget/editions/{id}/envelopes': [PUBLIC],
  'POST /api/budget/editions/{id}/envelopes': [CITY_ORGANISERS, () => ({ body: { kind: 'district', district: '11e', name: '11e', amountCents: 500_00 } })],
  'POST /api/budget/editions/{id}/ideas': [SIGNED_IN, () => ({ body: { title: 'Une idée' } })],
  'GET /api/budget/editions/{id}/ideas': [PUBLIC],
  'GET /api/budget/ideas/{id}': [PUBLIC],
  'PUT /api/budget/ideas/{id}/follow': [SIGNED_IN],
  'DELETE /api/budget/ideas/{id}/follow': [SIGNED_IN],
  'POST /api/budget/editions/{id}/projects': [CITY_ORGANISERS, (w) => ({ body: { title: 'Projet', ideaIds: [w.idea] } })],
  'GET /api/budget/editions/{id}/projects': [PUBLIC],
  'GET /api/budget/projects/{id}': [PUBLIC],
  'PUT /api/budget/projects/{id}/feasibility': [CITY_ORGANISERS, (w) => ({ body: { admissible: true, reason: 'Faisable', costCents: 100_00, envelopeId: w.envelope } })],
  'PUT /api/budget/editions/{id}/district': [SIGNED_IN, () => ({ body: { district: '11e' } })],
  'GET /api/budget/editions/{id}/voter': [SIGNED_IN],
  'GET /api/budget/editions/{id}/ballot': [PUBLIC],
  'GET /api/budget/editions/{id}/results': [PUBLIC],
  'PUT /api/budget/projects/{id}/follow-up': [CITY_ORGANISERS, () => ({ body: { status: 'works', committedCents: 0, spentCents: 0 } })],
  'GET /api/budget/editions/{id}/follow-up': [PUBLIC],
  'GET /api/budget/editions/{id}/follow-up/export': [PUBLIC],
  'GET /api/me/data': [SIGNED_IN],
  'DELETE /api/me': [SIGNED_IN, () => ({ body: { confirm: true }, last: true })],
  'GET /api/privacy/retention': [PUBLIC],

  // The same routes on resources not everyone may see: the route, then ' · ' and what differs.
  // A draft poll is public on purpose: the city prepares its votes in the open; results and the
  // bulletin board wait for the close (409 for everyone).
  'GET /api/proposals/{id} · the member’s draft': [AUTHOR_ONLY, (w) => ({ params: { id: w.draftMotion } })],
  'GET /api/proposals/{id}/versions · the member’s draft': [AUTHOR_ONLY, (w) => ({ params: { id: w.draftMotion } })],
  'GET /api/proposals/{id}/amendments · the member’s draft': [AUTHOR_ONLY, (w) => ({ params: { id: w.draftMotion } })],
  'GET /api/polls/{id} · a draft poll': [PUBLIC, (w) => ({ params: { id: w.draftPoll } })],
  'GET /api/polls/{id}/results · an open poll': [PUBLIC],
  'GET /api/polls/{id}/bulletin-board · an open poll': [PUBLIC],
  'GET /api/sessions/{id}/room · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/messages · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/events · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/votes · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/minutes · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/breakouts · a sitting closed to the public': [SITTING_CLOSED, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/sessions/{id}/agenda · a sitting closed to the public': [PUBLIC, (w) => ({ params: { id: w.membersSession } })],
  'GET /api/audit': [ORGANISERS_AND_ADMIN],
  'GET /api/audit/verify': [ORGANISERS_AND_ADMIN],
};

/** The route of a table entry: entries for variants name it, then ' · ' and what differs. */
function routeOf(entry: string): string {
  return entry.split(' · ')[0];
}

/** The world's resource for a path parameter: `{id}` is whatever the path's first word names. */
function defaultParams(path: string, w: AuthorizationWorld): Record<string, string> {
  const byCollection: Record<string, string> = {
    accounts: w.target.id,
    assemblies: w.assembly,
    pools: w.pool,
    draws: w.draw,
    'invitation-draws': w.invitationDraw,
    invitations: w.invitation,
    polls: w.openPoll,
    proposals: w.motion,
    amendments: w.amendment,
    decisions: w.decision,
    sessions: w.session,
    referendums: w.referendum,
    'budget/editions': w.edition,
    'budget/ideas': w.idea,
    'budget/projects': w.project,
  };
  const collection = /^\/api\/(budget\/[a-z]+|[a-z-]+)\//.exec(path)?.[1] ?? '';
  return {
    id: byCollection[collection] ?? '',
    membershipId: w.spareSeat,
    respondentId: w.respondent,
    milestoneId: w.milestone,
    externalId: w.elector,
    station: w.station,
    provider: 'city',
    role: 'facilitator',
    action: 'start-review',
  };
}

interface Observed {
  status: number;
  code?: string;
}

function outcome(observed: Observed, allowedCodes: readonly string[]): string {
  // A server error is never an answer about who may call: shown as x, so the row fails.
  if (observed.status >= 500) return 'x';
  if (allowedCodes.includes(observed.code ?? '')) return 'o';
  // A 401 from the handler (wrong password, unknown refresh token) is the route answering, not refusing.
  // (A revoked or broken token would be the test's own fault: shown as x.)
  if (observed.status === 401) return observed.code === 'UNAUTHENTICATED' ? '1' : ['SESSION_REVOKED', 'TOKEN_INVALID', 'TOKEN_EXPIRED'].includes(observed.code ?? '') ? 'x' : 'o';
  if (observed.status === 403) return '3';
  if (observed.status === 404 && !allowedCodes.includes(observed.code ?? '')) return '4';
  if (observed.code === 'VALIDATION_FAILED') return 'v';
  return 'o';
}

describe('authorization matrix: every route, every kind of caller', () => {
  let t: TestApp;
  let provider: TestOidcProvider;
  let world: AuthorizationWorld;
  let operations: string[];

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: ['http://127.0.0.1/api/auth/oidc/city/callback'] });
    t = await startTestApp({
      env: {
        LOGIN_RATE_PER_MINUTE: '100000',
        ACCESS_TOKEN_TTL_SECONDS: '86400',
        OIDC_PROVIDERS: 'city',
        OIDC_CITY_ISSUER: provider.issuer,
        OIDC_CITY_CLIENT_ID: provider.clientId,
        OIDC_CITY_CLIENT_SECRET: provider.clientSecret,
        OIDC_CITY_NAME: 'Compte Paris',
      },
    });
    world = await buildAuthorizationWorld(t, { identityProviders: ['city'] });
    const document = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  it('has an entry for every route of the OpenAPI document, and none for a route that is gone', () => {
    expect(operations.filter((operation) => TABLE[operation] === undefined)).toEqual([]);
    expect(Object.keys(TABLE).filter((entry) => !operations.includes(routeOf(entry)))).toEqual([]);
    for (const [operation, [expectation]] of Object.entries(TABLE)) expect([operation, expectation]).toEqual([operation, expect.stringMatching(/^[o134]{8}$/)]);
  });

  it('answers each caller as the table says', async () => {
    // Read-only variants first (the main rows change those resources), then every route, then the last ones.
    const variants = Object.keys(TABLE).filter((entry) => entry !== routeOf(entry));
    const isLast = (op: string): boolean => TABLE[op]?.[1]?.(world).last === true;
    const ordered = [...variants, ...operations.filter((op) => !isLast(op)), ...operations.filter(isLast)];
    const seen: Record<string, string> = {};
    const details: Record<string, string[]> = {};
    for (const operation of ordered) {
      const [expectation, make] = TABLE[operation] ?? ['????????'];
      const probe = make?.(world) ?? {};
      const [method, path] = routeOf(operation).split(' ');
      const params = { ...defaultParams(path, world), ...probe.params };
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
      // Refused callers first: an allowed caller's change must not decide a refused one's answer.
      const order = CALLERS.map((caller, i) => ({ caller, i })).sort((a, b) => Number(expectation[a.i] === 'o') - Number(expectation[b.i] === 'o'));
      const row = Array.from<string>({ length: CALLERS.length }).fill('?');
      details[operation] = [];
      for (const { caller, i } of order) {
        let request = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        if (caller !== 'anonymous') {
          const person = world.people[caller];
          request = request.set(probe.freshSession === true ? (await loginAs(t.http, person.account)).auth : person.auth);
        }
        if (probe.query !== undefined) request = request.query(probe.query);
        const answer = probe.send !== undefined ? await probe.send(request) : await request.send(probe.body ?? {});
        const observed = { status: answer.status, code: (answer.body as { code?: string } | undefined)?.code };
        row[i] = outcome(observed, probe.allowedCodes ?? []);
        // Error codes only: a 2xx body's `code` can be a secret (an invitation or voting code).
        details[operation].push(`${caller}:${observed.status}${observed.status < 400 || observed.code === undefined ? '' : ` ${observed.code}`}`);
      }
      seen[operation] = row.join('');
    }
    const wrong = ordered.filter((operation) => seen[operation] !== TABLE[operation]?.[0]);
    // Printed so that whoever adds a route or changes a rule sees every row that differs, at once.
    if (process.env.MATRIX_PRINT === '1') process.stdout.write(ordered.map((op) => `  '${op}': '${seen[op]}',  // ${details[op].join(' ')}`).join('\n') + '\n');
    expect(wrong.map((operation) => `${operation}: expected ${TABLE[operation]?.[0]}, got ${seen[operation]} (${details[operation].join(', ')})`)).toEqual([]);
  }, 300_000);
});
