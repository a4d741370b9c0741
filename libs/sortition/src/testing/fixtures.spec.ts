import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDir, loadFixture } from './fixtures.js';

describe('paris_synthetic_1500, the generated Paris-like pool', () => {
  it('is exactly what scripts/generate-paris-pool.mjs writes with its defaults', () => {
    const out = mkdtempSync(join(tmpdir(), 'pnyx-paris-pool-'));
    try {
      const run = spawnSync(process.execPath, ['scripts/generate-paris-pool.mjs', '--out', out], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      for (const file of ['categories.csv', 'respondents.csv']) {
        expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(fixtureDir('paris_synthetic_1500'), file), 'utf8'));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('has 1,500 volunteers in households of 1 to 4 and five categories', () => {
    const instance = loadFixture('paris_synthetic_1500');
    expect(instance.people).toHaveLength(1500);
    expect(instance.categories.map((category) => category.name)).toEqual(['gender', 'age', 'diploma', 'arrondissement', 'occupation']);
    const sizes = new Map<string, number>();
    for (const person of instance.people) sizes.set(person.household!, (sizes.get(person.household!) ?? 0) + 1);
    expect(new Set(sizes.values())).toEqual(new Set([1, 2, 3, 4]));
  });
});
