import { CsvError, readCsvTable, type CsvTable } from './csv.js';
import type { Category, Person, QuotaValue, SortitionInstance } from './instance.js';

/**
 * The two CSV layouts organisers use:
 * - Panelot: `categories.csv` (category,feature,min,max) + `respondents.csv` (a column per category);
 * - Sortition Foundation: `features.csv` (feature,value,min,max[,min_flex,max_flex]) +
 *   `candidates.csv` (a column per feature, an id column `nationbuilder_id`).
 * A person's id is the `id` or `nationbuilder_id` column, else their 1-based data row number.
 * Values are trimmed and matched case-insensitively (the quota file's spelling is kept).
 */
export type QuotaLayout = 'panelot' | 'sortition-foundation';

export interface InstanceFiles {
  quotas: { name: string; text: string };
  pool: { name: string; text: string };
  size: number;
  householdColumns?: string[];
}

export const ID_COLUMNS = ['id', 'nationbuilder_id'] as const;

function column(table: CsvTable, name: string): number {
  return table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
}

function integerCell(table: CsvTable, rowNumber: number, columnIndex: number, raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new CsvError(table.file, rowNumber, columnIndex + 1, `"${table.header[columnIndex]}" must be a whole number ≥ 0 (got "${raw}")`);
  }
  return Number(raw);
}

export function detectLayout(quotas: CsvTable): QuotaLayout {
  if (column(quotas, 'category') >= 0 && column(quotas, 'feature') >= 0) return 'panelot';
  if (column(quotas, 'feature') >= 0 && column(quotas, 'value') >= 0) return 'sortition-foundation';
  throw new CsvError(
    quotas.file,
    1,
    undefined,
    'unknown quota layout: expected the columns category,feature,min,max (Panelot) or feature,value,min,max[,min_flex,max_flex] (Sortition Foundation)',
  );
}

/** Reads the quota file in either layout into categories, in file order. */
export function readQuotas(quotas: CsvTable): { layout: QuotaLayout; categories: Category[] } {
  const layout = detectLayout(quotas);
  const [categoryColumn, valueColumn] =
    layout === 'panelot' ? [column(quotas, 'category'), column(quotas, 'feature')] : [column(quotas, 'feature'), column(quotas, 'value')];
  const minColumn = column(quotas, 'min');
  const maxColumn = column(quotas, 'max');
  if (minColumn < 0 || maxColumn < 0) throw new CsvError(quotas.file, 1, undefined, 'the columns min and max are required');
  const minFlexColumn = column(quotas, 'min_flex');
  const maxFlexColumn = column(quotas, 'max_flex');
  const categories: Category[] = [];
  for (const { rowNumber, cells } of quotas.rows) {
    const categoryName = cells[categoryColumn];
    const valueName = cells[valueColumn];
    if (categoryName === '') throw new CsvError(quotas.file, rowNumber, categoryColumn + 1, 'the category is empty');
    if (valueName === '') throw new CsvError(quotas.file, rowNumber, valueColumn + 1, 'the value is empty');
    const quota: QuotaValue = {
      value: valueName,
      min: integerCell(quotas, rowNumber, minColumn, cells[minColumn]),
      max: integerCell(quotas, rowNumber, maxColumn, cells[maxColumn]),
    };
    if (minFlexColumn >= 0 && cells[minFlexColumn] !== '') quota.minFlex = integerCell(quotas, rowNumber, minFlexColumn, cells[minFlexColumn]);
    if (maxFlexColumn >= 0 && cells[maxFlexColumn] !== '') quota.maxFlex = integerCell(quotas, rowNumber, maxFlexColumn, cells[maxFlexColumn]);
    let category = categories.find((c) => c.name.toLowerCase() === categoryName.toLowerCase());
    if (category === undefined) {
      category = { name: categoryName, values: [] };
      categories.push(category);
    }
    if (category.values.some((v) => v.value.toLowerCase() === valueName.toLowerCase())) {
      throw new CsvError(quotas.file, rowNumber, valueColumn + 1, `"${categoryName} ${valueName}" is listed twice`);
    }
    category.values.push(quota);
  }
  if (categories.length === 0) throw new CsvError(quotas.file, 2, undefined, 'no quotas: the file has a header but no rows');
  return { layout, categories };
}

/** Reads the pool against the categories. Unknown values are kept as -1 for the feasibility report. */
export function readPool(pool: CsvTable, categories: Category[], householdColumns: string[]): Person[] {
  const categoryColumns = categories.map((category) => {
    const index = column(pool, category.name);
    if (index < 0) throw new CsvError(pool.file, 1, undefined, `no column "${category.name}" (a category of the quotas)`);
    return index;
  });
  const householdIndexes = householdColumns.map((name) => {
    const index = column(pool, name);
    if (index < 0) throw new CsvError(pool.file, 1, undefined, `no household column "${name}"`);
    return index;
  });
  const idColumn = ID_COLUMNS.map((name) => column(pool, name)).find((index) => index >= 0);
  const seenIds = new Map<string, number>();
  return pool.rows.map(({ rowNumber, cells }, dataIndex) => {
    const id = idColumn === undefined ? String(dataIndex + 1) : cells[idColumn];
    if (id === '') throw new CsvError(pool.file, rowNumber, idColumn! + 1, 'the id is empty');
    const previous = seenIds.get(id);
    if (previous !== undefined) throw new CsvError(pool.file, rowNumber, idColumn! + 1, `id "${id}" is also on row ${previous}`);
    seenIds.set(id, rowNumber);
    const rawFeatures = categoryColumns.map((index) => cells[index]);
    const features = categories.map((category, c) =>
      category.values.findIndex((value) => value.value.toLowerCase() === rawFeatures[c].toLowerCase()),
    );
    const householdParts = householdIndexes.map((index) => cells[index].toLowerCase());
    const household = householdIndexes.length > 0 && householdParts.some((part) => part !== '') ? householdParts.join('\u0000') : undefined;
    return { id, row: rowNumber, features, rawFeatures, household } satisfies Person;
  });
}

export function readInstance(files: InstanceFiles): SortitionInstance & { layout: QuotaLayout } {
  if (!Number.isInteger(files.size) || files.size < 1) throw new RangeError(`the panel size must be a whole number ≥ 1 (got ${files.size})`);
  const quotaTable = readCsvTable(files.quotas.text, files.quotas.name);
  const { layout, categories } = readQuotas(quotaTable);
  const householdColumns = files.householdColumns ?? [];
  const people = readPool(readCsvTable(files.pool.text, files.pool.name), categories, householdColumns);
  return { layout, categories, people, size: files.size, householdColumns, files: { quotas: files.quotas.name, pool: files.pool.name } };
}
