import { describe, expect, it } from '@jest/globals';
import { diffRoll, parseRoll, readDate, RollFileError } from './roll-csv.js';

describe('electoral roll CSV', () => {
  it('reads English or French column names and both date layouts', () => {
    const french = 'Identifiant,Nom de naissance,Prénoms,Date de naissance,Arrondissement,Bureau de vote\nA1,Dupont,"Marie, Anne",17/05/1990,11e,1101\n';
    expect(parseRoll(french, '2027-01-01')).toEqual({
      rows: [{ externalId: 'A1', familyName: 'Dupont', givenNames: 'Marie, Anne', birthDate: '1990-05-17', district: '11e', pollingStation: '1101' }],
      rejected: [],
    });
  });

  it('reports each bad row with its line and reasons, and keeps the good ones', () => {
    const text = [
      'external_id,family_name,given_names,birth_date,district,polling_station',
      'A1,Dupont,Marie,1990-05-17,11e,1101',
      ',Martin,Paul,1990-05-17,11e,1101',
      'A3,Durand,,1990-02-30,,1101',
      'A1,Double,Jean,1980-01-01,11e,1101',
      'A5,Futur,Léa,2030-01-01,11e,1101',
    ].join('\n');
    const { rows, rejected } = parseRoll(text, '2027-01-01');
    expect(rows.map((row) => row.externalId)).toEqual(['A1']);
    expect(rejected).toEqual([
      { row: 3, externalId: null, problems: ['the identifier is empty'], issues: [{ code: 'identifier-empty' }] },
      {
        row: 4,
        externalId: 'A3',
        problems: ['the given names is empty', 'the birth date "1990-02-30" is not a date (YYYY-MM-DD or DD/MM/YYYY)', 'the district is empty'],
        issues: [{ code: 'given-names-empty' }, { code: 'birth-date-invalid', value: '1990-02-30' }, { code: 'district-empty' }],
      },
      { row: 5, externalId: 'A1', problems: ['the identifier A1 is already on row 2'], issues: [{ code: 'identifier-repeated', value: 'A1', firstRow: 2 }] },
      { row: 6, externalId: 'A5', problems: ['the birth date 2030-01-01 is in the future'], issues: [{ code: 'birth-date-future', value: '2030-01-01' }] },
    ]);
  });

  it('refuses a file whose structure or header is wrong', () => {
    expect(() => parseRoll('', '2027-01-01')).toThrow(RollFileError);
    expect(() => parseRoll('external_id,family_name\nA1,x\n', '2027-01-01')).toThrow(/missing column\(s\) given_names, birth_date, district, polling_station/);
    expect(() => parseRoll('external_id,family_name,given_names,birth_date,district,polling_station\nA1,"x,y,z\n', '2027-01-01')).toThrow(/not closed/);
  });

  it('reads dates strictly', () => {
    expect(readDate('2024-02-29')).toBe('2024-02-29');
    expect(readDate('2023-02-29')).toBeNull();
    expect(readDate('1/2/2000')).toBeNull();
  });

  it('says what a re-import changes', () => {
    const row = { externalId: 'A', familyName: 'F', givenNames: 'G', birthDate: '1990-01-01', district: '1er', pollingStation: '1' };
    expect(diffRoll([row, { ...row, externalId: 'B' }], [{ ...row, district: '2e' }, { ...row, externalId: 'C' }])).toEqual({
      added: ['C'],
      removed: ['B'],
      changed: [{ externalId: 'A', fields: ['district'] }],
      unchanged: 0,
    });
  });
});
