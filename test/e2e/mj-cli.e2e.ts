import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PNYX, run } from '../support/run-process.js';

const dir = mkdtempSync(join(tmpdir(), 'pnyx-mj-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('pnyx mj', () => {
  it('ranks tallies and prints the published JSON shape, exact past 2^53', async () => {
    const tallies = file('tallies.json', {
      grades: ['À rejeter', 'Passable', 'Bien'],
      tallies: { A: ['0', '9007199254740993', '9007199254740993'], B: ['1', '9007199254740992', '9007199254740993'] },
    });
    const result = await run(PNYX, ['mj', 'rank', '--tallies', tallies]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { ranking: Array<{ option: string; rank: number; majorityGradeLabel: string; meritProfile: unknown[] }> };
    expect(body.ranking.map((r) => [r.option, r.rank, r.majorityGradeLabel])).toEqual([
      ['A', 1, 'Passable'],
      ['B', 2, 'Passable'],
    ]);
    expect(body.ranking[0].meritProfile).toEqual([0, '9007199254740993', '9007199254740993']);
  });

  it('applies a tie-break and a padding policy', async () => {
    const tallies = file('fabre.json', { grades: ['0', '1', '2'], tallies: { A: [1, 5, 4], B: [0, 7, 3] } });
    const central = JSON.parse((await run(PNYX, ['mj', 'rank', '--tallies', tallies, '--tie-break', 'central'])).stdout) as { ranking: Array<{ option: string }> };
    expect(central.ranking.map((r) => r.option)).toEqual(['B', 'A']);
    const unbalanced = file('unbalanced.json', { grades: ['0', '1'], tallies: { A: [1, 1], B: [0, 1] } });
    const refused = await run(PNYX, ['mj', 'rank', '--tallies', unbalanced]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('UNBALANCED');
    expect((await run(PNYX, ['mj', 'rank', '--tallies', unbalanced, '--pad', 'median'])).code).toBe(0);
  });

  it('ranks published survey percentages on their shares with --pad normalise, and says so when they are refused', async () => {
    // Percentages with one decimal; A's add up to 99.9, B's to 100.
    const survey = file('survey.json', { grades: ['À rejeter', 'Insuffisant', 'Passable', 'Assez bien', 'Bien'], tallies: { A: [21, 19, 24, 20.9, 15], B: [18, 20, 25, 22, 15] } });
    const refused = await run(PNYX, ['mj', 'rank', '--tallies', survey]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a count must be a whole number/);
    const whole = file('survey-whole.json', { grades: ['0', '1', '2', '3', '4'], tallies: { A: [210, 190, 240, 209, 150], B: [180, 200, 250, 220, 150] } });
    const unbalanced = await run(PNYX, ['mj', 'rank', '--tallies', whole]);
    expect(unbalanced.code).toBe(2);
    expect(unbalanced.stderr).toMatch(/normalise for published shares whose totals differ by rounding/);
    const ranked = await run(PNYX, ['mj', 'rank', '--tallies', survey, '--pad', 'normalise', '--tie-break', 'usual']);
    expect(ranked.code).toBe(0);
    const body = JSON.parse(ranked.stdout) as { padding: string; ranking: Array<{ option: string; majorityGradeLabel: string; scale: number }> };
    expect(body.padding).toBe('normalise');
    expect(body.ranking.map((r) => [r.option, r.majorityGradeLabel, r.scale])).toEqual([
      ['B', 'Passable', 999],
      ['A', 'Passable', 1000],
    ]);
  });

  it('says what is wrong with a bad file', async () => {
    for (const content of ['not json', { grades: ['only one'], tallies: {} }, { grades: ['a', 'b'], tallies: { A: [1, -1] } }, { grades: ['a', 'b'], tallies: { A: [1.5, 1] } }]) {
      const result = await run(PNYX, ['mj', 'rank', '--tallies', file('bad.json', content)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^pnyx mj: [A-Z_]+: /);
    }
  });
});
