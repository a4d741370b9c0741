import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { unstorableCellProblem } from '../csv.js';
import { addressKey, fold } from './address.js';

/** The columns a source list must have, and the headers (French or English) that name them. */
export const LIST_COLUMNS = {
  id: ['id', 'identifiant', 'identifier', 'numero', 'numero electeur', 'elector number', 'number'],
  familyName: ['family name', 'surname', 'last name', 'nom', 'nom de famille', 'nom de naissance'],
  givenNames: ['given names', 'given name', 'first names', 'first name', 'forenames', 'prenoms', 'prenom'],
  birthDate: ['birth date', 'date of birth', 'birthdate', 'dob', 'date de naissance', 'naissance'],
  address: ['address', 'street address', 'adresse', 'adresse postale'],
  district: ['district', 'postal code', 'postcode', 'zip', 'zip code', 'code postal', 'cp', 'arrondissement'],
} as const;
export type ListColumn = keyof typeof LIST_COLUMNS;

export interface ListProblem {
  /** 1-based line of the file (header = 1). */
  line: number;
  column?: string;
  problem: string;
}

/**
 * A source list as the invitation draw needs it, one entry per row in file order. Names and
 * addresses themselves are not kept (the mail merge reads the invited rows again): a list of
 * 1.35 million people must fit in well under 1 GiB.
 */
export interface SourceList {
  label: string;
  file: string;
  /** SHA-256 of the file's bytes, lower-case hex: published before the seed. */
  sha256: string;
  ids: string[];
  districts: string[];
  /** Birth dates as yyyymmdd integers (age = ⌊(on − birth) / 10000⌋). */
  births: Int32Array;
  addressKeys: string[];
  /** The first problems found (at most `maxProblems`), and how many there were in all. */
  problems: ListProblem[];
  problemCount: number;
}

/** Where each kept row lies in the file, to read some rows again without parsing the rest. */
export interface RowPlaces {
  header: string[];
  delimiter: ';' | ',';
  /** Byte offsets of each kept row, parallel to `ids`: [start, end). */
  starts: Float64Array;
  ends: Float64Array;
}

export class SourceListError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ListProblem[],
    readonly problemCount: number,
  ) {
    const shown = problems.map((p) => `line ${p.line}${p.column === undefined ? '' : `, ${p.column}`}: ${p.problem}`);
    super(`${file}: ${problemCount} problem${problemCount === 1 ? '' : 's'}\n${shown.join('\n')}${problemCount > problems.length ? `\n… and ${problemCount - problems.length} more` : ''}`);
    this.name = 'SourceListError';
  }
}

/** Which column of the header holds each field; throws when one is missing or named twice. */
export function listColumns(header: string[], file: string): Record<ListColumn, number> {
  const folded = header.map(fold);
  const found = {} as Record<ListColumn, number>;
  const missing: string[] = [];
  for (const [key, names] of Object.entries(LIST_COLUMNS) as Array<[ListColumn, readonly string[]]>) {
    const matches = folded.flatMap((name, index) => (names.includes(name) ? [index] : []));
    if (matches.length > 1) throw new SourceListError(file, [{ line: 1, problem: `two columns name the ${key}: ${matches.map((i) => `"${header[i]}"`).join(' and ')}` }], 1);
    if (matches.length === 0) missing.push(`${key} (${names.slice(0, 3).join(', ')}…)`);
    else found[key] = matches[0];
  }
  if (missing.length > 0) throw new SourceListError(file, [{ line: 1, problem: `missing columns: ${missing.join('; ')}` }], 1);
  return found;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** A birth date as yyyymmdd, from YYYY-MM-DD or DD/MM/YYYY (also DD.MM.YYYY); undefined if not a real date. */
export function parseBirthDate(text: string): number | undefined {
  const iso = ISO_DATE.exec(text);
  const french = iso === null ? FRENCH_DATE.exec(text) : null;
  if (iso === null && french === null) return undefined;
  const [year, month, day] = iso !== null ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [Number(french![3]), Number(french![2]), Number(french![1])];
  if (year < 1880 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return year * 10000 + month * 100 + day;
}

/** The delimiter of the header line: a semicolon (as French spreadsheets write) or a comma. */
function delimiterOf(firstChunk: string): ';' | ',' {
  const line = firstChunk.split(/\r?\n/, 1)[0];
  const unquoted = line.replace(/"[^"]*"/g, '');
  return (unquoted.match(/;/g)?.length ?? 0) > (unquoted.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** A typed array that grows as values are pushed: a million rows without a million boxed numbers. */
class Growable<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * The records of a CSV as it streams in (csv-parse, RFC 4180, comma or semicolon told from the header
 * line, UTF-8 with or without BOM), each with its line; `onBytes` sees every byte, in order.
 */
async function* csvRecords(
  chunks: AsyncIterable<Buffer | string>,
  onBytes?: (chunk: Buffer) => void,
  onDelimiter?: (delimiter: ';' | ',') => void,
): AsyncGenerator<{ record: string[]; info: { lines: number; bytes: number } }> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Enough of the start to hold the header line, to tell its delimiter.
  const start: Buffer[] = [];
  let startLength = 0;
  let ended = false;
  while (startLength < 65536 && !start.some((chunk) => chunk.includes(10))) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    start.push(Buffer.from(next.value));
    startLength += start[start.length - 1].length;
  }
  const firstChunk = Buffer.concat(start);
  const delimiter = delimiterOf(firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 65536)));
  onDelimiter?.(delimiter);
  async function* bytes(): AsyncGenerator<Buffer> {
    onBytes?.(firstChunk);
    yield firstChunk;
    if (ended) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      const chunk = Buffer.from(next.value);
      onBytes?.(chunk);
      yield chunk;
    }
  }
  // info.bytes: the byte offset where the record ends (its terminator included, a BOM counted).
  yield* Readable.from(bytes()).pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true })) as AsyncIterable<{
    record: string[];
    info: { lines: number; bytes: number };
  }>;
}

/**
 * Reads a source list as it streams in (csv-parse, RFC 4180, comma or semicolon, UTF-8 with or
 * without BOM), hashing the bytes on the way. Every row is checked: the six fields present, the id
 * unique in the list, a real birth date. Problems are collected by line (the first `maxProblems`
 * kept) and reported together.
 */
export async function readSourceList(
  input: { label: string; file: string; chunks: AsyncIterable<Buffer | string> },
  options: {
    maxProblems?: number;
    onProgress?: (rows: number) => void;
    /** false: check and hash only (an upload), keeping no per-row data. */
    keep?: boolean;
    /** Also note where each kept row lies (`places`), for readRowsAt. */
    places?: boolean;
  } = {},
): Promise<SourceList & { rowCount: number; places?: RowPlaces }> {
  const keep = options.keep ?? true;
  let rowCount = 0;
  const maxProblems = options.maxProblems ?? 100;
  const hash = createHash('sha256');
  let delimiter: ';' | ',' = ',';
  const parser = csvRecords(
    input.chunks,
    (chunk) => hash.update(chunk),
    (found) => (delimiter = found),
  );
  const starts = options.places === true ? new Growable((size) => new Float64Array(size)) : undefined;
  const ends = options.places === true ? new Growable((size) => new Float64Array(size)) : undefined;
  let previousEnd = 0;

  const ids: string[] = [];
  const districts: string[] = [];
  const births = new Growable((size) => new Int32Array(size));
  const addressKeys: string[] = [];
  const problems: ListProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, problemText: string, column?: string): void => {
    problemCount += 1;
    if (problems.length < maxProblems) problems.push({ line, problem: problemText, ...(column === undefined ? {} : { column }) });
  };
  // Districts repeat: one string per value instead of one per row.
  const districtNames = new Map<string, string>();
  const seenIds = new Set<string>();
  let header: string[] | undefined;
  let columns: Record<ListColumn, number> | undefined;
  let rows = 0;
  try {
    for await (const { record, info } of parser) {
      const line = info.lines;
      const start = previousEnd;
      previousEnd = info.bytes;
      if (header === undefined) {
        header = record;
        columns = listColumns(header, input.file);
        continue;
      }
      rows += 1;
      if (rows % 100_000 === 0) options.onProgress?.(rows);
      if (record.length !== header.length) {
        problem(line, `${record.length} fields instead of ${header.length}`);
        continue;
      }
      const unstorable = record.findIndex((value) => unstorableCellProblem(value) !== null);
      if (unstorable >= 0) {
        problem(line, unstorableCellProblem(record[unstorable])!, header[unstorable]);
        continue;
      }
      const cell = (key: ListColumn): string => record[columns![key]].trim();
      const id = cell('id');
      let valid = true;
      for (const key of ['id', 'familyName', 'address', 'district'] as const) {
        if (cell(key) === '') {
          problem(line, 'empty', header[columns![key]]);
          valid = false;
        }
      }
      const birth = parseBirthDate(cell('birthDate'));
      if (birth === undefined) {
        problem(line, `"${cell('birthDate')}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`, header[columns!.birthDate]);
        valid = false;
      }
      if (seenIds.has(id)) {
        problem(line, `id ${id} appears twice`, header[columns!.id]);
        valid = false;
      } else if (id !== '') {
        seenIds.add(id);
      }
      if (!valid) continue;
      rowCount += 1;
      if (!keep) continue;
      ids.push(id);
      starts?.push(start);
      ends?.push(info.bytes);
      const district = cell('district');
      let interned = districtNames.get(district);
      if (interned === undefined) {
        interned = district;
        districtNames.set(district, district);
      }
      districts.push(interned);
      births.push(birth!);
      addressKeys.push(addressKey(cell('address'), district));
    }
  } catch (error) {
    // A quote left open or a broken line: the file cannot be read on from there.
    if (error instanceof CsvError) throw new SourceListError(input.file, [...problems, { line: Number((error as CsvError & { lines?: number }).lines ?? 0), problem: error.message }], problemCount + 1);
    throw error;
  }
  if (header === undefined) problem(1, 'the file is empty: a header line is needed');
  options.onProgress?.(rows);
  const places = starts === undefined || ends === undefined || header === undefined ? undefined : { header, delimiter, starts: starts.toArray(), ends: ends.toArray() };
  return { label: input.label, file: input.file, sha256: hash.digest('hex'), ids, districts, births: births.toArray(), addressKeys, problems, problemCount, rowCount, ...(places === undefined ? {} : { places }) };
}

/** yyyymmdd as YYYY-MM-DD. */
function isoDate(birth: number): string {
  return `${String(Math.floor(birth / 10000)).padStart(4, '0')}-${String(Math.floor(birth / 100) % 100).padStart(2, '0')}-${String(birth % 100).padStart(2, '0')}`;
}

/** What the mail merge and the respondents' form need of an invited person, as the list spells it. */
export interface ListedPerson {
  id: string;
  familyName: string;
  givenNames: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  address: string;
  district: string;
}

/**
 * The rows of `ids` in a list read again (streamed): the draw keeps only ids, districts, birth dates
 * and address keys, so names and addresses of the invited are read from the file when needed. The
 * file's SHA-256 is returned too, to check that it is the list the draw used.
 */
export async function readListedPeople(chunks: AsyncIterable<Buffer | string>, file: string, ids: ReadonlySet<string>): Promise<{ people: Map<string, ListedPerson>; sha256: string }> {
  const hash = createHash('sha256');
  const people = new Map<string, ListedPerson>();
  let columns: Record<ListColumn, number> | undefined;
  for await (const { record } of csvRecords(chunks, (chunk) => hash.update(chunk))) {
    if (columns === undefined) {
      columns = listColumns(record, file);
      continue;
    }
    const cell = (key: ListColumn): string => (record[columns![key]] ?? '').trim();
    const id = cell('id');
    if (!ids.has(id)) continue;
    const birth = parseBirthDate(cell('birthDate'));
    const birthDate = birth === undefined ? '' : isoDate(birth);
    people.set(id, { id, familyName: cell('familyName'), givenNames: cell('givenNames'), birthDate, address: cell('address'), district: cell('district') });
  }
  return { people, sha256: hash.digest('hex') };
}

/**
 * Some rows of a list read again from where `readSourceList({ places: true })` found them: the
 * bytes stream past once, only the rows asked for are parsed. Each row read is checked to hold the
 * id expected there; `undefined` when one does not (the file is not the one that was read), so the
 * caller can fall back to readListedPeople. Also returns the file's SHA-256.
 */
export async function readRowsAt(
  chunks: AsyncIterable<Buffer | string>,
  file: string,
  places: RowPlaces,
  rows: ReadonlyArray<{ id: string; index: number }>,
): Promise<{ people: Map<string, ListedPerson> | undefined; sha256: string }> {
  const columns = listColumns(places.header, file);
  const wanted = [...rows].sort((a, b) => places.starts[a.index] - places.starts[b.index]);
  const hash = createHash('sha256');
  const slices = new Map<string, Buffer[]>();
  let offset = 0;
  let next = 0;
  for await (const piece of chunks) {
    const chunk = Buffer.from(piece);
    hash.update(chunk);
    const chunkEnd = offset + chunk.length;
    // Rows that overlap this chunk: take their part of it (a row may span chunks).
    for (let w = next; w < wanted.length && places.starts[wanted[w].index] < chunkEnd; w += 1) {
      const { id, index } = wanted[w];
      const from = Math.max(places.starts[index], offset) - offset;
      const to = Math.min(places.ends[index], chunkEnd) - offset;
      if (to > from) slices.set(id, [...(slices.get(id) ?? []), chunk.subarray(from, to)]);
    }
    while (next < wanted.length && places.ends[wanted[next].index] <= chunkEnd) next += 1;
    offset = chunkEnd;
  }
  const people = new Map<string, ListedPerson>();
  for (const { id } of wanted) {
    const text = Buffer.concat(slices.get(id) ?? []).toString('utf8').replace(/^\ufeff/, '');
    let record: string[] | undefined;
    try {
      const records: string[][] = parseSync(text, { delimiter: places.delimiter, relax_column_count: true, skip_empty_lines: true });
      record = records[0];
    } catch (error) {
      if (error instanceof CsvError) return { people: undefined, sha256: hash.digest('hex') };
      throw error;
    }
    const cell = (key: ListColumn): string => (record?.[columns[key]] ?? '').trim();
    if (record === undefined || cell('id') !== id) return { people: undefined, sha256: hash.digest('hex') };
    const birth = parseBirthDate(cell('birthDate'));
    const birthDate = birth === undefined ? '' : isoDate(birth);
    people.set(id, { id, familyName: cell('familyName'), givenNames: cell('givenNames'), birthDate, address: cell('address'), district: cell('district') });
  }
  return { people, sha256: hash.digest('hex') };
}
