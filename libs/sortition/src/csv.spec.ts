import { describe, expect, it } from '@jest/globals';
import { CsvError, parseCsv, readCsvTable, toCsv } from './csv.js';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and a final line without end', () => {
    expect(parseCsv('\ufeffa,"b,c"\r\n"say ""hi""",\n"multi\nline",x', 'f.csv')).toEqual([
      ['a', 'b,c'],
      ['say "hi"', ''],
      ['multi\nline', 'x'],
    ]);
  });

  it('names the file, row and column of a broken row', () => {
    expect(() => readCsvTable('a,b\n1,2\n3\n', 'pool.csv')).toThrow(new CsvError('pool.csv', 3, undefined, 'has 1 cells where the header has 2'));
    expect(() => parseCsv('a,"b\n', 'q.csv')).toThrow(/q\.csv, row 1, column 2: a quoted field is not closed/);
    expect(() => parseCsv('a,b"c\n', 'q.csv')).toThrow(/q\.csv, row 1, column 2: a quote inside an unquoted field/);
    expect(() => readCsvTable('a,A\n', 'q.csv')).toThrow(/column "A" appears twice/);
    expect(() => readCsvTable('', 'q.csv')).toThrow(/the file is empty/);
  });

  it('refuses a cell PostgreSQL cannot store, with its row and column', () => {
    expect(() => parseCsv('a,b\n1,x\u0000y\n', 'pool.csv')).toThrow(new CsvError('pool.csv', 2, 2, 'contains a NUL character (U+0000), which cannot be stored: export the file again as "CSV UTF-8"'));
    expect(() => parseCsv('a,b\n\uDE00,2\n', 'pool.csv')).toThrow(/pool\.csv, row 2, column 1: contains half of a character/);
    expect(parseCsv('a\n😀\n', 'pool.csv')).toEqual([['a'], ['😀']]);
  });

  it('trims cells and skips blank lines', () => {
    const table = readCsvTable('name , age\n Ana , 30 \n\n,\nBo,41\n', 't.csv');
    expect(table.header).toEqual(['name', 'age']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Ana', '30'] },
      { rowNumber: 5, cells: ['Bo', '41'] },
    ]);
  });

  it('writes what it reads', () => {
    const rows = [['a', 'b,c'], ['x"y', ' pad ']];
    expect(parseCsv(toCsv(rows), 'x.csv')).toEqual(rows);
  });
});
