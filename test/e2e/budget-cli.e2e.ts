import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePabulib } from '@app/budget-rules';
import { PNYX, ROOT, run } from '../support/run-process.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'pabulib');
const FILES = ['Poland_Warszawa_2019_Piaski.pb', 'Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb', 'Poland_Czestochowa_2024_Podjasnogorska.pb'];

/** The projects a file marks as funded (its PROJECTS section's `selected` column). */
function published(file: string): string[] {
  const election = parsePabulib(readFileSync(join(FIXTURES, file), 'utf8'));
  return election.projects.filter((project) => project.fields.selected.trim() === '1').map((project) => project.id);
}

describe('pnyx pb', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-pb-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('select --rule greedy reproduces what Warszawa, Kraków and Częstochowa funded (approval, ordinal, cumulative votes)', async () => {
    for (const file of FILES) {
      const result = await run(PNYX, ['pb', 'select', '--pb', join(FIXTURES, file), '--rule', 'greedy', '--json']);
      expect({ file, code: result.code, stderr: result.stderr }).toEqual({ file, code: 0, stderr: '' });
      const { selected, cost } = JSON.parse(result.stdout) as { selected: string[]; cost: number };
      expect([...selected].sort()).toEqual(published(file).sort());
      expect(cost).toBeGreaterThan(0);
    }
  });

  it('select --rule equal-shares, completed greedily, says who paid what and what does not fit', async () => {
    const file = join(FIXTURES, 'Poland_Czestochowa_2024_Podjasnogorska.pb');
    const plain = JSON.parse((await run(PNYX, ['pb', 'select', '--pb', file, '--rule', 'equal-shares', '--json'])).stdout) as { selected: string[]; cost: number };
    const completed = await run(PNYX, ['pb', 'select', '--pb', file, '--rule', 'equal-shares', '--completion', 'greedy']);
    expect(completed.code).toBe(0);
    expect(completed.stdout).toMatch(/^rule: equal-shares completed by greedy; budget 138644$/m);
    expect(completed.stdout).toMatch(/^funded {2}348 .*: cost 8000, 56 approvers; 56 paid ≈142\.86 \(1000\/7\) each, 0 paid all they had/m);
    expect(completed.stdout).toMatch(/^skipped 112 .*: cost 120000 does not fit: \d+ left$/m);
    const total = Number(/^selected (\d+) projects for (\d+)/m.exec(completed.stdout)![2]);
    expect(total).toBeLessThanOrEqual(138644);
    expect(total).toBeGreaterThanOrEqual(plain.cost);
  });

  it('names the line of a mistake and exits 2', async () => {
    const broken = join(dir, 'broken.pb');
    writeFileSync(broken, 'META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;60\nVOTES\nvoter_id;vote\na;1,7\n');
    const result = await run(PNYX, ['pb', 'select', '--pb', broken, '--rule', 'greedy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`pnyx pb: ${broken}: line 10: voter a names project 7, which PROJECTS does not list\n`);
  });
});
