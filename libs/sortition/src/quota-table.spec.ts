import { describe, expect, it } from '@jest/globals';
import { readInstance } from './input.js';
import { quotaTable } from './quota-table.js';
import { loadFixture } from './testing/fixtures.js';

describe('quota table', () => {
  it('counts the volunteers of every value, in the quotas’ order', () => {
    const instance = loadFixture('example_small_20');
    const rows = quotaTable(instance);
    expect(rows.map((row) => `${row.category}:${row.value}`)).toEqual(['gender:female', 'gender:male', 'leaning:liberal', 'leaning:conservative']);
    expect(rows[0]).toEqual({ category: 'gender', value: 'female', min: 9, max: 20, volunteers: instance.people.filter((p) => p.features[0] === 0).length });
    // Every volunteer has exactly one value per category here.
    expect(rows[0].volunteers + rows[1].volunteers).toBe(200);
  });

  it('checks a panel against every quota', () => {
    const instance = readInstance({
      quotas: { name: 'categories.csv', text: 'category,feature,min,max\nage,young,1,1\nage,old,1,2\n' },
      pool: { name: 'respondents.csv', text: 'age\nyoung\nyoung\nold\nold\n' },
      size: 2,
      householdColumns: [],
    });
    expect(quotaTable(instance, ['1', '3'])).toEqual([
      { category: 'age', value: 'young', min: 1, max: 1, volunteers: 2, selected: 1, met: true },
      { category: 'age', value: 'old', min: 1, max: 2, volunteers: 2, selected: 1, met: true },
    ]);
    expect(quotaTable(instance, ['1', '2']).map((row) => [row.value, row.selected, row.met])).toEqual([
      ['young', 2, false],
      ['old', 0, false],
    ]);
  });
});
