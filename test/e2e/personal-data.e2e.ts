import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { ReferendumScheduler } from '@app/referendum';
import { ManualClock, RetentionService } from '@app/shared';
import { PollScheduler } from '@app/voting';
import { createAssembly, uploadFixture, waitForDraw, type DrawBody } from '../support/assemblies.js';
import { createAccount, createAndLogin, loginAs, seatMember, TEST_PASSWORD, type LoggedIn } from '../support/factories.js';
import { electors, generateCodes, rollCsv, uploadRoll } from '../support/referendums.js';
import { PNYX, run } from '../support/run-process.js';
import { sourceListCsv } from '../support/source-lists.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('Personal data kept no longer than needed', () => {
  // 1 March 2027: assemblies' terms end 31 December 2027 (createAssembly) or later.
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let t: TestApp;
  let db: DataSource;
  let env: Record<string, string>;
  let organiser: LoggedIn;
  const scratch = mkdtempSync(join(tmpdir(), 'pnyx-privacy-'));

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', RETENTION_JOB_INTERVAL_HOURS: '0' }, clock });
    db = t.app.get<DataSource>(getDataSourceToken());
    env = { DATABASE_URL: t.database.url };
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Paris wall-clock time `hours` after the test clock (referendum windows are entered so). */
  const parisIn = (hours: number): string => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(clock.now().getTime() + hours * 3_600_000));
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
  };

  /** An assembly with a drawn pool (its bundle), and a recruitment: a city list, invitations with letters, one respondent. */
  async function assemblyWithEverything(termEnd: string): Promise<{ assemblyId: string; poolId: string; drawId: string; listId: string }> {
    const { id: assemblyId } = (await t.http.post('/api/assemblies').set(organiser.auth).send({ name: `Assemblée ${termEnd}`, seats: 22, termStart: '2027-01-01', termEnd }).expect(201)).body as { id: string };
    const list = (await t.http.put(`/api/assemblies/${assemblyId}/source-lists`).query({ source: 'roll', fileName: 'roll.csv' }).set(organiser.auth).set('Content-Type', 'text/csv').send(sourceListCsv(60, 'E')).expect(201)).body as { id: string };
    const invitationDraw = (await t.http.post(`/api/assemblies/${assemblyId}/invitation-draws`).set(organiser.auth).send({ listIds: [list.id], mix: [1], count: 5, questions: [] }).expect(201)).body as { id: string };
    await t.http.post(`/api/invitation-draws/${invitationDraw.id}/seed`).set(organiser.auth).send({ seed: '1 2 3' }).expect(200);
    const letters = parse<{ invitation_code: string }>((await t.http.post(`/api/invitation-draws/${invitationDraw.id}/letters`).set(organiser.auth).expect(200)).text, { columns: true });
    const code = letters[0].invitation_code;
    await t.http.post('/api/respond').send({ code, consent: true, answers: {}, email: 'camille@example.org', phone: '0612345678', availability: 'Saturdays' }).expect(201);
    const pool = await uploadFixture(t.http, organiser, assemblyId, 'sf_fixture_150');
    const requested = (await t.http.post(`/api/assemblies/${assemblyId}/draws`).set(organiser.auth).send({ algorithm: 'legacy' }).expect(202)).body as DrawBody;
    await waitForDraw(t.http, requested.id, ['computed']);
    await t.http.post(`/api/draws/${requested.id}/seed`).set(organiser.auth).send({ seed: '4 2 6' }).expect(200);
    return { assemblyId, poolId: pool.id, drawId: requested.id, listId: list.id };
  }

  /** A referendum voted in (two online ballots), closed and published; its ballot boxes. */
  async function publishedReferendum(): Promise<{ id: string; pollIds: string[] }> {
    const { id } = (await t.http.post('/api/referendums').set(organiser.auth).send({ title: 'Votation', opensAt: parisIn(1), closesAt: parisIn(3), questions: [{ kind: 'yes-no', text: 'Oui ou non ?' }] }).expect(201)).body as { id: string };
    const roll = electors(4, ['1er']);
    expect((await uploadRoll(t.http, organiser, id, rollCsv(roll))).status).toBe(200);
    const codes = await generateCodes(t.http, organiser, id);
    await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200);
    clock.advance(2 * 3_600_000);
    for (const [i, elector] of roll.slice(0, 2).entries()) {
      await t.http.post(`/api/referendums/${id}/ballots`).send({ code: codes.get(elector.externalId), birthDate: elector.birthDate, answers: [{ choice: i % 2 }] }).expect(201);
    }
    clock.advance(2 * 3_600_000);
    await t.app.get(ReferendumScheduler).tick();
    await t.app.get(PollScheduler).tick();
    await t.http.post(`/api/referendums/${id}/publish`).set(organiser.auth).expect(200);
    const boxes = (await t.http.get(`/api/referendums/${id}/ballot-boxes`).expect(200)).body as Array<{ pollId: string }>;
    return { id, pollIds: boxes.map((box) => box.pollId) };
  }

  async function recount(pollId: string): Promise<string> {
    const board = (await t.http.get(`/api/polls/${pollId}/bulletin-board`).expect(200)).text;
    const file = join(scratch, `${pollId}.json`);
    writeFileSync(file, board);
    const result = await run(PNYX, ['mj', 'recount', '--bulletin-board', file]);
    expect(result.code).toBe(0);
    return result.stdout;
  }

  async function verifyBundle(drawId: string, quick = false): Promise<void> {
    const file = join(scratch, `${drawId}.json`);
    writeFileSync(file, (await t.http.get(`/api/draws/${drawId}/bundle`).expect(200)).text);
    const verified = await run(PNYX, ['sortition', 'verify', '--bundle', file, '--json', ...(quick ? ['--quick'] : [])]);
    expect([verified.code, (JSON.parse(verified.stdout) as { ok: boolean }).ok]).toEqual([0, true]);
  }

  const personalLeft = async (assemblyId: string) =>
    (
      await db.query<Array<Record<string, number>>>(
        `SELECT (SELECT count(*)::int FROM pool_volunteers v JOIN pools p ON p.id = v.pool_id WHERE p.assembly_id = $1 AND v.personal <> '{}'::jsonb) AS volunteers,
                (SELECT count(*)::int FROM source_list_chunks c JOIN source_lists l ON l.id = c.list_id WHERE l.assembly_id = $1) AS chunks,
                (SELECT count(*)::int FROM invitations WHERE assembly_id = $1 AND family_name IS NOT NULL) AS invitations,
                (SELECT count(*)::int FROM respondents WHERE assembly_id = $1 AND contact <> '{}'::jsonb) AS respondents`,
        [assemblyId],
      )
    )[0];

  it('purges what is past its period, and only that; every published result still recounts and re-runs', async () => {
    const old = await assemblyWithEverything('2027-12-31');
    const current = await assemblyWithEverything('2031-06-30');
    const oldVote = await publishedReferendum();
    const resultsBefore = (await t.http.get(`/api/referendums/${oldVote.id}/results`).expect(200)).body as unknown;
    const recountsBefore = await Promise.all(oldVote.pollIds.map(recount));
    const loggedOut = await createAndLogin(t.app, t.http);
    await t.http.post('/api/auth/logout').set(loggedOut.auth).expect(204);

    // 13 months after the old term, 400 days after the vote's publication.
    clock.set(new Date('2029-02-01T09:00:00Z'));
    organiser = await loginAs(t.http, organiser.account);
    const recentVote = await publishedReferendum(); // published now: its roll is kept

    // The command line runs on the real clock, years before the test's: it finds nothing due yet, and says so.
    const dry = await run(PNYX, ['data', 'purge', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, total: 0 });
    const preview = await t.app.get(RetentionService).preview();
    const rows = Object.fromEntries(preview.rules.map((rule) => [rule.name, rule.rows]));
    expect(rows).toEqual({ sessions: expect.any(Number), 'pool-details': 150, 'source-lists': 1, invitations: 5, respondents: 1, rolls: 4 });
    expect(rows['sessions']).toBeGreaterThanOrEqual(1);
    expect(await personalLeft(old.assemblyId)).toEqual({ volunteers: 150, chunks: 1, invitations: 5, respondents: 1 }); // a dry run changes nothing

    const report = await t.app.get(RetentionService).purge({ dryRun: false, actor: 'cli' });
    expect(report.total).toBe(preview.total);
    expect(await personalLeft(old.assemblyId)).toEqual({ volunteers: 0, chunks: 0, invitations: 0, respondents: 0 });
    expect(await personalLeft(current.assemblyId)).toEqual({ volunteers: 150, chunks: 1, invitations: 5, respondents: 1 });
    const rolls = await db.query<Array<{ referendum_id: string; named: number; purged: number }>>(
      `SELECT referendum_id, count(family_name)::int AS named, count(purged_at)::int AS purged FROM roll_entries WHERE referendum_id = ANY($1) GROUP BY referendum_id`,
      [[oldVote.id, recentVote.id]],
    );
    expect(Object.fromEntries(rolls.map((r) => [r.referendum_id, [r.named, r.purged]]))).toEqual({ [oldVote.id]: [0, 4], [recentVote.id]: [4, 0] });
    expect((await db.query<unknown[]>(`SELECT 1 FROM auth_sessions WHERE account_id = $1`, [loggedOut.account.id])).length).toBe(0);
    await t.http.get('/api/auth/me').set(organiser.auth).expect(200); // a live session stays

    // Audited with counts only; the chain verifies; results, bulletin boards and bundles are as published.
    const [entry] = await db.query<Array<{ actor: string; data: { rows: Record<string, number> } }>>(`SELECT actor, data FROM audit_log WHERE action = 'data.purged' ORDER BY seq DESC LIMIT 1`);
    expect(entry).toMatchObject({ actor: 'cli', data: { rows: { 'pool-details': 150, rolls: 4 } } });
    expect(JSON.stringify(entry.data)).not.toMatch(/camille|Nom1|0612345678/);
    const audit = await run(PNYX, ['audit', 'verify', '--json'], env);
    expect([audit.code, (JSON.parse(audit.stdout) as { ok: boolean }).ok]).toEqual([0, true]);
    expect((await t.http.get(`/api/referendums/${oldVote.id}/results`).expect(200)).body).toEqual(resultsBefore);
    expect(await Promise.all(oldVote.pollIds.map(recount))).toEqual(recountsBefore);
    await verifyBundle(old.drawId); // re-run in full from the published bundle
    await verifyBundle(current.drawId, true);
    // The old pool still lists its volunteers by pseudonymous id and features, for anyone to check the draw.
    const volunteers = (await t.http.get(`/api/pools/${old.poolId}/volunteers`).set(organiser.auth).expect(200)).body as Array<{ personId: string; features: Record<string, string>; personal?: Record<string, string> }>;
    expect(volunteers.length).toBeGreaterThan(0);
    expect(volunteers.every((v) => Object.keys(v.features).length > 0 && Object.keys(v.personal ?? {}).length === 0)).toBe(true);

    // Run again: nothing left to purge, nothing audited.
    expect((await t.app.get(RetentionService).purge({ dryRun: false })).total).toBe(0);
  }, 180_000);

  it('exports everything held about a person, and deletes their account keeping the records consistent', async () => {
    clock.set(new Date('2029-03-01T09:00:00Z'));
    organiser = await loginAs(t.http, organiser.account);
    const assembly = await createAssembly(t.http, organiser, 10, 'Assemblée pour un export');
    await t.http.put(`/api/assemblies/${assembly.id}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 3, petitionDays: 30 }).expect(200);
    const camille = await loginAs(t.http, await createAccount(t.app));
    await seatMember(t.app, assembly.id, camille.account.id);
    const proposal = (await t.http.post(`/api/assemblies/${assembly.id}/proposals`).set(camille.auth).send({ kind: 'motion', title: 'Des bancs place de la République', body: 'Plus de bancs.' }).expect(201)).body as { id: string };

    const exported = await t.http.get('/api/me/data').set(camille.auth).expect(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="pnyx-my-data.json"');
    expect(exported.headers['cache-control']).toBe('no-store');
    const data = exported.body as { format: string; accountId: string; sections: Record<string, unknown> & { agenda: { proposals: unknown[] } } };
    expect(data).toMatchObject({ format: 'pnyx-personal-data-v1', accountId: camille.account.id });
    expect(Object.keys(data.sections)).toEqual(['assemblies', 'agenda', 'deliberation', 'votes', 'budget', 'referendums', 'account']);
    expect(data.sections['account']).toMatchObject({ email: camille.account.email, displayName: 'Test Person', hasPassword: true, identities: [], signIns: [expect.objectContaining({ endedAt: null })] });
    expect(data.sections['assemblies']).toEqual([expect.objectContaining({ assemblyId: assembly.id, role: 'member', endedAt: null })]);
    expect(data.sections.agenda.proposals).toEqual([expect.objectContaining({ id: proposal.id, title: 'Des bancs place de la République' })]);
    expect(JSON.stringify(data)).not.toMatch(/password_hash|\$argon2/);
    await t.http.get('/api/me/data').expect(401);

    // Deletion asks for confirmation.
    expect((await t.http.delete('/api/me').set(camille.auth).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t.http.delete('/api/me').set(camille.auth).send({ confirm: true }).expect(204);
    await t.http.get('/api/auth/me').set(camille.auth).expect(401);
    await t.http.post('/api/auth/login').send({ email: camille.account.email, password: TEST_PASSWORD }).expect(401);
    const [account] = await db.query<Array<Record<string, unknown>>>(`SELECT email, password_hash, display_name, roles, deleted_at FROM accounts WHERE id = $1`, [camille.account.id]);
    expect(account).toMatchObject({ email: null, password_hash: null, display_name: 'Compte supprimé · Deleted account', roles: [] });
    expect(account['deleted_at']).not.toBeNull();
    // The seat ended as when leaving, with the reason; the motion stays in the record.
    const seats = (await t.http.get(`/api/assemblies/${assembly.id}/memberships?includeEnded=true`).set(organiser.auth).expect(200)).body as Array<{ id: string; role: string; endedAt?: string; endReason?: string }>;
    expect(seats.filter((m) => m.role === 'member')).toEqual([expect.objectContaining({ endReason: 'Account deleted' })]);
    expect(await db.query(`SELECT title, author_id FROM proposals WHERE id = $1`, [proposal.id])).toEqual([{ title: 'Des bancs place de la République', author_id: camille.account.id }]);
    const audit = await run(PNYX, ['audit', 'verify', '--json'], env);
    expect([audit.code, (JSON.parse(audit.stdout) as { ok: boolean }).ok]).toEqual([0, true]);
    // Registering again with the same address makes a new account.
    await t.http.post('/api/auth/register').send({ email: camille.account.email, password: TEST_PASSWORD, displayName: 'Camille' }).expect(201);
  });

  it('refuses to delete the last admin and the last organiser of an assembly', async () => {
    const admins = await db.query<Array<{ id: string }>>(`SELECT id FROM accounts WHERE 'admin' = ANY(roles) AND disabled_at IS NULL`);
    expect(admins).toHaveLength(0);
    const admin = await createAndLogin(t.app, t.http, ['admin']);
    expect((await t.http.delete('/api/me').set(admin.auth).send({ confirm: true }).expect(409)).body.code).toBe('LAST_ADMIN_DELETION');
    const assembly = await createAssembly(t.http, organiser, 5, 'Assemblée à organiser');
    const lead = await createAndLogin(t.app, t.http, ['organiser']);
    await db.query(`INSERT INTO memberships (assembly_id, role, account_id) VALUES ($1, 'organiser', $2)`, [assembly.id, lead.account.id]);
    await db.query(`UPDATE memberships SET ended_at = now(), end_kind = 'left', end_reason = 'test', ended_by = account_id WHERE assembly_id = $1 AND account_id = $2`, [assembly.id, organiser.account.id]);
    expect((await t.http.delete('/api/me').set(lead.auth).send({ confirm: true }).expect(409)).body.code).toBe('LAST_ORGANISER');
    await t.http.get('/api/auth/me').set(lead.auth).expect(200); // nothing was erased
  });
});
