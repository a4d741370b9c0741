import { describe, expect, it } from '@jest/globals';
import { readInstance } from './input.js';
import { loadFixture } from './testing/fixtures.js';

const quotas = (text: string) => ({ name: 'categories.csv', text });
const pool = (text: string) => ({ name: 'respondents.csv', text });

describe('reading instances', () => {
  it('reads the Panelot layout; ids are 1-based row numbers without an id column', () => {
    const instance = loadFixture('example_small_20');
    expect(instance.people).toHaveLength(200);
    expect(instance.categories.map((c) => c.name)).toEqual(['gender', 'leaning']);
    expect(instance.people[0]).toMatchObject({ id: '1', row: 2 });
    expect(instance.people[199].id).toBe('200');
  });

  it('reads the Sortition Foundation layout with nationbuilder_id and flex bounds', () => {
    const instance = loadFixture('sf_fixture_150');
    expect(instance.people[0].id).toBe('p0');
    expect(instance.categories.find((c) => c.name === 'Gender')!.values[0]).toEqual({ value: 'Female', min: 11, max: 12, minFlex: 0, maxFlex: 12 });
    expect(instance.householdColumns).toEqual(['primary_address1', 'primary_zip']);
  });

  it('uses the id column and the household column of the Paris pool', () => {
    const instance = loadFixture('paris_synthetic_2000');
    expect(instance.people[0]).toMatchObject({ id: 'v00001', household: 'h7701' });
  });

  it('matches values case-insensitively and keeps the quota spelling', () => {
    const instance = readInstance({
      quotas: quotas('category,feature,min,max\nGender,Female,0,1\ngender,male,0,1\n'),
      pool: pool('GENDER\n female \nMALE\n'),
      size: 1,
    });
    expect(instance.categories).toEqual([{ name: 'Gender', values: [{ value: 'Female', min: 0, max: 1 }, { value: 'male', min: 0, max: 1 }] }]);
    expect(instance.people.map((p) => p.features)).toEqual([[0], [1]]);
  });

  it('names the file, row and column of bad input', () => {
    const good = 'category,feature,min,max\ngender,f,0,1\n';
    expect(() => readInstance({ quotas: quotas('category,feature,min,max\ngender,f,one,1\n'), pool: pool('gender\nf\n'), size: 1 })).toThrow(
      /categories\.csv, row 2, column 3: "min" must be a whole number/,
    );
    expect(() => readInstance({ quotas: quotas(good), pool: pool('age\n3\n'), size: 1 })).toThrow(/respondents\.csv, row 1: no column "gender"/);
    expect(() => readInstance({ quotas: quotas(good), pool: pool('id,gender\na,f\na,f\n'), size: 1 })).toThrow(/respondents\.csv, row 3, column 1: id "a" is also on row 2/);
    expect(() => readInstance({ quotas: quotas('foo,bar\n1,2\n'), pool: pool('gender\nf\n'), size: 1 })).toThrow(/unknown quota layout/);
    expect(() => readInstance({ quotas: quotas(good + 'Gender,F,0,1\n'), pool: pool('gender\nf\n'), size: 1 })).toThrow(/row 3, column 2: "Gender F" is listed twice/);
    expect(() => readInstance({ quotas: quotas(good), pool: pool('gender\nf\n'), size: 0 })).toThrow(/panel size/);
  });
});
