import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInstance } from '../input.js';
import type { SortitionInstance } from '../instance.js';

/** The instances of ../shared/data/sortition, copied to test/fixtures/sortition, and ours (see its README). */
export const FIXTURES = {
  example_small_20: { quotas: 'categories.csv', pool: 'respondents.csv', size: 20, householdColumns: [] as string[] },
  example_large_200: { quotas: 'categories.csv', pool: 'respondents.csv', size: 200, householdColumns: [] as string[] },
  sf_fixture_150: { quotas: 'features.csv', pool: 'candidates.csv', size: 22, householdColumns: ['primary_address1', 'primary_zip'] },
  paris_synthetic_2000: { quotas: 'categories.csv', pool: 'respondents.csv', size: 100, householdColumns: ['household'] },
  /** Ours: scripts/generate-paris-pool.mjs with its defaults. */
  paris_synthetic_1500: { quotas: 'categories.csv', pool: 'respondents.csv', size: 100, householdColumns: ['household'] },
} as const;

export type FixtureName = keyof typeof FIXTURES;

export function fixtureDir(name: FixtureName, root = process.cwd()): string {
  return join(root, 'test', 'fixtures', 'sortition', name);
}

export function loadFixture(name: FixtureName, root?: string): SortitionInstance {
  const spec = FIXTURES[name];
  const dir = fixtureDir(name, root);
  return readInstance({
    quotas: { name: spec.quotas, text: readFileSync(join(dir, spec.quotas), 'utf8') },
    pool: { name: spec.pool, text: readFileSync(join(dir, spec.pool), 'utf8') },
    size: spec.size,
    householdColumns: [...spec.householdColumns],
  });
}
