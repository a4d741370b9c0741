import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { pdfText } from '../../libs/sortition/src/testing/pdf-text.js';
import { binary, createAssembly, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { PNYX, run } from '../support/run-process.js';
import { sourceListCsv } from '../support/source-lists.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface ListBody {
  id: string;
  source: string;
  sha256: string;
  rows: number;
  bytes: number;
}
interface InvitationDrawBody {
  id: string;
  status: string;
  parametersDigest: string;
  invited?: number;
  allocation?: Record<string, { seats: number }>;
  seed?: string;
  invitedSha256?: string;
}
type Letter = Record<'source' | 'district' | 'family_name' | 'given_names' | 'address' | 'invitation_code' | 'answer_url' | 'answer_url_with_code', string>;

const QUESTIONS = [
  { category: 'gender', values: ['woman', 'man', 'other'] },
  { category: 'education', values: ['none', 'bac', 'higher'] },
];

describe('recruitment as Paris does: lists → invitations → letters → respondents → stage-2 pool and draw', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let stranger: LoggedIn;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000', PUBLIC_URL: 'https://participer.paris.example' } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    stranger = await createAndLogin(t.app, t.http, ['organiser']);
    dir = mkdtempSync(join(tmpdir(), 'pnyx-recruitment-'));
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (assemblyId: string, who: LoggedIn, source: string, fileName: string, csv: string) =>
    t.http.put(`/api/assemblies/${assemblyId}/source-lists`).query({ source, fileName }).set(who.auth).set('Content-Type', 'text/csv').send(csv);

  it('runs both stages, each verifiable, each with its official record', async () => {
    const assembly = await createAssembly(t.http, organiser, 2, 'Assemblée citoyenne de Paris');
    const texts = { roll: sourceListCsv(400, 'E'), foreign: sourceListCsv(120, 'F', true), young: sourceListCsv(60, 'Y') };

    // Lists: streamed, checked, their SHA-256 recorded; only the assembly's organisers upload them.
    const lists: ListBody[] = [];
    for (const [source, csv] of Object.entries(texts)) {
      const response = await upload(assembly.id, organiser, source, `${source}.csv`, csv).expect(201);
      lists.push(response.body as ListBody);
    }
    expect(lists.map((list) => list.rows)).toEqual([400, 120, 60]);
    expect(lists[1].sha256).toBe(createHash('sha256').update(texts.foreign).digest('hex'));
    expect((await upload(assembly.id, stranger, 'roll', 'roll.csv', texts.roll).expect(403)).body).toMatchObject({ code: 'NOT_ASSEMBLY_ORGANISER' });
    expect((await t.http.get(`/api/assemblies/${assembly.id}/source-lists`).set(organiser.auth).expect(200)).body).toHaveLength(3);

    // Published before the seed; a second draw waits until this one is drawn.
    const published = await t.http
      .post(`/api/assemblies/${assembly.id}/invitation-draws`)
      .set(organiser.auth)
      .send({ listIds: lists.map((list) => list.id), mix: [80, 15, 5], count: 20, strata: ['district'], countedOn: '2026-12-05', questions: QUESTIONS })
      .expect(201);
    const draw = published.body as InvitationDrawBody;
    expect(draw).toMatchObject({ status: 'published' });
    expect(draw.parametersDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(draw).not.toHaveProperty('seed');
    const second = await t.http
      .post(`/api/assemblies/${assembly.id}/invitation-draws`)
      .set(organiser.auth)
      .send({ listIds: [lists[0].id], mix: [1], count: 5, questions: [] })
      .expect(409);
    expect(second.body).toMatchObject({ code: 'INVITATION_DRAW_PENDING' });
    expect((await t.http.post(`/api/invitation-draws/${draw.id}/letters`).set(organiser.auth).expect(409)).body).toMatchObject({ code: 'INVITATION_DRAW_NOT_DRAWN' });

    // The seed draws: 80/15/5 of 20, at most one invitation per address.
    const seeded = await t.http
      .post(`/api/invitation-draws/${draw.id}/seed`)
      .set(organiser.auth)
      .send({ seed: '6 2 5 1 3 3', seedGivenBy: 'Un habitant du 20e, dés lancés en public', present: ['Maître Élise Dupont, commissaire de justice'] })
      .expect(200);
    const drawn = seeded.body as InvitationDrawBody;
    expect(drawn).toMatchObject({ status: 'drawn', invited: 20, seed: '6 2 5 1 3 3' });
    expect(Object.fromEntries(Object.entries(drawn.allocation!).map(([source, a]) => [source, a.seats]))).toEqual({ roll: 16, foreign: 3, young: 1 });
    expect((await t.http.post(`/api/invitation-draws/${draw.id}/seed`).set(organiser.auth).send({ seed: 'again' }).expect(409)).body).toMatchObject({ code: 'INVITATION_DRAW_ALREADY_DRAWN' });

    // Anyone holding the lists re-runs it with the CLI: the same people, from the digests and the seed.
    const result = await t.http.get(`/api/invitation-draws/${draw.id}/result.json`).set(organiser.auth).expect(200);
    const output = result.body as { invited: Array<{ id: string; source: string }>; parametersDigest: string };
    expect(output.parametersDigest).toBe(draw.parametersDigest);
    const files = Object.entries(texts).map(([source, csv]) => {
      const file = join(dir, `${source}.csv`);
      writeFileSync(file, csv);
      return file;
    });
    writeFileSync(join(dir, 'published.json'), JSON.stringify(output));
    const verified = await run(PNYX, ['sortition', 'verify-invitations', '--published', join(dir, 'published.json'), '--lists', files.join(',')]);
    expect(verified.stdout).toContain('the invitations reproduce');
    expect(verified.code).toBe(0);
    const cli = await run(PNYX, ['sortition', 'invite', '--lists', files.join(','), '--sources', 'roll,foreign,young', '--count', '20', '--mix', '80,15,5', '--strata', 'district', '--seed', '6 2 5 1 3 3', '--on', '2026-12-05', '--json']);
    expect((JSON.parse(cli.stdout) as { invited: unknown[] }).invited).toEqual(output.invited);
    // The public page's command: the invited list's SHA-256 published with the seed is the file's.
    const out = join(dir, 'invited.csv');
    expect((await run(PNYX, ['sortition', 'invite', '--lists', files.join(','), '--sources', 'roll,foreign,young', '--count', '20', '--mix', '80,15,5', '--strata', 'district', '--seed', '6 2 5 1 3 3', '--on', '2026-12-05', '--out', out])).code).toBe(0);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(drawn.invitedSha256);

    // Letters: a code each, shown once (a second run has nobody left to give one to).
    const letters = await t.http.post(`/api/invitation-draws/${draw.id}/letters`).set(organiser.auth).expect(200);
    expect(letters.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse<Letter>(letters.text, { columns: true });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.invitation_code)).size).toBe(20);
    expect(rows[0].answer_url).toBe('https://participer.paris.example/respond');
    expect(rows[0].answer_url_with_code).toBe(`https://participer.paris.example/respond?code=${rows[0].invitation_code}`);
    expect(new Set(rows.map((row) => row.address)).size).toBe(20);
    const again = await t.http.post(`/api/invitation-draws/${draw.id}/letters`).set(organiser.auth).expect(200);
    expect(parse(again.text, { columns: true })).toHaveLength(0);
    expect(letters.text).not.toContain('$'); // no hash leaks into the file

    // Three respondents: two online, one by phone through an organiser.
    const [first, secondLetter, third] = rows;
    const view = await t.http.post('/api/respond/lookup').send({ code: first.invitation_code.toLowerCase().replace(/-/g, '') }).expect(200);
    expect(view.body).toMatchObject({ assemblyName: 'Assemblée citoyenne de Paris', familyName: first.family_name, district: first.district, answered: false, questions: QUESTIONS });
    expect((view.body as { ageBand: string }).ageBand).toMatch(/^\d/);
    const answer = (code: string, answers: Record<string, string>, extra: Record<string, unknown> = {}) =>
      t.http.post('/api/respond').send({ code, consent: true, answers, email: 'camille@example.org', availability: 'Saturdays', ...extra });
    const receipt = await answer(first.invitation_code, { gender: 'woman', education: 'bac' }).expect(201);
    expect(receipt.body).toMatchObject({ features: { source: first.source, district: first.district, gender: 'woman', education: 'bac' } });
    expect((await answer(first.invitation_code, { gender: 'woman', education: 'bac' }).expect(409)).body).toMatchObject({ code: 'ALREADY_ANSWERED' });
    expect((await answer(secondLetter.invitation_code, { gender: 'woman', education: 'bac' }, { consent: false }).expect(400)).body).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect((await answer(secondLetter.invitation_code, { gender: 'robot', education: 'bac' }).expect(400)).body).toMatchObject({ code: 'ANSWERS_INVALID' });
    expect((await answer(secondLetter.invitation_code, { gender: 'man' }).expect(400)).body).toMatchObject({ code: 'ANSWERS_INVALID', details: { field: 'answers.education' } });
    expect((await answer(secondLetter.invitation_code, { gender: 'man', education: 'none', source: 'roll' }).expect(400)).body).toMatchObject({ code: 'ANSWERS_INVALID' });
    expect((await answer('AAAAA-BBBBB-CCCCC-DDDDD', { gender: 'man', education: 'none' }).expect(404)).body).toMatchObject({ code: 'INVITATION_CODE_INVALID' });
    expect((await answer(secondLetter.invitation_code, { gender: 'man', education: 'none' }, { email: undefined }).expect(400)).body).toMatchObject({ code: 'ANSWERS_INVALID', details: { field: 'contact' } });
    // The same letter answered twice at once: exactly one answer is kept.
    const racing = await Promise.all([0, 1, 2, 3].map(() => answer(secondLetter.invitation_code, { gender: 'man', education: 'higher' })));
    expect(racing.map((response) => response.status).sort((a, b) => a - b)).toEqual([201, 409, 409, 409]);
    const byPhone = await t.http
      .post(`/api/assemblies/${assembly.id}/respondents`)
      .set(organiser.auth)
      .send({ code: third.invitation_code, channel: 'phone', consent: true, answers: { gender: 'other', education: 'higher' }, phone: '+33 6 12 34 56 78' })
      .expect(201);
    expect(byPhone.body).toMatchObject({ channel: 'phone', familyName: third.family_name, phone: '+33 6 12 34 56 78' });
    expect((await t.http.post(`/api/assemblies/${assembly.id}/respondents`).set(stranger.auth).send({ code: rows[3].invitation_code, channel: 'paper', consent: true, answers: { gender: 'man', education: 'bac' }, phone: '0612345678' }).expect(403)).body).toMatchObject({ code: 'NOT_ASSEMBLY_ORGANISER' });
    const respondents = (await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(organiser.auth).expect(200)).body as Array<{ personId: string; channel: string }>;
    expect(respondents.map((r) => r.channel)).toEqual(['online', 'online', 'phone']);
    expect(respondents.every((r) => /^R[0-9A-Z]{8}$/.test(r.personId))).toBe(true);
    await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(stranger.auth).expect(403);

    // The stage-2 pool from the respondents, quotas over source and gender; then the usual draw.
    const quotas = 'feature,value,min,max\ngender,woman,0,2\ngender,man,0,2\ngender,other,0,2\n';
    const pool = await t.http.post(`/api/assemblies/${assembly.id}/pools/from-respondents`).set(organiser.auth).attach('quotas', Buffer.from(quotas), 'quotas.csv').expect(201);
    expect(pool.body).toMatchObject({ volunteerCount: 3 });
    const stage2 = await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'leximin' }).expect(202);
    const drawId = (stage2.body as DrawBody).id;
    expect((await waitForDraw(t.http, drawId, ['computed', 'failed'])).status).toBe('computed');
    const panel = ((await t.http.post(`/api/draws/${drawId}/seed`).set(organiser.auth).send({ seed: '1 2 3 4 5 6', present: ['Maître Élise Dupont, commissaire de justice'] }).expect(200)).body as DrawBody).panel!;
    expect(panel).toHaveLength(2);
    expect(panel.every((id) => respondents.some((r) => r.personId === id))).toBe(true);
    const members = (await t.http.get(`/api/assemblies/${assembly.id}/memberships`).expect(200)).body as Array<{ role: string; personId?: string }>;
    expect(new Set(members.filter((m) => m.role === 'member').map((m) => m.personId))).toEqual(new Set(panel));

    // Both official records.
    const stage1Record = await t.http.get(`/api/invitation-draws/${draw.id}/record.pdf`).set(organiser.auth).buffer(true).parse(binary).expect(200);
    expect(stage1Record.headers['content-disposition']).toBe(`attachment; filename="proces-verbal-invitations-${draw.id}.pdf"`);
    const text1 = (await pdfText(stage1Record.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of ['Procès-verbal du tirage des invitations', 'Maître Élise Dupont, commissaire de justice', '« 6 2 5 1 3 3 »', 'Un habitant du 20e', lists[0].sha256, draw.parametersDigest, 'roll.csv']) {
      expect(text1).toContain(expected);
    }
    const english = await t.http.get(`/api/invitation-draws/${draw.id}/record.pdf?lang=en`).set(organiser.auth).buffer(true).parse(binary).expect(200);
    expect(await pdfText(english.body as Buffer)).toContain('Official record of the invitation draw');
    const stage2Record = await t.http.get(`/api/draws/${drawId}/record.pdf`).set(organiser.auth).buffer(true).parse(binary).expect(200);
    const text2 = (await pdfText(stage2Record.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of ['Procès-verbal du tirage au sort', '« 1 2 3 4 5 6 »', ...panel]) expect(text2).toContain(expected);
  });

  it('refuses a list with problems by line and keeps nothing, and takes CSV bodies only where lists stream', async () => {
    const assembly = await createAssembly(t.http, organiser, 2);
    const bad = 'id;nom;prénoms;date de naissance;adresse;code postal\nE1;Nom;Jean;1980-13-01;1 rue A;75001\nE1;Nom;Jean;1980-01-01;2 rue A;75001\nE3;;Jean;1980-01-01;3 rue A;75001\n';
    const refused = await upload(assembly.id, organiser, 'roll', 'roll.csv', bad).expect(422);
    expect(refused.body).toMatchObject({ code: 'SOURCE_LIST_INVALID', details: { file: 'roll.csv', problemCount: 3 } });
    const problems = (refused.body as { details: { problems: Array<{ line: number; column?: string; problem: string }> } }).details.problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems[0]).toMatchObject({ column: 'date de naissance' });
    expect((await upload(assembly.id, organiser, 'roll', 'roll.csv', 'id,name\n1,x\n').expect(422)).body).toMatchObject({ code: 'SOURCE_LIST_INVALID' });
    expect((await upload(assembly.id, organiser, 'roll', 'roll.csv', 'id,family name,given names,birth date,address,postal code\n').expect(422)).body).toMatchObject({ code: 'SOURCE_LIST_INVALID' });
    expect((await upload(assembly.id, organiser, 'Roll List', 'roll.csv', sourceListCsv(5, 'E')).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await t.http.get(`/api/assemblies/${assembly.id}/source-lists`).set(organiser.auth).expect(200)).body).toEqual([]);
    // Lists are uploaded as text/csv; other routes refuse it.
    expect((await t.http.post(`/api/assemblies/${assembly.id}/invitation-draws`).set(organiser.auth).set('Content-Type', 'text/csv').send('a,b\n').expect(415)).body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await t.http.put(`/api/assemblies/${assembly.id}/source-lists`).query({ source: 'roll', fileName: 'roll.csv' }).set(organiser.auth).send({ rows: [] }).expect(422)).body).toMatchObject({ code: 'SOURCE_LIST_INVALID' });
    // Lists of another assembly, bad mixes and questions clashing with the lists' features are refused.
    const other = await createAssembly(t.http, organiser, 2);
    const foreignList = (await upload(other.id, organiser, 'roll', 'roll.csv', sourceListCsv(30, 'E')).expect(201)).body as ListBody;
    const own = (await upload(assembly.id, organiser, 'roll', 'roll.csv', sourceListCsv(30, 'E')).expect(201)).body as ListBody;
    const publish = (body: Record<string, unknown>) => t.http.post(`/api/assemblies/${assembly.id}/invitation-draws`).set(organiser.auth).send({ listIds: [own.id], mix: [1], count: 5, questions: [], ...body });
    expect((await publish({ listIds: [foreignList.id] }).expect(404)).body).toMatchObject({ code: 'SOURCE_LIST_NOT_FOUND' });
    expect((await publish({ mix: [1, 2] }).expect(400)).body).toMatchObject({ code: 'INVITATION_DRAW_INVALID' });
    expect((await publish({ mix: [0] }).expect(400)).body).toMatchObject({ code: 'INVITATION_DRAW_INVALID' });
    expect((await publish({ questions: [{ category: 'district', values: ['a', 'b'] }] }).expect(400)).body).toMatchObject({ code: 'INVITATION_DRAW_INVALID' });
    expect((await publish({ count: 'many' }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    // More invitations than people: refused at the seed, nothing stored, the draw still waits.
    const tooMany = (await publish({ count: 50 }).expect(201)).body as InvitationDrawBody;
    expect((await t.http.post(`/api/invitation-draws/${tooMany.id}/seed`).set(organiser.auth).send({ seed: 'x' }).expect(422)).body).toMatchObject({ code: 'NOT_ENOUGH_PEOPLE' });
    expect((await t.http.get(`/api/invitation-draws/${tooMany.id}`).expect(200)).body).toMatchObject({ status: 'published' });
    expect((await t.http.post(`/api/invitation-draws/${tooMany.id}/seed`).set(stranger.auth).send({ seed: 'x' }).expect(403)).body).toMatchObject({ code: 'NOT_ASSEMBLY_ORGANISER' });
    await t.http.get(`/api/invitation-draws/${tooMany.id}/result.json`).expect(401);
  });

  it('never invites the same person twice in one assembly: a second draw excludes the first one\'s people', async () => {
    const assembly = await createAssembly(t.http, organiser, 2);
    const list = (await upload(assembly.id, organiser, 'roll', 'roll.csv', sourceListCsv(40, 'E')).expect(201)).body as ListBody;
    const invitedIds = async (seed: string): Promise<string[]> => {
      const draw = (await t.http.post(`/api/assemblies/${assembly.id}/invitation-draws`).set(organiser.auth).send({ listIds: [list.id], mix: [1], count: 20, questions: [] }).expect(201)).body as InvitationDrawBody;
      await t.http.post(`/api/invitation-draws/${draw.id}/seed`).set(organiser.auth).send({ seed }).expect(200);
      return ((await t.http.get(`/api/invitation-draws/${draw.id}/result.json`).set(organiser.auth).expect(200)).body as { invited: Array<{ id: string }> }).invited.map((p) => p.id);
    };
    const firstWave = await invitedIds('one');
    const secondWave = await invitedIds('two');
    expect(firstWave).toHaveLength(20);
    expect(secondWave).toHaveLength(20);
    expect(new Set([...firstWave, ...secondWave]).size).toBe(40);
  });

  it('finds a lost letter by name and gives it a new code; withdraws an answer until a pool holds it', async () => {
    const assembly = await createAssembly(t.http, organiser, 1);
    const csv = 'id,nom,prénoms,date de naissance,adresse,code postal\nE1,Lefèvre,Éloïse,1990-01-01,1 rue A,75011\nE2,Martin,Jean,1980-01-01,2 rue A,75011\nE3,Petit,Inès,1970-01-01,3 rue A,75020\n';
    const list = (await upload(assembly.id, organiser, 'roll', 'roll.csv', csv).expect(201)).body as ListBody;
    const draw = (await t.http.post(`/api/assemblies/${assembly.id}/invitation-draws`).set(organiser.auth).send({ listIds: [list.id], mix: [1], count: 3, questions: [] }).expect(201)).body as InvitationDrawBody;
    await t.http.post(`/api/invitation-draws/${draw.id}/seed`).set(organiser.auth).send({ seed: 'x' }).expect(200);
    const rows = parse<Letter>((await t.http.post(`/api/invitation-draws/${draw.id}/letters`).set(organiser.auth).expect(200)).text, { columns: true });
    const oldCode = rows.find((row) => row.family_name === 'Lefèvre')!.invitation_code;

    // Case and accents do not matter; LIKE's wildcards are taken literally.
    const found = (await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: 'LEFEVRE eloise' }).set(organiser.auth).expect(200)).body as Array<{ id: string; familyName: string; hasCode: boolean; answered: boolean }>;
    expect(found).toMatchObject([{ familyName: 'Lefèvre' }]);
    // The words are searched together, the names in either order.
    expect((await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: 'lefevre jean' }).set(organiser.auth).expect(200)).body).toEqual([]);
    const byName = (await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: 'eloise lefevre' }).set(organiser.auth).expect(200)).body as typeof found;
    expect(byName).toMatchObject([{ familyName: 'Lefèvre', hasCode: true, answered: false }]);
    expect((await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: '%_' }).set(organiser.auth).expect(200)).body).toEqual([]);
    await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: 'martin' }).set(stranger.auth).expect(403);
    await t.http.get(`/api/assemblies/${assembly.id}/invitations`).query({ search: 'x' }).set(organiser.auth).expect(400);

    // A new code; the old one no longer works.
    const reissued = (await t.http.post(`/api/invitations/${byName[0].id}/code`).set(organiser.auth).expect(201)).body as { code: string; answerUrl: string };
    expect(reissued.answerUrl).toBe('https://participer.paris.example/respond');
    expect((await t.http.post('/api/respond/lookup').send({ code: oldCode }).expect(404)).body).toMatchObject({ code: 'INVITATION_CODE_INVALID' });
    await t.http.post(`/api/invitations/${byName[0].id}/code`).set(stranger.auth).expect(403);
    const answered = await t.http.post('/api/respond').send({ code: reissued.code, consent: true, answers: {}, email: 'eloise@example.org' }).expect(201);
    expect(answered.body).toMatchObject({ features: { source: 'roll', district: '75011', age: '35-49' } });
    expect((await t.http.post(`/api/invitations/${byName[0].id}/code`).set(organiser.auth).expect(409)).body).toMatchObject({ code: 'ALREADY_ANSWERED' });

    // Withdrawn before any pool: gone, audited with the reason; the letter may answer again.
    const respondents = (await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(organiser.auth).expect(200)).body as Array<{ id: string }>;
    await t.http.delete(`/api/assemblies/${assembly.id}/respondents/${respondents[0].id}`).set(stranger.auth).send({ reason: 'x' }).expect(403);
    await t.http.delete(`/api/assemblies/${assembly.id}/respondents/${respondents[0].id}`).set(organiser.auth).send({}).expect(400);
    await t.http.delete(`/api/assemblies/${assembly.id}/respondents/${respondents[0].id}`).set(organiser.auth).send({ reason: 'Asked by phone' }).expect(204);
    expect((await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(organiser.auth).expect(200)).body).toEqual([]);
    expect((await t.http.delete(`/api/assemblies/${assembly.id}/respondents/${respondents[0].id}`).set(organiser.auth).send({ reason: 'again' }).expect(404)).body).toMatchObject({ code: 'RESPONDENT_NOT_FOUND' });
    await t.http.post('/api/respond').send({ code: reissued.code, consent: true, answers: {}, phone: '0612345678' }).expect(201);

    // Once a pool holds the answer, it stays (pools are frozen).
    await t.http.post(`/api/assemblies/${assembly.id}/pools/from-respondents`).set(organiser.auth).attach('quotas', Buffer.from('feature,value,min,max\nsource,roll,1,1\n'), 'quotas.csv').expect(201);
    const [kept] = (await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(organiser.auth).expect(200)).body as Array<{ id: string }>;
    expect((await t.http.delete(`/api/assemblies/${assembly.id}/respondents/${kept.id}`).set(organiser.auth).send({ reason: 'too late' }).expect(409)).body).toMatchObject({ code: 'RESPONDENT_IN_POOL' });
  });

  it('never freezes a withdrawn answer into a pool, however the two requests interleave', async () => {
    for (let round = 0; round < 4; round += 1) {
      const assembly = await createAssembly(t.http, organiser, 1);
      const list = (await upload(assembly.id, organiser, 'roll', 'roll.csv', sourceListCsv(6, 'E')).expect(201)).body as ListBody;
      const draw = (await t.http.post(`/api/assemblies/${assembly.id}/invitation-draws`).set(organiser.auth).send({ listIds: [list.id], mix: [1], count: 3, questions: [] }).expect(201)).body as InvitationDrawBody;
      await t.http.post(`/api/invitation-draws/${draw.id}/seed`).set(organiser.auth).send({ seed: `round ${round}` }).expect(200);
      const letters = parse<Letter>((await t.http.post(`/api/invitation-draws/${draw.id}/letters`).set(organiser.auth).expect(200)).text, { columns: true });
      for (const letter of letters) await t.http.post('/api/respond').send({ code: letter.invitation_code, consent: true, answers: {}, email: 'a@example.org' }).expect(201);
      const [first] = (await t.http.get(`/api/assemblies/${assembly.id}/respondents`).set(organiser.auth).expect(200)).body as Array<{ id: string; personId: string }>;
      const [pool, withdrawal] = await Promise.all([
        t.http.post(`/api/assemblies/${assembly.id}/pools/from-respondents`).set(organiser.auth).attach('quotas', Buffer.from('feature,value,min,max\nsource,roll,1,1\n'), 'quotas.csv'),
        t.http.delete(`/api/assemblies/${assembly.id}/respondents/${first.id}`).set(organiser.auth).send({ reason: 'changed their mind' }),
      ]);
      expect([201, 409]).toContain(pool.status);
      expect([204, 409]).toContain(withdrawal.status);
      if (pool.status === 409) expect(pool.body).toMatchObject({ code: 'RESPONDENTS_CHANGED' });
      if (pool.status === 201) {
        const volunteers = (await t.http.get(`/api/pools/${(pool.body as { id: string }).id}/volunteers`).expect(200)).body as Array<{ personId: string }>;
        const inPool = volunteers.some((volunteer) => volunteer.personId === first.personId);
        // Withdrawn (204) means not in the pool; in the pool means the withdrawal was refused.
        expect({ inPool, withdrawal: withdrawal.status }).toEqual(inPool ? { inPool, withdrawal: 409 } : { inPool, withdrawal: 204 });
      }
    }
  });

  it('refuses a list larger than SOURCE_LIST_LIMIT_BYTES with 413 and keeps nothing of it', async () => {
    const small = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000', SOURCE_LIST_LIMIT_BYTES: '4096' } });
    try {
      const owner = await createAndLogin(small.app, small.http, ['organiser']);
      const assembly = await createAssembly(small.http, owner, 2);
      const csv = sourceListCsv(400, 'E');
      expect(csv.length).toBeGreaterThan(4096);
      const refused = await small.http.put(`/api/assemblies/${assembly.id}/source-lists`).query({ source: 'roll', fileName: 'roll.csv' }).set(owner.auth).set('Content-Type', 'text/csv').send(csv).expect(413);
      expect(refused.body).toMatchObject({ code: 'SOURCE_LIST_TOO_LARGE' });
      expect((await small.http.get(`/api/assemblies/${assembly.id}/source-lists`).set(owner.auth).expect(200)).body).toEqual([]);
      await small.http.put(`/api/assemblies/${assembly.id}/source-lists`).query({ source: 'roll', fileName: 'roll.csv' }).set(owner.auth).set('Content-Type', 'text/csv').send(sourceListCsv(20, 'E')).expect(201);
    } finally {
      await small.close();
    }
  });
});
