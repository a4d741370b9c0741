import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';

/**
 * Euros as organisers type them ("120000", "120 000", "1 234,56", "1,234.56", "€ 80 000") → whole
 * cents, or null when it is not an amount. Pure: money never goes through floating point here.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (compact === '') return null;
  // The last "," or "." followed by one or two digits is the decimal mark; other marks group thousands.
  const match = /^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (match === null) return null;
  const cents = BigInt(match[1].replace(/[.,]/g, '')) * 100n + BigInt((match[2] ?? '0').padEnd(2, '0'));
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(cents);
}

export interface EditionDraft {
  title: string;
  description: string;
  rule: 'greedy' | 'equal-shares';
  completion: boolean;
  gradePreset: 'paris-4' | 'paris-4-en';
  ideasFrom: string;
  coConstructionFrom: string;
  feasibilityFrom: string;
  ballotFrom: string;
  voteOpensAt: string;
  voteClosesAt: string;
  resultsFrom: string;
  followUpFrom: string;
}

export const CALENDAR_FIELDS = ['ideasFrom', 'coConstructionFrom', 'feasibilityFrom', 'ballotFrom', 'voteOpensAt', 'voteClosesAt', 'resultsFrom', 'followUpFrom'] as const;
type CalendarField = (typeof CALENDAR_FIELDS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** What stops an edition from being created, field by field: the API's rules, said before sending. */
export function editionProblems(draft: EditionDraft, t: Translate): Partial<Record<keyof EditionDraft, string>> {
  const problems: Partial<Record<keyof EditionDraft, string>> = {};
  if (draft.title.trim() === '') problems.title = t('console.budget.titleRequired');
  for (const field of CALENDAR_FIELDS) {
    const value = draft[field];
    const valid = field === 'voteOpensAt' || field === 'voteClosesAt' ? LOCAL.test(value) : DATE.test(value);
    if (!valid) problems[field] = t('console.budget.dateRequired', { field: t(`console.budget.calendar.${field}`) });
  }
  // In order: each step on or after the one before (the vote's times compared by their day).
  const day = (field: CalendarField): string => draft[field].slice(0, 10);
  for (let i = 1; i < CALENDAR_FIELDS.length; i += 1) {
    const [before, after] = [CALENDAR_FIELDS[i - 1], CALENDAR_FIELDS[i]];
    if (problems[before] !== undefined || problems[after] !== undefined) continue;
    const wrong = after === 'voteClosesAt' ? draft.voteClosesAt <= draft.voteOpensAt : day(after) < day(before);
    if (wrong) problems[after] = t('console.budget.calendarOrder', { field: t(`console.budget.calendar.${after}`), before: t(`console.budget.calendar.${before}`) });
  }
  return problems;
}

export function editionBody(draft: EditionDraft): Schemas['CreateEditionDto'] {
  const calendar = Object.fromEntries(CALENDAR_FIELDS.map((field) => [field, draft[field]])) as Schemas['CreateEditionDto']['calendar'];
  return {
    title: draft.title.trim(),
    ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
    rule: draft.rule,
    ...(draft.rule === 'equal-shares' && draft.completion ? { completion: 'greedy' as const } : {}),
    gradePreset: draft.gradePreset,
    calendar,
  };
}
