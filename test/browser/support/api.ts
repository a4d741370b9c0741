import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The account global setup creates with the CLI; the tests make it a city organiser. */
export const ORGANISER = { email: 'organiser@browser-tests.example', name: 'Organisatrice', password: 'organiser password for browser tests' };

export function baseUrl(): string {
  const url = process.env.PNYX_BROWSER_BASE_URL;
  if (url === undefined) throw new Error('PNYX_BROWSER_BASE_URL is not set: run through test/browser/playwright.config.ts');
  return url;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@browser-tests.example`;
}

export async function request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export async function login(email: string, password: string): Promise<string> {
  return (await request<{ accessToken: string }>('POST', '/api/auth/login', null, { email, password })).accessToken;
}

/** The browser tests' API issues access tokens this short-lived (global-setup.ts), so pages must refresh them. */
export const ACCESS_TOKEN_TTL_SECONDS = 30;

let organiserToken: { token: Promise<string>; at: number } | null = null;

/** The organiser's access token (admin created by the CLI, granted the organiser role once), fresh enough for a test's setup. */
export function organiser(): Promise<string> {
  if (organiserToken === null || Date.now() - organiserToken.at > (ACCESS_TOKEN_TTL_SECONDS / 3) * 1000) {
    organiserToken = {
      at: Date.now(),
      token: (async () => {
        const token = await login(ORGANISER.email, ORGANISER.password);
        const me = await request<{ id: string; roles: string[] }>('GET', '/api/auth/me', token);
        if (!me.roles.includes('organiser')) await request('PUT', `/api/accounts/${me.id}/roles/organiser`, token);
        return token;
      })(),
    };
  }
  return organiserToken.token;
}

export interface Poll {
  id: string;
  title: string;
  options: Array<{ id: string; label: string }>;
  grades: string[];
}

export async function openResidentPoll(title: string, options: string[], extra: Record<string, unknown> = {}): Promise<Poll> {
  const token = await organiser();
  const poll = await request<Poll>('POST', '/api/polls', token, { title, audience: 'residents', options: options.map((label) => ({ label })), ...extra });
  await request('POST', `/api/polls/${poll.id}/open`, token);
  return poll;
}

export async function closePoll(id: string): Promise<void> {
  await request('POST', `/api/polls/${id}/close`, await organiser());
}

export async function residentToken(): Promise<string> {
  const email = uniqueEmail('voter');
  const password = 'a resident password long enough';
  await request('POST', '/api/auth/register', null, { email, password, displayName: 'Voter' });
  return login(email, password);
}

/** Casts a ballot as a fresh resident (other voters, so results have more than one ballot). */
export async function castAs(token: string, pollId: string, grades: Record<string, number>): Promise<string> {
  return (await request<{ receipt: string }>('POST', `/api/polls/${pollId}/ballots`, token, { grades })).receipt;
}

/** Paris wall-clock time `offsetHours` from now, as referendums take it (YYYY-MM-DDTHH:mm). */
export function parisLocal(offsetHours: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(Date.now() + offsetHours * 3600_000))
    .replace(' ', 'T');
}

export interface Elector {
  externalId: string;
  birthDate: string;
  district: string;
  code: string;
  /** Names on the roll (default Nom<i>, Prénom<i>): an elector who votes with a provider identity is found by them. */
  familyName?: string;
  givenNames?: string;
}

/** An open referendum on a small roll, with each elector's code (as the mailing CSV gives them). */
export async function openReferendum(title: string, questions: unknown[], roll: Array<Omit<Elector, 'code'>>, identityProviders: string[] = []): Promise<{ id: string; electors: Elector[] }> {
  const token = await organiser();
  const referendum = await request<{ id: string }>('POST', '/api/referendums', token, { title, opensAt: parisLocal(-1), closesAt: parisLocal(48), districtThreshold: 1, identityProviders, questions });
  const csv = [
    'external_id,family_name,given_names,birth_date,district,polling_station',
    ...roll.map((e, i) => `${e.externalId},${e.familyName ?? `Nom${i}`},${e.givenNames ?? `Prénom${i}`},${e.birthDate},${e.district},${e.district}-A`),
  ].join('\n');
  const form = new FormData();
  form.append('roll', new Blob([csv], { type: 'text/csv' }), 'roll.csv');
  const imported = await fetch(`${baseUrl()}/api/referendums/${referendum.id}/roll`, { method: 'PUT', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (!imported.ok) throw new Error(`roll import: ${imported.status} ${await imported.text()}`);
  const codesCsv = await (await fetch(`${baseUrl()}/api/referendums/${referendum.id}/codes`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).text();
  const codes = new Map(
    codesCsv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => {
        const cells = line.split(',');
        return [cells[0], cells[cells.length - 1]] as const;
      }),
  );
  await request('POST', `/api/referendums/${referendum.id}/open`, token);
  return { id: referendum.id, electors: roll.map((elector) => ({ ...elector, code: codes.get(elector.externalId)! })) };
}

/** Votes online as an elector would (yes/no and single choice: an option index, or null for blank). */
export async function voteInReferendum(id: string, elector: Elector, answers: unknown[]): Promise<void> {
  await request('POST', `/api/referendums/${id}/ballots`, null, { code: elector.code, birthDate: elector.birthDate, answers });
}

export async function closeReferendum(id: string): Promise<void> {
  await request('POST', `/api/referendums/${id}/close`, await organiser());
}

/** An active assembly taking petitions (threshold, days), and a petition collecting supports in it. */
export async function assemblyWithPetition(title: string, threshold = 3): Promise<{ assemblyId: string; petitionId: string }> {
  const token = await organiser();
  const assembly = await request<{ id: string }>('POST', '/api/assemblies', token, { name: `Assemblée citoyenne ${randomBytes(2).toString('hex')}`, seats: 10, termStart: '2027-01-01', termEnd: '2027-12-31' });
  await request('PUT', `/api/assemblies/${assembly.id}/agenda-settings`, token, { petitionThreshold: threshold, petitionDays: 30 });
  const author = await residentToken();
  const petition = await request<{ id: string }>('POST', `/api/assemblies/${assembly.id}/proposals`, author, {
    kind: 'petition',
    title,
    body: 'Nous demandons **des fontaines** dans chaque square.\n\n- eau potable\n- accessible à tous\n\n<script>alert(1)</script>',
    category: 'espaces verts',
  });
  await request('POST', `/api/proposals/${petition.id}/transitions/submit`, author, {});
  return { assemblyId: assembly.id, petitionId: petition.id };
}

export interface Member {
  name: string;
  email: string;
  password: string;
  accountId: string;
}

/**
 * An active assembly as a city makes one: a pool drawn by lot (example_small_20, 20 seats), two
 * seats linked to residents' accounts by their invitation codes, and a public session with two
 * agenda items (motions of the members, admitted and scheduled with their minutes).
 */
export async function assemblyInSession(names: string[]): Promise<{ assemblyId: string; sessionId: string; members: Member[] }> {
  const token = await organiser();
  const authed = { Authorization: `Bearer ${token}` };
  const assembly = await request<{ id: string }>('POST', '/api/assemblies', token, { name: `Assemblée citoyenne ${randomBytes(2).toString('hex')}`, seats: 20, termStart: '2027-01-01', termEnd: '2027-12-31' });
  const dir = join(process.cwd(), 'test', 'fixtures', 'sortition', 'example_small_20');
  const form = new FormData();
  form.append('quotas', new Blob([readFileSync(join(dir, 'categories.csv'))], { type: 'text/csv' }), 'categories.csv');
  form.append('pool', new Blob([readFileSync(join(dir, 'respondents.csv'))], { type: 'text/csv' }), 'respondents.csv');
  const pool = await fetch(`${baseUrl()}/api/assemblies/${assembly.id}/pools`, { method: 'POST', headers: authed, body: form });
  if (pool.status !== 201) throw new Error(`pool upload: ${pool.status} ${await pool.text()}`);
  const draw = await request<{ id: string }>('POST', `/api/assemblies/${assembly.id}/draws`, token, { algorithm: 'maximin', lotterySize: 50 });
  for (let attempt = 0; ; attempt += 1) {
    const state = await request<{ status: string }>('GET', `/api/draws/${draw.id}`, token);
    if (state.status === 'computed') break;
    if (attempt > 300 || state.status === 'failed') throw new Error(`draw ${draw.id}: ${state.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await request('POST', `/api/draws/${draw.id}/seed`, token, { seed: '4 2 6 1 5 3' });
  const seats = (await request<Array<{ id: string; role: string }>>('GET', `/api/assemblies/${assembly.id}/memberships`, token)).filter((membership) => membership.role === 'member');
  const members: Member[] = [];
  for (const [index, name] of names.entries()) {
    const email = uniqueEmail(name.toLowerCase().replace(/[^a-z]/g, ''));
    const password = `${name} a une phrase de passe`;
    await request('POST', '/api/auth/register', null, { email, password, displayName: name });
    const memberToken = await login(email, password);
    const { code } = await request<{ code: string }>('POST', `/api/assemblies/${assembly.id}/memberships/${seats[index].id}/invitation`, token);
    await request('POST', '/api/invitations/redeem', memberToken, { code });
    const me = await request<{ id: string }>('GET', '/api/auth/me', memberToken);
    members.push({ name, email, password, accountId: me.id });
  }
  await request('PATCH', `/api/assemblies/${assembly.id}`, token, { status: 'active' });
  const session = await request<{ id: string }>('POST', `/api/assemblies/${assembly.id}/sessions`, token, { title: 'Séance plénière du 12 mars', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), visibility: 'public' });
  const author = await login(members[0].email, members[0].password);
  for (const [position, title] of ['Végétaliser les cours d’école', 'Tarification solidaire de l’eau'].entries()) {
    const motion = await request<{ id: string }>('POST', `/api/assemblies/${assembly.id}/proposals`, author, { kind: 'motion', title, body: 'Exposé des motifs.' });
    await request('POST', `/api/proposals/${motion.id}/transitions/submit`, author, {});
    await request('POST', `/api/proposals/${motion.id}/transitions/start-review`, token, {});
    await request('POST', `/api/proposals/${motion.id}/transitions/admit`, token, { reason: 'Recevable' });
    await request('POST', `/api/proposals/${motion.id}/transitions/schedule`, token, { sessionId: session.id, position: position + 1, allottedMinutes: 30 });
  }
  return { assemblyId: assembly.id, sessionId: session.id, members };
}

/**
 * Sends room commands from Node as `token`'s account: one socket.io connection per command batch,
 * since the gateway limits each connection to 10 messages per 10 s.
 */
export async function inRoom(token: string, sessionId: string, commands: Array<[string, Record<string, unknown>]>): Promise<void> {
  const { io } = await import('socket.io-client');
  const socket = io(`${baseUrl()}/deliberation`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    for (const [event, payload] of [['session.join', {}] as [string, Record<string, unknown>], ...commands]) {
      const ack = (await socket.timeout(10_000).emitWithAck(event, { sessionId, ...payload })) as { ok: boolean; code?: string; message?: string };
      if (!ack.ok) throw new Error(`${event}: ${ack.code} ${ack.message}`);
    }
  } finally {
    socket.close();
  }
}

/** A Paris calendar day `offsetDays` from today (YYYY-MM-DD). */
export function parisDay(offsetDays: number): string {
  return parisLocal(offsetDays * 24).slice(0, 10);
}

/**
 * A participatory budget in its ideas phase, voted by greedy selection on Paris's four grades, its
 * vote window around now: a citywide envelope of €100,000, the 11th district's of €50,000 and the
 * 20th's of €40,000.
 */
export async function budgetInIdeas(title: string): Promise<{ editionId: string; envelopes: { citywide: string; eleventh: string; twentieth: string } }> {
  const token = await organiser();
  const edition = await request<{ id: string }>('POST', '/api/budget/editions', token, {
    title,
    description: 'Proposez, puis votez pour les projets de votre ville et de votre arrondissement.',
    rule: 'greedy',
    calendar: {
      ideasFrom: parisDay(-10),
      coConstructionFrom: parisDay(-8),
      feasibilityFrom: parisDay(-6),
      ballotFrom: parisDay(-3),
      voteOpensAt: parisLocal(-24),
      voteClosesAt: parisLocal(72),
      resultsFrom: parisDay(4),
      followUpFrom: parisDay(30),
    },
  });
  const envelope = async (body: Record<string, unknown>): Promise<string> => (await request<{ id: string }>('POST', `/api/budget/editions/${edition.id}/envelopes`, token, body)).id;
  const envelopes = {
    citywide: await envelope({ kind: 'citywide', name: 'Tout Paris', amountCents: 100_000_00 }),
    eleventh: await envelope({ kind: 'district', district: '11e', name: '11e arrondissement', amountCents: 50_000_00, maxProjectCostCents: 40_000_00 }),
    twentieth: await envelope({ kind: 'district', district: '20e', name: '20e arrondissement', amountCents: 40_000_00 }),
  };
  await request('POST', `/api/budget/editions/${edition.id}/phase`, token, { phase: 'ideas' });
  return { editionId: edition.id, envelopes };
}
