import { createHash } from 'node:crypto';
import { CsvError, readCsvTable } from '@app/sortition';

/**
 * The electoral roll as organisers export it: one row per elector with an identifier, names, birth
 * date, district and polling station. Column names are matched without case or accents, in English
 * or as French roll extracts name them (identifiant, nom, prénoms, date de naissance,
 * arrondissement, bureau de vote). Dates as YYYY-MM-DD or DD/MM/YYYY. Each row is checked on its
 * own; rejected rows are reported with their line and reason.
 */
export interface RollRow {
  externalId: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  district: string;
  pollingStation: string;
}

/** What is wrong with a row, for pages to say in their language (`problems` says it in English). */
export interface RollIssue {
  code:
    | 'identifier-empty'
    | 'identifier-too-long'
    | 'identifier-repeated'
    | 'family-name-empty'
    | 'family-name-too-long'
    | 'given-names-empty'
    | 'given-names-too-long'
    | 'birth-date-invalid'
    | 'birth-date-future'
    | 'birth-date-too-old'
    | 'district-empty'
    | 'district-too-long'
    | 'polling-station-empty'
    | 'polling-station-too-long';
  /** The value at fault, where it helps (a date, the identifier). */
  value?: string;
  /** identifier-repeated: the row that has it first. */
  firstRow?: number;
}

export interface RejectedRow {
  row: number;
  externalId: string | null;
  problems: string[];
  issues: RollIssue[];
}

export interface ParsedRoll {
  rows: RollRow[];
  rejected: RejectedRow[];
}

const COLUMNS: Record<keyof RollRow, string[]> = {
  externalId: ['external_id', 'id', 'identifiant', 'numero', 'numero electeur', 'numero d electeur'],
  familyName: ['family_name', 'nom', 'nom de naissance', 'last_name'],
  givenNames: ['given_names', 'prenoms', 'prenom', 'first_names', 'first_name'],
  birthDate: ['birth_date', 'date de naissance', 'date_naissance', 'naissance'],
  district: ['district', 'arrondissement', 'secteur'],
  pollingStation: ['polling_station', 'bureau', 'bureau de vote', 'bureau_de_vote', 'station'],
};

const simplify = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export class RollFileError extends Error {}

/** Parses a roll file. Throws `RollFileError` when the file itself is unreadable (structure, header). */
export function parseRoll(text: string, today: string): ParsedRoll {
  let table;
  try {
    table = readCsvTable(text, 'roll');
  } catch (error) {
    if (error instanceof CsvError) throw new RollFileError(error.message);
    throw error;
  }
  const header = table.header.map(simplify);
  const index = {} as Record<keyof RollRow, number>;
  const missing: string[] = [];
  for (const [field, names] of Object.entries(COLUMNS) as Array<[keyof RollRow, string[]]>) {
    const found = header.findIndex((name) => names.includes(name));
    if (found === -1) missing.push(names[0]);
    index[field] = found;
  }
  if (missing.length > 0) throw new RollFileError(`roll, row 1: missing column(s) ${missing.join(', ')} (header: ${table.header.join(', ')})`);

  const rows: RollRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const cell = (field: keyof RollRow): string => cells[index[field]] ?? '';
    const problems: string[] = [];
    const issues: RollIssue[] = [];
    const problem = (issue: RollIssue, english: string): void => {
      issues.push(issue);
      problems.push(english);
    };
    const externalId = cell('externalId');
    if (externalId === '') problem({ code: 'identifier-empty' }, 'the identifier is empty');
    else if (externalId.length > 64) problem({ code: 'identifier-too-long' }, 'the identifier is longer than 64 characters');
    else if (seen.has(externalId)) problem({ code: 'identifier-repeated', value: externalId, firstRow: seen.get(externalId)! }, `the identifier ${externalId} is already on row ${seen.get(externalId)}`);
    for (const field of ['familyName', 'givenNames'] as const) {
      const [name, code] = field === 'familyName' ? (['the family name', 'family-name'] as const) : (['the given names', 'given-names'] as const);
      if (cell(field) === '') problem({ code: `${code}-empty` }, `${name} is empty`);
      else if (cell(field).length > 200) problem({ code: `${code}-too-long` }, `${name} is longer than 200 characters`);
    }
    const birthDate = readDate(cell('birthDate'));
    if (birthDate === null) problem({ code: 'birth-date-invalid', value: cell('birthDate') }, `the birth date "${cell('birthDate')}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
    else if (birthDate > today) problem({ code: 'birth-date-future', value: birthDate }, `the birth date ${birthDate} is in the future`);
    else if (birthDate < '1900-01-01') problem({ code: 'birth-date-too-old', value: birthDate }, `the birth date ${birthDate} is before 1900`);
    for (const field of ['district', 'pollingStation'] as const) {
      const [label, code] = field === 'district' ? (['the district', 'district'] as const) : (['the polling station', 'polling-station'] as const);
      if (cell(field) === '') problem({ code: `${code}-empty` }, `${label} is empty`);
      else if (cell(field).length > 64) problem({ code: `${code}-too-long` }, `${label} is longer than 64 characters`);
    }
    if (problems.length > 0) {
      rejected.push({ row: rowNumber, externalId: externalId === '' ? null : externalId, problems, issues });
      continue;
    }
    seen.set(externalId, rowNumber);
    rows.push({ externalId, familyName: cell('familyName'), givenNames: cell('givenNames'), birthDate: birthDate!, district: cell('district'), pollingStation: cell('pollingStation') });
  }
  return { rows, rejected };
}

/** YYYY-MM-DD or DD/MM/YYYY → YYYY-MM-DD, or null when not a real calendar date. */
export function readDate(text: string): string | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (match !== null) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
    if (match === null) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface RollDiff {
  added: string[];
  removed: string[];
  changed: Array<{ externalId: string; fields: Array<keyof RollRow> }>;
  unchanged: number;
}

/** What a re-import changes, by identifier. */
export function diffRoll(current: readonly RollRow[], next: readonly RollRow[]): RollDiff {
  const before = new Map(current.map((row) => [row.externalId, row]));
  const after = new Map(next.map((row) => [row.externalId, row]));
  const diff: RollDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [id, row] of after) {
    const old = before.get(id);
    if (old === undefined) {
      diff.added.push(id);
      continue;
    }
    const fields = (Object.keys(COLUMNS) as Array<keyof RollRow>).filter((field) => old[field] !== row[field]);
    if (fields.length === 0) diff.unchanged += 1;
    else diff.changed.push({ externalId: id, fields });
  }
  for (const id of before.keys()) if (!after.has(id)) diff.removed.push(id);
  return diff;
}

/**
 * The roll's published fingerprint: SHA-256 (hex) of its rows sorted by identifier, one JSON array
 * per row ([id, family name, given names, birth date, district, station]), joined by newlines.
 * `pnyx referendum roll-digest` recomputes it from the CSV file.
 */
export function rollDigest(rows: readonly RollRow[]): string {
  return createHash('sha256').update(rollDigestLines(rows).join('\n')).digest('hex');
}

function rollDigestLines(rows: readonly RollRow[]): string[] {
  return [...rows]
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
    .map((row) => JSON.stringify([row.externalId, row.familyName, row.givenNames, row.birthDate, row.district, row.pollingStation]));
}
