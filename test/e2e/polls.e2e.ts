import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogService, hashHumanCode, ManualClock } from '@app/shared';
import { PollEvents, PollScheduler, type PollEvent } from '@app/voting';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { createAssembly, uploadFixture, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { PNYX, run } from '../support/run-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface PollBody {
  id: string;
  status: string;
  options: Array<{ id: string; label: string }>;
}
interface ResultBody {
  ballots: number;
  participations: number;
  bulletinBoardDigest: string;
  ranking: { ranking: Array<{ option: string; rank: number; majorityGrade: number; meritProfile: number[] }> };
}

describe('majority-judgment polls', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let scratch: string;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' }, clock });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    scratch = mkdtempSync(join(tmpdir(), 'pnyx-polls-'));
  });
  afterAll(async () => {
    await t.close();
  });

  async function residentPoll(extra: Record<string, unknown> = {}, options = ['Piétonniser la rue', 'Planter des arbres', 'Une piste cyclable']): Promise<PollBody> {
    const created = await t.http
      .post('/api/polls')
      .set(organiser.auth)
      .send({ title: 'Budget participatif', audience: 'residents', options: options.map((label) => ({ label })), ...extra })
      .expect(201);
    return created.body as PollBody;
  }

  async function openPoll(poll: PollBody): Promise<void> {
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(200);
  }

  function ballot(poll: PollBody, grades: number[]): { grades: Record<string, number> } {
    return { grades: Object.fromEntries(poll.options.map((option, i) => [option.id, grades[i]]).filter(([, g]) => g !== undefined)) };
  }

  async function residents(count: number): Promise<LoggedIn[]> {
    return Promise.all(Array.from({ length: count }, () => createAndLogin(t.app, t.http)));
  }

  async function rows<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return t.app.get<DataSource>(getDataSourceToken()).query<T[]>(sql, parameters);
  }

  it('runs draft → open → closed → published, locks options once open and shows only turnout until close', async () => {
    const resident = (await residents(1))[0];
    await t.http.post('/api/polls').set(resident.auth).send({ title: 'x', audience: 'residents', options: [{ label: 'a' }, { label: 'b' }] }).expect(403);
    const events: PollEvent[] = [];
    const unsubscribe = t.app.get(PollEvents).subscribe((event) => events.push(event));
    const poll = await residentPoll({ gradePreset: 'en-5' });
    expect(poll).toMatchObject({ status: 'draft', grades: ['Reject', 'Fair', 'Good', 'Very good', 'Excellent'] });
    await t.http.patch(`/api/polls/${poll.id}`).set(organiser.auth).send({ title: 'Budget participatif 2027' }).expect(200);
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(resident.auth).send(ballot(poll, [4, 3, 2])).expect(409);
    await openPoll(poll);
    const locked = await t.http.patch(`/api/polls/${poll.id}`).set(organiser.auth).send({ options: [{ label: 'x' }, { label: 'y' }] }).expect(409);
    expect(locked.body).toMatchObject({ code: 'POLL_NOT_DRAFT' });
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(409);
    await t.http.post(`/api/polls/${poll.id}/publish`).set(organiser.auth).expect(409);

    const voters = await residents(5);
    const grades = [[4, 3, 2], [3, 3, 1], [2, 4, 0], [4, 0, 3], [1, 2, 2]];
    for (const [i, voter] of voters.entries()) {
      const cast = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, grades[i])).expect(201);
      expect((cast.body as { receipt: string }).receipt).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
      expect(cast.headers['cache-control']).toBe('no-store');
    }
    expect((await t.http.get(`/api/polls/${poll.id}/turnout`).expect(200)).body).toEqual({ participants: 5, status: 'open' });
    const early = await t.http.get(`/api/polls/${poll.id}/results`).expect(409);
    expect(early.body).toMatchObject({ code: 'POLL_NOT_CLOSED' });
    await t.http.get(`/api/polls/${poll.id}/bulletin-board`).expect(409);
    await t.http.post(`/api/polls/${poll.id}/close`).set(resident.auth).expect(403);

    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    const results = (await t.http.get(`/api/polls/${poll.id}/results`).expect(200)).body as ResultBody;
    expect(results).toMatchObject({ ballots: 5, participations: 5 });
    // Option 0 has grades 4,3,2,4,1 → median 3; option 1: 3,3,4,0,2 → 3; option 2: 2,1,0,3,2 → 2.
    const byOption = new Map(results.ranking.ranking.map((r) => [r.option, r]));
    expect(byOption.get(poll.options[0].id)).toMatchObject({ majorityGrade: 3, meritProfile: [0, 1, 1, 1, 2] });
    expect(byOption.get(poll.options[2].id)).toMatchObject({ majorityGrade: 2, rank: 3 });
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(resident.auth).send(ballot(poll, [4, 3, 2])).expect(409);
    await t.app.get(PollScheduler).tick(); // the bulletin board is sealed right after close
    await t.http.post(`/api/polls/${poll.id}/publish`).set(organiser.auth).expect(200);

    const actions = (await t.app.get(AuditLogService).list(0, 100_000)).filter((e) => e.subjectId === poll.id).map((e) => e.action);
    expect(actions).toEqual(['poll.created', 'poll.updated', 'poll.opened', 'poll.closed', 'poll.bulletin-board-sealed', 'poll.published']);
    unsubscribe();
    const mine = events.filter((event) => event.pollId === poll.id);
    // Lifecycle events in order; turnout ticks (at most one a second per poll) in between.
    expect(mine.map((event) => event.type).filter((type) => type !== 'poll.turnout')).toEqual(['poll.opened', 'poll.closed', 'poll.published']);
    const turnout = mine.filter((event) => event.type === 'poll.turnout');
    expect(turnout.length).toBeGreaterThanOrEqual(1);
    expect(turnout[0]).toMatchObject({ eligible: null });
    expect(typeof (turnout[0] as { participants: number }).participants).toBe('number');
  });

  it('accepts one ballot from 20 concurrent casts by one voter', async () => {
    const poll = await residentPoll();
    await openPoll(poll);
    const [voter] = await residents(1);
    const casts = await Promise.all(Array.from({ length: 20 }, () => t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [1, 2, 3]))));
    expect(casts.map((r) => r.status).sort((a, b) => a - b)).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(casts.filter((r) => r.status === 409).every((r) => (r.body as { code: string }).code === 'BALLOT_ALREADY_CAST')).toBe(true);
    const counts = await rows<{ ballots: string; participations: string }>(
      `SELECT (SELECT count(*) FROM ballots WHERE poll_id = $1) AS ballots, (SELECT count(*) FROM participations WHERE poll_id = $1) AS participations`,
      [poll.id],
    );
    expect(counts[0]).toEqual({ ballots: '1', participations: '1' });
  });

  it('refuses ugly ballots with clear codes and stores nothing', async () => {
    const poll = await residentPoll();
    const [voter] = await residents(1);
    const draft = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [1, 1, 1])).expect(409);
    expect(draft.body).toMatchObject({ code: 'POLL_NOT_OPEN' });
    await openPoll(poll);
    const cases: Array<[unknown, number, string]> = [
      [{ grades: { ...ballot(poll, [1, 1, 1]).grades, '00000000-0000-4000-8000-000000000000': 2 } }, 400, 'BALLOT_INVALID'],
      [ballot(poll, [1, 1]), 400, 'BALLOT_INCOMPLETE'],
      [ballot(poll, [1, 1, 7]), 400, 'BALLOT_INVALID'],
      [ballot(poll, [1, 1, -1]), 400, 'BALLOT_INVALID'],
      [ballot(poll, [1, 1, 1.5]), 400, 'BALLOT_INVALID'],
      [{ grades: { [poll.options[0].id]: '1', [poll.options[1].id]: 1, [poll.options[2].id]: 1 } }, 400, 'BALLOT_INVALID'],
      [{ grades: {} }, 400, 'BALLOT_INVALID'],
      [{ grades: [1, 2, 3] }, 400, 'VALIDATION_FAILED'],
      [{ grades: ballot(poll, [1, 1, 1]).grades, voter: 'me' }, 400, 'VALIDATION_FAILED'],
      [{ ...ballot(poll, [1, 1, 1]), receipt: 'ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE' }, 409, 'REVOTE_NOT_ALLOWED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(body as object);
      expect([JSON.stringify(body), response.status, (response.body as { code: string }).code]).toEqual([JSON.stringify(body), status, code]);
    }
    await t.http.post(`/api/polls/${poll.id}/ballots`).send(ballot(poll, [1, 1, 1])).expect(401);
    await t.http.post('/api/polls/00000000-0000-4000-8000-000000000000/ballots').set(voter.auth).send(ballot(poll, [1, 1, 1])).expect(404);
    const stored = await rows<{ count: string }>(`SELECT count(*) FROM ballots WHERE poll_id = $1`, [poll.id]);
    expect(stored[0].count).toBe('0');
    // An admin or organiser is a resident too, but nobody without the resident role votes in resident polls.
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [1, 1, 1])).expect(201);
  });

  it('lets a voter replace their ballot with the receipt until close, and only with it', async () => {
    const poll = await residentPoll({ revote: 'until-close', skipped: 'worst' });
    await openPoll(poll);
    const [voter, other] = await residents(2);
    const first = (await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [0, 0, 0])).expect(201)).body as { receipt: string };
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [6, 6])).expect(409);
    const forged = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send({ ...ballot(poll, [6, 6, 6]), receipt: 'ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE' }).expect(409);
    expect(forged.body).toMatchObject({ code: 'RECEIPT_UNKNOWN' });
    // Someone else's receipt does not let a non-voter in.
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(other.auth).send({ ...ballot(poll, [6, 6, 6]), receipt: first.receipt }).expect(409);
    const replaced = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send({ ...ballot(poll, [6, 5]), receipt: first.receipt.toLowerCase() }).expect(200);
    expect(replaced.body).toEqual({ receipt: first.receipt.toLowerCase(), replaced: true });
    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    const results = (await t.http.get(`/api/polls/${poll.id}/results`).expect(200)).body as ResultBody;
    expect(results.ballots).toBe(1);
    const byOption = new Map(results.ranking.ranking.map((r) => [r.option, r]));
    expect(byOption.get(poll.options[0].id)!.majorityGrade).toBe(6);
    // The skipped third option counts as the worst grade.
    expect(byOption.get(poll.options[2].id)!.meritProfile).toEqual([1, 0, 0, 0, 0, 0, 0]);
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send({ ...ballot(poll, [1, 1, 1]), receipt: first.receipt }).expect(409);
  });

  it('counts every ballot acknowledged before the close, and refuses the rest', async () => {
    const poll = await residentPoll();
    await openPoll(poll);
    const voters = await residents(30);
    const casts = voters.map((voter, i) => t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [i % 7, (i * 3) % 7, (i * 5) % 7])));
    const closing = t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth);
    const [answers, closed] = await Promise.all([Promise.all(casts), closing]);
    expect(closed.status).toBe(200);
    const accepted = answers.filter((r) => r.status === 201);
    expect(answers.every((r) => r.status === 201 || (r.status === 409 && (r.body as { code: string }).code === 'POLL_CLOSED'))).toBe(true);
    const results = (await t.http.get(`/api/polls/${poll.id}/results`).expect(200)).body as ResultBody;
    expect(results).toMatchObject({ ballots: accepted.length, participations: accepted.length });
    for (const answer of accepted) {
      const check = await t.http.post(`/api/polls/${poll.id}/receipts/verify`).send({ receipt: (answer.body as { receipt: string }).receipt }).expect(200);
      expect(check.body).toMatchObject({ included: true });
    }
  });

  it('publishes a bulletin board that pnyx mj recount reproduces, and a changed ballot breaks its digest', async () => {
    const poll = await residentPoll({ tieBreak: 'usual' });
    await openPoll(poll);
    const voters = await residents(9);
    const receipts: string[] = [];
    for (const [i, voter] of voters.entries()) {
      const cast = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [(i * 2) % 7, (i + 3) % 7, 6 - (i % 7)])).expect(201);
      receipts.push((cast.body as { receipt: string }).receipt);
    }
    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    await t.app.get(PollScheduler).tick();
    const board = (await t.http.get(`/api/polls/${poll.id}/bulletin-board`).expect(200)).body as {
      digest: string;
      ballots: Array<{ receiptHash: string; grades: number[] }>;
    };
    const results = (await t.http.get(`/api/polls/${poll.id}/results`).expect(200)).body as ResultBody;
    expect(board.digest).toBe(results.bulletinBoardDigest);
    expect(board.ballots).toHaveLength(9);
    expect(board.ballots.map((b) => b.receiptHash)).toEqual([...board.ballots.map((b) => b.receiptHash)].sort());
    // A voter finds their ballot by hashing their receipt (SHA-256 of upper case without dashes).
    expect(board.ballots.map((b) => b.receiptHash)).toContain(hashHumanCode(receipts[0]));
    const verify = await t.http.post(`/api/polls/${poll.id}/receipts/verify`).send({ receipt: 'ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDE' }).expect(200);
    expect(verify.body).toMatchObject({ included: false });

    const file = join(scratch, 'board.json');
    writeFileSync(file, JSON.stringify(board));
    const recount = await run(PNYX, ['mj', 'recount', '--bulletin-board', file]);
    expect(recount.stdout).toContain('the published result is reproduced');
    expect(recount.code).toBe(0);
    const recounted = await run(PNYX, ['mj', 'recount', '--bulletin-board', file, '--json']);
    expect(JSON.parse(recounted.stdout)).toEqual(results.ranking);

    board.ballots[0].grades[0] = board.ballots[0].grades[0] === 0 ? 1 : 0;
    writeFileSync(file, JSON.stringify(board));
    const tampered = await run(PNYX, ['mj', 'recount', '--bulletin-board', file]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAIL digest/);

    const csv = await t.http.get(`/api/polls/${poll.id}/bulletin-board?format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-bulletin-board-digest']).toBe(results.bulletinBoardDigest);
    expect(csv.text.trim().split('\r\n')).toHaveLength(10);
  });

  it('stores nothing that joins a ballot to its voter: no shared key, no time, no casting order', async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('ballots', 'participations') ORDER BY table_name, ordinal_position`,
      [],
    );
    expect(columns.filter((c) => c.table_name === 'ballots').map((c) => c.column_name)).toEqual(['id', 'poll_id', 'receipt_hash', 'grades']);
    expect(columns.filter((c) => c.table_name === 'participations').map((c) => c.column_name)).toEqual(['poll_id', 'voter_key']);

    const poll = await residentPoll();
    await openPoll(poll);
    const voters = await residents(25);
    const castOrder: string[] = [];
    for (const [i, voter] of voters.entries()) {
      const cast = await t.http.post(`/api/polls/${poll.id}/ballots`).set(voter.auth).send(ballot(poll, [i % 7, 3, 4])).expect(201);
      castOrder.push(hashHumanCode((cast.body as { receipt: string }).receipt));
    }
    await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
    await t.app.get(PollScheduler).tick(); // mixing runs right after close; the sweep makes sure it has
    const mixed = await rows<{ ballots_mixed_at: Date | null }>(`SELECT ballots_mixed_at FROM polls WHERE id = $1`, [poll.id]);
    expect(mixed[0].ballots_mixed_at).not.toBeNull();
    // After close, rows (as a dump lists them) are in receipt-hash order, and one transaction wrote them all.
    const ballots = await rows<{ receipt_hash: string; xmin: string }>(`SELECT receipt_hash, xmin::text FROM ballots WHERE poll_id = $1 ORDER BY ctid`, [poll.id]);
    const sorted = [...castOrder].sort();
    expect(ballots.map((r) => r.receipt_hash)).toEqual(sorted);
    expect(ballots.map((r) => r.receipt_hash)).not.toEqual(castOrder);
    expect(new Set(ballots.map((r) => r.xmin)).size).toBe(1);
    const participations = await rows<{ voter_key: string; xmin: string }>(`SELECT voter_key, xmin::text FROM participations WHERE poll_id = $1 ORDER BY ctid`, [poll.id]);
    expect(participations.map((r) => r.voter_key)).toEqual(voters.map((v) => `account:${v.account.id}`).sort());
    expect(new Set(participations.map((r) => r.xmin)).size).toBe(1);
  });

  it("lets the assembly's members vote in its polls and its facilitators run them", async () => {
    const assembly = await createAssembly(t.http, organiser, 20);
    await uploadFixture(t.http, organiser, assembly.id, 'example_small_20');
    const draw = (await t.http.post(`/api/assemblies/${assembly.id}/draws`).set(organiser.auth).send({ algorithm: 'maximin', lotterySize: 20 }).expect(202)).body as DrawBody;
    await waitForDraw(t.http, draw.id, ['computed']);
    await t.http.post(`/api/draws/${draw.id}/seed`).set(organiser.auth).send({ seed: 'vote' }).expect(200);
    const seats = ((await t.http.get(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).expect(200)).body as Array<{ id: string; role: string }>).filter((m) => m.role === 'member');
    const [member, outsider] = await residents(2);
    const code = ((await t.http.post(`/api/assemblies/${assembly.id}/memberships/${seats[0].id}/invitation`).set(organiser.auth).expect(201)).body as { code: string }).code;
    await t.http.post('/api/invitations/redeem').set(member.auth).send({ code }).expect(200);
    const facilitator = await createAndLogin(t.app, t.http, ['facilitator']);
    await t.http.post(`/api/assemblies/${assembly.id}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);

    const stranger = await createAndLogin(t.app, t.http, ['facilitator']);
    await t.http.post('/api/polls').set(stranger.auth).send({ title: 'Motion 1', audience: 'assembly', assemblyId: assembly.id, options: [{ label: 'Pour' }, { label: 'Contre' }] }).expect(403);
    const poll = (await t.http
      .post('/api/polls')
      .set(facilitator.auth)
      .send({ title: 'Motion 1', audience: 'assembly', assemblyId: assembly.id, options: [{ label: 'Amendement A' }, { label: 'Amendement B' }] })
      .expect(201)).body as PollBody;
    await t.http.post(`/api/polls/${poll.id}/open`).set(facilitator.auth).expect(200);
    const refused = await t.http.post(`/api/polls/${poll.id}/ballots`).set(outsider.auth).send(ballot(poll, [1, 2])).expect(403);
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(facilitator.auth).send(ballot(poll, [1, 2])).expect(403);
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(member.auth).send(ballot(poll, [5, 2])).expect(201);
    expect((await t.http.get(`/api/polls/${poll.id}/turnout`).expect(200)).body).toEqual({ participants: 1, eligible: 1, status: 'open' });
    await t.http.post(`/api/polls/${poll.id}/close`).set(facilitator.auth).expect(200);
  });

  it('closes by itself at closesAt: later ballots are refused, earlier ones counted', async () => {
    const closesAt = new Date(clock.now().getTime() + 10 * 60_000);
    const poll = await residentPoll({ closesAt: closesAt.toISOString() });
    await openPoll(poll);
    const [early, late] = await residents(2);
    await t.http.post(`/api/polls/${poll.id}/ballots`).set(early.auth).send(ballot(poll, [1, 2, 3])).expect(201);
    clock.advance(11 * 60_000);
    const refused = await t.http.post(`/api/polls/${poll.id}/ballots`).set(late.auth).send(ballot(poll, [1, 2, 3])).expect(409);
    expect(refused.body).toMatchObject({ code: 'POLL_CLOSED' });
    await t.app.get(PollScheduler).tick();
    const body = (await t.http.get(`/api/polls/${poll.id}`).expect(200)).body as PollBody;
    expect(body.status).toBe('closed');
    expect((await t.http.get(`/api/polls/${poll.id}/results`).expect(200)).body).toMatchObject({ ballots: 1 });
  });

  it('validates polls: options, grades, window, audience', async () => {
    const base = { title: 'x', audience: 'residents', options: [{ label: 'a' }, { label: 'b' }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, options: [{ label: 'a' }] }, 'VALIDATION_FAILED'],
      [{ ...base, options: Array.from({ length: 501 }, (_, i) => ({ label: `o${i}` })) }, 'VALIDATION_FAILED'],
      [{ ...base, options: [{ label: 'a' }, { label: 'A ' }] }, 'POLL_INVALID'],
      [{ ...base, grades: ['only'] }, 'VALIDATION_FAILED'],
      [{ ...base, grades: Array.from({ length: 11 }, (_, i) => `g${i}`) }, 'VALIDATION_FAILED'],
      [{ ...base, grades: ['a', 'b'], gradePreset: 'fr-5' }, 'POLL_INVALID'],
      [{ ...base, opensAt: '2027-01-02T00:00:00Z', closesAt: '2027-01-01T00:00:00Z' }, 'POLL_INVALID'],
      [{ ...base, closesAt: 'tomorrow' }, 'VALIDATION_FAILED'],
      [{ ...base, audience: 'assembly' }, 'POLL_INVALID'],
      [{ ...base, revote: 'always' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const response = await t.http.post('/api/polls').set(organiser.auth).send(body);
      expect([response.status, (response.body as { code: string }).code]).toEqual([400, code]);
    }
  });
});
