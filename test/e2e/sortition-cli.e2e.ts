import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNYX, ROOT, run } from '../support/run-process.js';
import { sourceListCsv } from '../support/source-lists.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'sortition');
const small = ['--categories', join(FIXTURES, 'example_small_20', 'categories.csv'), '--respondents', join(FIXTURES, 'example_small_20', 'respondents.csv'), '--size', '20'];

describe('pnyx sortition', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-sortition-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the distribution as one JSON object', async () => {
    const result = await run(PNYX, ['sortition', 'distribution', ...small, '--json']);
    expect(result.code).toBe(0);
    const distribution = JSON.parse(result.stdout) as {
      algorithm: string;
      size: number;
      probabilities: Record<string, number>;
      minProbability: number;
      maxProbability: number;
      panels: Array<{ weight: number; members: string[] }>;
    };
    expect(distribution).toMatchObject({ algorithm: 'leximin', size: 20 });
    expect(Object.keys(distribution.probabilities)).toHaveLength(200);
    expect(distribution.minProbability).toBeCloseTo(0.1, 6);
    expect(distribution.maxProbability).toBeCloseTo(0.1, 6);
    expect(distribution.panels.every((panel) => panel.members.length === 20)).toBe(true);
  });

  it('exits 2 on infeasible quotas and prints the smallest relaxation', async () => {
    const quotas = join(dir, 'tight.csv');
    writeFileSync(quotas, 'category,feature,min,max\ngender,female,12,20\ngender,male,12,20\nleaning,liberal,9,20\nleaning,conservative,9,20\n');
    const result = await run(PNYX, ['sortition', 'check', '--categories', quotas, '--respondents', join(FIXTURES, 'example_small_20', 'respondents.csv'), '--size', '20']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('MINIMUMS_ABOVE_SIZE: gender: the minimums add up to 24, more than the panel size 20');
    // The smallest relaxation lowers the two minimums by 4 in total (24 -> 20 seats).
    const lowered = [...result.stdout.matchAll(/gender (?:female|male): minimum 12 -> (\d+)/g)].map((m) => 12 - Number(m[1]));
    expect(lowered.reduce((sum, units) => sum + units, 0)).toBe(4);
  });

  it('publishes a lottery, draws with a seed, and verify reproduces it bit for bit', async () => {
    const prepared = join(dir, 'prepared.json');
    const drawn = join(dir, 'drawn.json');
    const lottery = await run(PNYX, ['sortition', 'lottery', ...small, '--lottery-size', '200', '--out', prepared, '--json']);
    expect(lottery.code).toBe(0);
    const { lotteryDigest } = JSON.parse(lottery.stdout) as { lotteryDigest: string };
    const draw = await run(PNYX, ['sortition', 'draw', '--bundle', prepared, '--seed', '6 2 5 1 3 3', '--out', drawn, '--json']);
    expect(draw.code).toBe(0);
    expect(JSON.parse(draw.stdout)).toMatchObject({ lotteryDigest, seed: '6 2 5 1 3 3', index: expect.any(Number) });
    const verify = await run(PNYX, ['sortition', 'verify', '--bundle', drawn, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });

    // A changed seed no longer selects the published panel.
    const bundle = JSON.parse(readFileSync(drawn, 'utf8')) as { seed: string; poolCsv: string };
    const otherSeed = join(dir, 'other-seed.json');
    writeFileSync(otherSeed, JSON.stringify({ ...bundle, seed: '6 2 5 1 3 4' }));
    const seedCheck = await run(PNYX, ['sortition', 'verify', '--bundle', otherSeed, '--quick']);
    expect(seedCheck.code).toBe(1);
    expect(seedCheck.stdout).toContain('FAIL the seed selects the published panel');

    // One changed byte of the pool breaks its digest.
    const otherPool = join(dir, 'other-pool.json');
    writeFileSync(otherPool, JSON.stringify({ ...bundle, poolCsv: bundle.poolCsv.replace('\r\n1,female', '\r\n1,male') }));
    const poolCheck = await run(PNYX, ['sortition', 'verify', '--bundle', otherPool, '--quick']);
    expect(poolCheck.code).toBe(1);
    expect(poolCheck.stdout).toContain('FAIL pool and quotas match their digest');

    // The official record of the draw, to print and sign; none before the seed.
    const record = join(dir, 'record.pdf');
    const written = await run(PNYX, ['sortition', 'record', '--bundle', drawn, '--out', record, '--assembly', 'Assemblée de test', '--present', 'Maître Dupont, commissaire de justice', '--drawn-at', '2026-12-05T10:30:00+01:00']);
    expect(written.code).toBe(0);
    expect(readFileSync(record).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const early = await run(PNYX, ['sortition', 'record', '--bundle', prepared, '--out', record, '--assembly', 'A']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('has no draw yet');
    const badDate = await run(PNYX, ['sortition', 'record', '--bundle', drawn, '--out', record, '--assembly', 'A', '--drawn-at', 'tomorrow']);
    expect(badDate.stderr).toContain('--drawn-at must be a date and time, ISO 8601');
  });
});

describe('pnyx sortition time budget', () => {
  it('stops a run that exceeds its budget with exit code 3', async () => {
    const result = await run(PNYX, [
      'sortition',
      'distribution',
      '--features',
      join(FIXTURES, 'sf_fixture_150', 'features.csv'),
      '--candidates',
      join(FIXTURES, 'sf_fixture_150', 'candidates.csv'),
      '--size',
      '22',
      '--time-budget',
      '0.2',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('ran out of its time budget');
  });
});

describe('pnyx sortition invite (stage 1)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-invite-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A list of `n` people in four districts, one address each. */
  function writeList(name: string, n: number, prefix: string, semicolons = false): string {
    const file = join(dir, name);
    writeFileSync(file, sourceListCsv(n, prefix, semicolons));
    return file;
  }
  const invite = (lists: string[], extra: string[] = []) =>
    run(PNYX, ['sortition', 'invite', '--lists', lists.join(','), '--sources', 'roll,foreign,young', '--count', '50', '--mix', '80,15,5', '--strata', 'district', '--seed', '6 2 5 1 3 3', '--on', '2026-12-05', '--json', ...extra]);

  it('reproduces the invited ids exactly from the lists and the seed; another seed gives others', async () => {
    const lists = [writeList('roll.csv', 400, 'E'), writeList('foreign.csv', 120, 'F', true), writeList('young.csv', 60, 'Y')];
    const first = await invite(lists);
    expect(first.code).toBe(0);
    const draw = JSON.parse(first.stdout) as { invited: Array<{ id: string; source: string; stratum: string }>; allocation: Record<string, { seats: number }>; digests: Record<string, string> };
    expect(draw.invited).toHaveLength(50);
    expect(draw.invited.filter((p) => p.source === 'foreign')).toHaveLength(8);
    expect(Object.fromEntries(Object.entries(draw.allocation).map(([k, v]) => [k, v.seats]))).toEqual({ roll: 40, foreign: 8, young: 2 });
    expect(draw.digests.roll).toMatch(/^[0-9a-f]{64}$/);
    const again = await invite(lists);
    expect(JSON.parse(again.stdout)).toEqual(draw);
    const other = await run(PNYX, ['sortition', 'invite', '--lists', lists.join(','), '--sources', 'roll,foreign,young', '--count', '50', '--mix', '80,15,5', '--seed', 'another', '--on', '2026-12-05', '--json']);
    expect((JSON.parse(other.stdout) as typeof draw).invited).not.toEqual(draw.invited);
    // Those invited now are left out of a second wave, given as "source:id" lines.
    const earlier = join(dir, 'earlier.txt');
    writeFileSync(earlier, draw.invited.map((p) => `${p.source}:${p.id}`).join('\n'));
    const second = await invite(lists, ['--exclude', earlier]);
    const wave = JSON.parse(second.stdout) as typeof draw & { excluded: number };
    expect(wave.excluded).toBe(50);
    expect(wave.invited.some((p) => draw.invited.some((q) => q.source === p.source && q.id === p.id))).toBe(false);

    // The official record of the draw, to sign; it needs the assembly's name.
    const record = join(dir, 'invitations.pdf');
    const withRecord = await invite(lists, ['--record', record, '--assembly', 'Assemblée de test', '--present', 'Maître Dupont, commissaire de justice']);
    expect(withRecord.code).toBe(0);
    expect(readFileSync(record).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const unnamed = await invite(lists, ['--record', record]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain('--record needs --assembly');

    // Anyone holding the lists checks the published draw; a changed list fails it.
    const published = join(dir, 'published.json');
    writeFileSync(published, first.stdout);
    const checked = await run(PNYX, ['sortition', 'verify-invitations', '--published', published, '--lists', lists.join(',')]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('the invitations reproduce');
    writeFileSync(lists[1], readFileSync(lists[1], 'utf8').replace('Nom1;', 'Nom2;'));
    const tampered = await run(PNYX, ['sortition', 'verify-invitations', '--published', published, '--lists', lists.join(',')]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('FAIL list foreign matches its published SHA-256');
  });

  it('exits 2 and names the lines when a list has problems', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,family name,given names,birth date,address,postal code\nE1,Nom,Jean,1980-13-01,1 rue A,75001\nE1,Nom,Jean,1980-01-01,2 rue A,75001\n');
    const result = await invite([bad, writeList('f2.csv', 50, 'F'), writeList('y2.csv', 50, 'Y')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.csv: 2 problems');
    expect(result.stderr).toContain('line 2, birth date: "1980-13-01" is not a date');
    expect(result.stderr).toContain('line 3, id: id E1 appears twice');
  });
});
