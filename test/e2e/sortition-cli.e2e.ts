import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNYX, ROOT, run } from '../support/run-process.js';

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
