import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@app/shared';
import { generateVotingCode, ReferendumScheduler } from '@app/referendum';
import { PollScheduler } from '@app/voting';
import { createAndLogin, loginAs, type LoggedIn } from '../support/factories.js';
import { electors, generateCodes, rollCsv, uploadRoll, type Elector, type ReferendumBody } from '../support/referendums.js';
import { PNYX, run } from '../support/run-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;

describe('Citizen votes (referendums)', () => {
  let t: TestApp;
  // Sunday 28 March 2027 is the night clocks go forward in Paris (02:00 CET → 03:00 CEST).
  const clock = new ManualClock(new Date('2027-03-28T04:00:00Z'));
  let organiser: LoggedIn;
  let officerA: LoggedIn;
  let officerB: LoggedIn;
  let resident: LoggedIn;
  const questions = [
    { kind: 'yes-no', text: 'Faut-il interdire les trottinettes en libre-service ?' },
    { kind: 'single', text: 'Quel tarif pour le stationnement des SUV ?', options: ['18 €/h', '12 €/h', 'Inchangé'] },
    { kind: 'majority-judgment', text: 'Jugez les projets de végétalisation', options: ['Rue Rivoli', 'Place Bastille'], gradePreset: 'fr-5' },
  ];

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    [officerA, officerB, resident] = await Promise.all([createAndLogin(t.app, t.http), createAndLogin(t.app, t.http), createAndLogin(t.app, t.http)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (body: Body = {}) =>
    t.http
      .post('/api/referendums')
      .set(organiser.auth)
      .send({ title: 'Votation citoyenne', opensAt: '2027-03-28T08:00', closesAt: '2027-03-28T20:00', questions, ...body });

  it('sets windows in Paris time, right across the daylight-saving change; refuses times that do not exist', async () => {
    const created = (await create().expect(201)).body as ReferendumBody;
    expect(created).toMatchObject({ status: 'draft', opensAt: '2027-03-28T08:00:00+02:00', closesAt: '2027-03-28T20:00:00+02:00', votingDay: '2027-03-28', rollDigest: null });
    const winter = (await create({ opensAt: '2027-11-07T08:00', closesAt: '2027-11-07T20:00' }).expect(201)).body as ReferendumBody;
    expect(winter.opensAt).toBe('2027-11-07T08:00:00+01:00');
    expect(((await create({ opensAt: '2027-03-28T02:30' }).expect(400)).body as Body).code).toBe('REFERENDUM_INVALID');
    expect(((await create({ opensAt: '2027-03-28T08:00+02:00' }).expect(400)).body as Body).code).toBe('VALIDATION_FAILED');
    expect(((await create({ closesAt: '2027-03-28T07:00' }).expect(400)).body as Body).code).toBe('REFERENDUM_INVALID');
    expect(((await create({ questions: [{ kind: 'yes-no', text: 'x', options: ['a', 'b', 'c'] }] }).expect(400)).body as Body).code).toBe('REFERENDUM_INVALID');
    await t.http.post('/api/referendums').set(resident.auth).send({ title: 'x', opensAt: '2027-03-28T08:00', closesAt: '2027-03-28T20:00', questions }).expect(403);
    await t.http.post('/api/referendums').send({}).expect(401);
    const listed = (await t.http.get('/api/referendums?status=draft').expect(200)).body as ReferendumBody[];
    expect(listed.map((r) => r.id)).toEqual(expect.arrayContaining([created.id, winter.id]));
    await t.http.get('/api/referendums?status=bogus').expect(400);
  });

  it('closes a referendum opened ahead of its day before the day comes, keeping its planned window (it gave 500)', async () => {
    // The clock stands at 04:00 UTC on voting day; this one's window is a week later.
    const { id } = (await create({ opensAt: '2027-04-04T08:00', closesAt: '2027-04-04T20:00' }).expect(201)).body as ReferendumBody;
    expect((await uploadRoll(t.http, organiser, id, rollCsv(electors(2, ['1er'], 'C')))).status).toBe(200);
    await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200);
    const closed = (await t.http.post(`/api/referendums/${id}/close`).set(organiser.auth).expect(200)).body as ReferendumBody;
    expect(closed).toMatchObject({ status: 'closed', opensAt: '2027-04-04T08:00:00+02:00', closesAt: '2027-04-04T20:00:00+02:00' });
    expect(((await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body as { ballots?: number }).ballots ?? 0).toBe(0);
  });

  it('imports the roll row by row: rejected rows stop the import unless acceptValid; a re-import shows the difference; French columns', async () => {
    const { id } = (await create().expect(201)).body as ReferendumBody;
    const good = electors(6, ['1er', '2e']);
    const bad = `${rollCsv(good)}X1,,Jean,1980-01-01,1er,1er-A\nX2,Martin,Paul,31/02/1990,1er,1er-A\nE000001,Doublon,Jean,1980-01-01,1er,1er-A\nX3,Futur,Léa,2099-01-01,2e,2e-A\n`;
    const refused = await uploadRoll(t.http, organiser, id, bad);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ROLL_ROWS_REJECTED', details: { rejectedCount: 4 } });
    const rejected = (refused.body.details as { rejected: Array<{ row: number; problems: string[] }> }).rejected;
    expect(rejected.map((r) => r.row)).toEqual([8, 9, 10, 11]);
    expect(rejected[1].problems[0]).toContain('31/02/1990');
    expect(rejected[2].problems[0]).toContain('already on row 2');
    expect((await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body).toMatchObject({ electors: 0 });

    const partial = await uploadRoll(t.http, organiser, id, bad, '?acceptValid=true');
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ imported: 6, rejectedCount: 4, diff: { added: good.map((e) => e.externalId), removed: [], changed: [], unchanged: 0 } });

    // Re-import in French layout: one moved, one removed, one added; a dry run stores nothing.
    const next = [...good.slice(1), { ...good[1], externalId: 'N1' }].map((e, i) => (i === 0 ? { ...e, district: '1er', pollingStation: '1er-A' } : e));
    const french = rollCsv(next, 'Identifiant;Nom;Prénoms;Date de naissance;Arrondissement;Bureau de vote'.replace(/;/g, ',')).replace(/(\d{4})-(\d{2})-(\d{2})/g, '$3/$2/$1');
    const dry = await uploadRoll(t.http, organiser, id, french, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, diff: { added: ['N1'], removed: ['E000001'], changed: [{ externalId: 'E000002', fields: ['district', 'pollingStation'] }], unchanged: 4 } });
    // A dry run reports rejected rows too, with what the valid ones would change, and stores nothing.
    const dryWithBadRow = await uploadRoll(t.http, organiser, id, `${french}Z1,Faux,Jean,31/02/1990,1er,1er-A\n`, '?dryRun=true');
    expect(dryWithBadRow.status).toBe(200);
    expect(dryWithBadRow.body).toMatchObject({ dryRun: true, rejectedCount: 1, rejected: [{ externalId: 'Z1', issues: [{ code: 'birth-date-invalid', value: '31/02/1990' }] }], diff: { added: ['N1'] } });
    const again = await uploadRoll(t.http, organiser, id, french);
    expect(again.body).toMatchObject({ imported: 6, diff: { added: ['N1'] } });
    expect((await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body).toMatchObject({ electors: 6 });

    expect((await uploadRoll(t.http, organiser, id, 'id,nom\n1,x\n')).body).toMatchObject({ code: 'ROLL_CSV_INVALID' });
    expect((await uploadRoll(t.http, organiser, id, 'external_id,family_name\n"unclosed\n')).body).toMatchObject({ code: 'ROLL_CSV_INVALID' });
    expect((await uploadRoll(t.http, resident, id, rollCsv(good))).status).toBe(403);
  });

  it('runs a vote: codes by mail, online and paper votes once each, locks, revocation, live turnout, results by district, publication and recount', async () => {
    const { id, questions: qs } = (await create().expect(201)).body as ReferendumBody;
    const big = electors(24, ['1er', '2e']);
    const small = electors(4, ['3e'], 'S');
    const young: Elector[] = [
      { externalId: 'Y1', familyName: 'Jeune', givenNames: 'Tout', birthDate: '2011-03-29', district: '1er', pollingStation: '1er-A' },
      { externalId: 'Y2', familyName: 'Pile', givenNames: 'Seize', birthDate: '2011-03-28', district: '1er', pollingStation: '1er-A' },
    ];
    const roll = [...big, ...small, ...young];
    expect((await uploadRoll(t.http, organiser, id, rollCsv(roll))).status).toBe(200);
    const codes = await generateCodes(t.http, organiser, id);
    expect(codes.size).toBe(roll.length);
    expect([...codes.values()][0]).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]$/);
    expect((await generateCodes(t.http, organiser, id)).size).toBe(0); // once
    const audit = await t.app.get<DataSource>(getDataSourceToken()).query<Array<{ data: unknown }>>(`SELECT data FROM audit_log WHERE action LIKE 'referendum.%'`);
    expect(JSON.stringify(audit)).not.toContain([...codes.values()][0].slice(0, 9));

    const vote = (externalId: string, answers: Body[], birthDate?: string, code?: string) =>
      t.http
        .post(`/api/referendums/${id}/ballots`)
        .send({ code: code ?? codes.get(externalId), birthDate: birthDate ?? roll.find((e) => e.externalId === externalId)!.birthDate, answers });
    const yes = [{ choice: 0 }, { choice: 1 }, { grades: [4, 2] }];
    const no = [{ choice: 1 }, { choice: 0 }, { grades: [1, 3] }];
    const blank = [{ choice: null }, { choice: null }, { grades: [2, 2] }];

    const opened = (await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200)).body as ReferendumBody;
    expect(opened).toMatchObject({ status: 'open', rollSize: roll.length });
    expect(opened.rollDigest).toMatch(/^[0-9a-f]{64}$/);
    // Anyone holding the roll recomputes the published digest.
    const rollFile = join(mkdtempSync(join(tmpdir(), 'pnyx-roll-')), 'roll.csv');
    writeFileSync(rollFile, rollCsv(roll));
    const digest = await run(PNYX, ['referendum', 'roll-digest', '--roll', rollFile, '--expect', opened.rollDigest!]);
    expect(digest).toMatchObject({ code: 0 });
    expect(digest.stdout).toBe(`${opened.rollDigest}  ${roll.length} electors\n`);
    writeFileSync(rollFile, rollCsv(roll.slice(1)));
    expect((await run(PNYX, ['referendum', 'roll-digest', '--roll', rollFile, '--expect', opened.rollDigest!])).code).toBe(1);
    expect((await uploadRoll(t.http, organiser, id, rollCsv(big))).body).toMatchObject({ code: 'ROLL_FROZEN' });
    // Before the window (06:00 UTC), nothing is cast.
    expect(((await vote('E000001', yes).expect(409)).body as Body).code).toBe('REFERENDUM_NOT_OPEN');
    clock.set(new Date('2027-03-28T07:00:00Z'));

    const receipt = ((await vote('E000001', yes).expect(201)).body as { receipt: string }).receipt;
    expect(receipt).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    expect(((await vote('E000001', no).expect(409)).body as Body).code).toBe('ALREADY_VOTED');
    // Ugly inputs: nothing stored, clear codes.
    expect(((await vote('E000002', yes, undefined, 'ABCD').expect(400)).body as Body).code).toBe('CODE_MALFORMED');
    const typo = codes.get('E000002')!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(((await vote('E000002', yes, undefined, typo).expect(400)).body as Body).code).toBe('CODE_MALFORMED'); // the check character catches it
    expect(((await vote('E000002', [{ choice: 0 }]).expect(400)).body as Body).code).toBe('BALLOT_INVALID');
    expect(((await vote('E000002', [{ choice: 5 }, { choice: 1 }, { grades: [4, 2] }]).expect(400)).body as Body).code).toBe('BALLOT_INVALID');
    expect(((await vote('E000002', [{ choice: 0 }, { choice: 1 }, { grades: [9, 2] }]).expect(400)).body as Body).code).toBe('BALLOT_INVALID');
    expect(((await vote('E000002', [{ choice: 'x' }, { choice: 1 }, { grades: [4, 2] }]).expect(400)).body as Body).code).toBe('BALLOT_INVALID');
    expect(((await vote('E000002', yes, 'not a date').expect(400)).body as Body).code).toBe('BALLOT_INVALID');
    expect(((await vote('E000002', yes, undefined, generateVotingCode()).expect(403)).body as Body).code).toBe('CODE_UNKNOWN'); // well-formed, on no roll
    const otherReferendumCode = codes.get('E000002')!;
    await t.http.post(`/api/referendums/00000000-0000-4000-8000-000000000000/ballots`).send({ code: otherReferendumCode, birthDate: '1950-01-10', answers: yes }).expect(404);
    // Too young on the voting day; exactly 16 that day votes.
    expect(((await vote('Y1', yes).expect(403)).body as Body).code).toBe('NOT_ELIGIBLE_AGE');
    await vote('Y2', yes).expect(201);

    // Wrong birth dates lock the code after five; organisers unlock.
    for (let i = 0; i < 4; i += 1) {
      const mismatch = (await vote('E000003', yes, '2000-01-01').expect(403)).body as Body & { details?: unknown };
      expect(mismatch).toMatchObject({ code: 'IDENTITY_MISMATCH', details: { attemptsLeft: 4 - i } });
    }
    expect(((await vote('E000003', yes, '2000-01-01').expect(403)).body as Body).code).toBe('ENTRY_LOCKED');
    expect(((await vote('E000003', yes).expect(403)).body as Body).code).toBe('ENTRY_LOCKED'); // even the right one
    await t.http.post(`/api/referendums/${id}/electors/E000003/unlock`).set(organiser.auth).expect(204);
    await vote('E000003', no).expect(201);

    // Lost letter: the old code is revoked, the new one works.
    const reissued = (await t.http.post(`/api/referendums/${id}/electors/E000004/reissue`).set(organiser.auth).expect(200)).body as { code: string };
    expect(((await vote('E000004', yes).expect(403)).body as Body).code).toBe('CODE_REVOKED');
    await vote('E000004', yes, undefined, reissued.code).expect(201);
    expect(((await vote('E000004', yes, undefined, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z').expect(400)).body as Body).code).toBe('CODE_MALFORMED');

    // 20 simultaneous submissions of one code: one ballot.
    const race = await Promise.all(Array.from({ length: 20 }, () => vote('E000005', yes)));
    expect(race.filter((r) => r.status === 201)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409).every((r) => (r.body as Body).code === 'ALREADY_VOTED')).toBe(true);

    // The in-person channel: officers of a station mark paper votes; once across channels.
    await t.http.put(`/api/referendums/${id}/officers`).set(resident.auth).send({ officers: [] }).expect(403);
    await t.http
      .put(`/api/referendums/${id}/officers`)
      .set(organiser.auth)
      .send({ officers: [{ accountId: officerA.account.id, pollingStation: '1er-A' }, { accountId: officerB.account.id, pollingStation: '1er-A' }] })
      .expect(200);
    const paper = (who: LoggedIn, externalId: string) => t.http.post(`/api/referendums/${id}/paper-votes`).set(who.auth).send({ externalId });
    expect(((await paper(resident, 'E000007').expect(403)).body as Body).code).toBe('NOT_AN_OFFICER');
    expect(((await paper(officerA, 'E000001').expect(409)).body as Body).code).toBe('ALREADY_VOTED'); // voted online
    await paper(officerA, 'E000007').expect(201);
    await paper(officerA, 'E000009').expect(201);
    expect(((await paper(officerB, 'E000007').expect(409)).body as Body).code).toBe('ALREADY_VOTED');
    expect(((await vote('E000007', yes).expect(409)).body as Body).code).toBe('ALREADY_VOTED'); // voted on paper
    expect(((await paper(officerA, 'E000002').expect(403)).body as Body).code).toBe('WRONG_STATION');
    expect(((await paper(officerA, 'Y1').expect(403)).body as Body).code).toBe('NOT_ELIGIBLE_AGE');

    // More online votes: 1er and 2e are big enough, 3e has 2 voters (withheld).
    for (const [externalId, answers] of [
      ['E000006', no],
      ['E000008', yes],
      ['E000010', blank],
      ['E000011', yes],
      ['E000012', no],
      ['E000013', yes],
      ['E000014', yes],
      ['E000015', no],
      ['E000016', yes],
      ['E000017', yes],
      ['E000018', yes],
      ['E000019', no],
      ['E000020', yes],
      ['S000001', yes],
      ['S000002', no],
    ] as const) {
      await vote(externalId, [...answers]).expect(201);
    }
    const turnout = (await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body as { electors: number; voters: number; online: number; paper: number; districts: Array<{ district: string; voters: number }> };
    expect(turnout).toMatchObject({ electors: roll.length - 1, voters: 22, online: 20, paper: 2 });
    await t.http.get(`/api/referendums/${id}/results`).expect(409);
    await vote('E000022', blank).expect(201);
    await vote('E000024', blank).expect(201);

    // The window ends: closed and counted by the scheduler.
    clock.set(new Date('2027-03-28T18:00:00Z'));
    await t.app.get(ReferendumScheduler).tick();
    expect(((await t.http.get(`/api/referendums/${id}`).expect(200)).body as ReferendumBody).status).toBe('closed');
    expect(((await vote('E000021', yes).expect(409)).body as Body).code).toBe('REFERENDUM_NOT_OPEN');
    expect(((await paper(officerA, 'E000021').expect(409)).body as Body).code).toBe('REFERENDUM_NOT_OPEN');

    // Station 1er-A's paper count (2 ballots: one yes, one no), entered twice; a mismatch is reported.
    const count = (q1: number[], q1Blank = 0) => ({
      [qs[0].id]: { options: q1, blank: q1Blank },
      [qs[1].id]: { options: [1, 1, 0], blank: 0 },
      [qs[2].id]: { options: [[0, 0, 1, 1, 0], [0, 1, 0, 0, 1]], blank: 0 },
    });
    const enter = (who: LoggedIn, counts: Body, station = '1er-A') => t.http.put(`/api/referendums/${id}/stations/${station}/count`).set(who.auth).send({ counts });
    expect(((await enter(officerA, count([2, 1])).expect(400)).body as Body).code).toBe('STATION_COUNT_INVALID'); // 3 ballots, 2 voters
    expect((await enter(officerA, count([1, 1])).expect(200)).body).toEqual({ status: 'waiting-for-second-entry' });
    expect(((await t.http.post(`/api/referendums/${id}/publish`).set(organiser.auth).expect(409)).body as Body).code).toBe('STATIONS_PENDING');
    expect((await enter(officerB, count([0, 1], 1)).expect(200)).body).toEqual({ status: 'mismatch', differences: [qs[0].id] });
    expect((await enter(officerB, count([1, 1])).expect(200)).body).toEqual({ status: 'accepted' });
    expect(((await enter(officerA, count([1, 1]), '2e-A').expect(403)).body as Body).code).toBe('WRONG_STATION');

    const results = (await t.http.get(`/api/referendums/${id}/results`).expect(200)).body as {
      voters: number;
      questions: Array<{ total: { ballots: number; blank?: number; options?: Array<{ label: string; votes: number }>; ranking?: { ranking: Array<{ option: string; rank: number }> } }; districts: Array<{ district: string; voters: number; withheld: boolean }> }>;
    };
    expect(results.voters).toBe(24);
    const yesNo = results.questions[0];
    const onlineYes = ['E000001', 'Y2', 'E000004', 'E000005', 'E000008', 'E000011', 'E000013', 'E000014', 'E000016', 'E000017', 'E000018', 'E000020', 'S000001'].length;
    const onlineNo = ['E000003', 'E000006', 'E000012', 'E000015', 'E000019', 'S000002'].length;
    expect(yesNo.total).toMatchObject({ ballots: 24, blank: 3, options: [{ label: 'Oui', votes: onlineYes + 1 }, { label: 'Non', votes: onlineNo + 1 }] });
    // 3e has 2 voters (< 10): withheld; and since total − published would give it away, the next
    // smallest district (1er, 11 voters, tied with 2e and first by name) is withheld with it.
    expect(yesNo.districts.map((d) => [d.district, d.voters, d.withheld])).toEqual([
      ['1er', 11, true],
      ['2e', 11, false],
      ['3e', 2, true],
    ]);
    expect(yesNo.districts[1]).toMatchObject({ outcome: { ballots: 11 } });
    expect(results.questions[2].total.ranking!.ranking.find((r) => r.rank === 1)?.option).toBe('Rue Rivoli');

    // Publication; every ballot box's bulletin board recounts with `pnyx mj recount`.
    await t.app.get(PollScheduler).tick(); // seals bulletin boards left to do
    const published = (await t.http.post(`/api/referendums/${id}/publish`).set(organiser.auth).expect(200)).body as ReferendumBody;
    expect(published.status).toBe('published');
    const boxes = (await t.http.get(`/api/referendums/${id}/ballot-boxes`).expect(200)).body as Array<{ questionId: string; district: string; pollId: string }>;
    expect(boxes).toHaveLength(qs.length * 3);
    const scratch = mkdtempSync(join(tmpdir(), 'pnyx-referendum-'));
    let yesOnBoards = 0;
    for (const box of boxes) {
      const board = (await t.http.get(`/api/polls/${box.pollId}/bulletin-board`).expect(200)).body as { ballots: Array<{ grades: Array<number | null> }>; poll: { options: Array<{ label: string }> } };
      const file = join(scratch, `${box.pollId}.json`);
      writeFileSync(file, JSON.stringify(board));
      const recount = await run(PNYX, ['mj', 'recount', '--bulletin-board', file]);
      expect([box.district, recount.code]).toEqual([box.district, 0]);
      if (box.questionId === qs[0].id) yesOnBoards += board.ballots.filter((ballot) => ballot.grades[0] === 1).length;
    }
    expect(yesOnBoards + 1).toBe(yesNo.total.options![0].votes); // + the paper yes
    // Ballots and vote marks agree, and nothing links them.
    const db = t.app.get<DataSource>(getDataSourceToken());
    const [{ marks }] = await db.query<Array<{ marks: number }>>(`SELECT count(*)::int AS marks FROM roll_votes WHERE referendum_id = $1 AND channel = 'online'`, [id]);
    const [{ ballots }] = await db.query<Array<{ ballots: number }>>(`SELECT count(*)::int AS ballots FROM ballots b JOIN referendum_polls rp ON rp.poll_id = b.poll_id WHERE rp.question_id = $1`, [qs[0].id]);
    expect(ballots).toBe(marks);
    const columns = await db.query<Array<{ column_name: string }>>(`SELECT column_name FROM information_schema.columns WHERE table_name IN ('ballots', 'roll_votes')`);
    expect(columns.map((c) => c.column_name).sort((a, b) => a.localeCompare(b))).toEqual(['channel', 'grades', 'id', 'poll_id', 'receipt_hash', 'recorded_by', 'referendum_id', 'roll_entry_id']);
    // Logged in or not, an account cannot vote in a referendum's polls over /polls.
    await loginAs(t.http, resident.account);
    expect(((await t.http.post(`/api/polls/${boxes[0].pollId}/ballots`).set(resident.auth).send({ grades: {} }).expect((r) => expect([403, 409]).toContain(r.status))).body as Body).code).toMatch(/NOT_ELIGIBLE|POLL_NOT_OPEN|POLL_CLOSED/);
  }, 120_000); // a whole vote, about 15 s alone: room for a loaded CI machine (it timed out at 30 s once)

  it('slows down code guessing: 20 failures from one address block it for the rest of 10 minutes (last: it blocks this test file’s address)', async () => {
    clock.set(new Date('2027-03-28T04:00:00Z'));
    const { id } = (await create().expect(201)).body as ReferendumBody;
    await uploadRoll(t.http, organiser, id, rollCsv(electors(2, ['1er'])));
    await generateCodes(t.http, organiser, id);
    await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200);
    clock.set(new Date('2027-03-28T07:00:00Z'));
    const guess = () => t.http.post(`/api/referendums/${id}/ballots`).send({ code: 'ABCD-EFGH', birthDate: '1980-01-01', answers: [] });
    const answers: number[] = [];
    for (let i = 0; i < 25; i += 1) answers.push((await guess()).status);
    expect(answers.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
    const limited = await guess().expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
