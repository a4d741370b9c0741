/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside a quoted field
 * is doubled), CRLF or LF line ends, an optional UTF-8 byte-order mark. Errors name the file, row
 * and column (1-based, as a spreadsheet shows them).
 */
export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly column: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}, row ${row}${column === undefined ? '' : `, column ${column}`}: ${problem}`);
    this.name = 'CsvError';
  }
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a cell cannot be stored, if it cannot: PostgreSQL refuses NUL (U+0000) in text and JSON, and a
 * lone UTF-16 surrogate has no UTF-8 form. (The API refuses the same in JSON; this library imports
 * nothing of the project, hence its own check.)
 */
export function unstorableCellProblem(cell: string): string | null {
  if (cell.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored: export the file again as "CSV UTF-8"';
  if (LONE_SURROGATE.test(cell)) return 'contains half of a character (a lone UTF-16 surrogate), which cannot be stored';
  return null;
}

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows (without the header); `rowNumber` is the 1-based line in the file, header = 1. */
  rows: Array<{ rowNumber: number; cells: string[] }>;
}

export function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = (): void => {
    const problem = unstorableCellProblem(field);
    if (problem !== null) throw new CsvError(file, line, row.length + 1, problem);
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            throw new CsvError(file, line, row.length + 1, 'unexpected character after a closing quote');
          }
        }
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (fieldStarted) throw new CsvError(file, line, row.length + 1, 'a quote inside an unquoted field (quote the whole field)');
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(file, quoteLine, row.length + 1, 'a quoted field is not closed');
  if (fieldStarted || row.length > 0) endRow();
  // Trailing blank lines are not rows.
  while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell.trim() === '')) rows.pop();
  return rows;
}

/** Parses a CSV with a header row; every data row must have the header's number of cells. */
export function readCsvTable(text: string, file: string): CsvTable {
  const all = parseCsv(text, file);
  const header = all[0];
  if (header === undefined) throw new CsvError(file, 1, undefined, 'the file is empty (a header row is required)');
  const names = header.map((name) => name.trim());
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '') throw new CsvError(file, 1, index + 1, 'a column has no name');
    const key = name.toLowerCase();
    const previous = seen.get(key);
    if (previous !== undefined) throw new CsvError(file, 1, index + 1, `column "${name}" appears twice (also column ${previous + 1})`);
    seen.set(key, index);
  });
  const rows: CsvTable['rows'] = [];
  all.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return; // blank line
    if (cells.length !== names.length) {
      throw new CsvError(file, rowNumber, undefined, `has ${cells.length} cells where the header has ${names.length}`);
    }
    rows.push({ rowNumber, cells: cells.map((cell) => cell.trim()) });
  });
  return { file, header: names, rows };
}

/** Quotes a field when needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
