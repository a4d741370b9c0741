import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';
import { parisLocal, parisToIso } from './paris-time';

type Poll = Schemas['PollDto'];
export type GradePreset = NonNullable<Schemas['CreatePollDto']['gradePreset']>;

/** A poll as the console's form holds it: text fields, times in Paris wall-clock time. */
export interface PollDraft {
  title: string;
  description: string;
  audience: 'residents' | 'assembly';
  assemblyId: string;
  options: Array<{ label: string; description: string }>;
  grades: 'preset' | 'custom';
  gradePreset: GradePreset;
  customGrades: string;
  opensAt: string;
  closesAt: string;
  revote: Poll['revote'];
  skipped: Poll['skipped'];
  tieBreak: Poll['tieBreak'];
}

export type PollProblems = Partial<Record<'title' | 'assemblyId' | 'options' | 'grades' | 'opensAt' | 'closesAt', string>>;

export const EMPTY_POLL: PollDraft = {
  title: '',
  description: '',
  audience: 'residents',
  assemblyId: '',
  options: [
    { label: '', description: '' },
    { label: '', description: '' },
  ],
  grades: 'preset',
  gradePreset: 'fr-7',
  customGrades: '',
  opensAt: '',
  closesAt: '',
  revote: 'never',
  skipped: 'refuse',
  tieBreak: 'majority-value',
};

/** A draft poll from the API, back into the form (its grades as custom labels, which they are). */
export function draftFromPoll(poll: Poll): PollDraft {
  return {
    title: poll.title,
    description: poll.description,
    audience: poll.audience === 'assembly' ? 'assembly' : 'residents',
    assemblyId: poll.assemblyId ?? '',
    options: (poll.options ?? []).map((option) => ({ label: option.label, description: option.description })),
    grades: 'custom',
    gradePreset: 'fr-7',
    customGrades: poll.grades.join('\n'),
    opensAt: poll.opensAt === undefined ? '' : parisLocal(poll.opensAt),
    closesAt: poll.closesAt === undefined ? '' : parisLocal(poll.closesAt),
    revote: poll.revote,
    skipped: poll.skipped,
    tieBreak: poll.tieBreak,
  };
}

/**
 * Checks the form against the API's rules and builds the request body; problems are said per
 * field, in the person's language. Pure.
 */
export function pollRequest(draft: PollDraft, t: Translate): { problems: PollProblems; body?: Schemas['CreatePollDto'] } {
  const problems: PollProblems = {};
  const title = draft.title.trim();
  if (title === '') problems.title = t('console.pollForm.titleRequired');
  else if (title.length > 300) problems.title = t('console.pollForm.titleTooLong');
  if (draft.audience === 'assembly' && draft.assemblyId === '') problems.assemblyId = t('console.pollForm.assemblyRequired');
  const options = draft.options.map((option) => ({ label: option.label.trim(), description: option.description.trim() })).filter((option) => option.label !== '' || option.description !== '');
  const labels = options.map((option) => option.label);
  if (options.length < 2) problems.options = t('console.pollForm.optionsTooFew');
  else if (options.length > 500) problems.options = t('console.pollForm.optionsTooMany');
  else if (labels.some((label) => label === '')) problems.options = t('console.pollForm.optionLabelRequired');
  else if (labels.some((label) => label.length > 300)) problems.options = t('console.pollForm.optionTooLong');
  else if (new Set(labels.map((label) => label.toLowerCase())).size !== labels.length) problems.options = t('console.pollForm.optionsRepeated');
  const grades = draft.customGrades
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (draft.grades === 'custom' && (grades.length < 2 || grades.length > 10)) problems.grades = t('console.pollForm.gradesCount');
  else if (draft.grades === 'custom' && new Set(grades).size !== grades.length) problems.grades = t('console.pollForm.gradesRepeated');
  const opensAt = draft.opensAt === '' ? undefined : parisToIso(draft.opensAt);
  const closesAt = draft.closesAt === '' ? undefined : parisToIso(draft.closesAt);
  if (opensAt === null) problems.opensAt = t('console.pollForm.timeInvalid');
  if (closesAt === null) problems.closesAt = t('console.pollForm.timeInvalid');
  else if (typeof opensAt === 'string' && typeof closesAt === 'string' && closesAt <= opensAt) problems.closesAt = t('console.pollForm.closesBeforeOpens');
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    body: {
      title,
      audience: draft.audience,
      ...(draft.audience === 'assembly' ? { assemblyId: draft.assemblyId } : {}),
      ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
      options: options.map((option) => ({ label: option.label, ...(option.description === '' ? {} : { description: option.description }) })),
      ...(draft.grades === 'preset' ? { gradePreset: draft.gradePreset } : { grades }),
      ...(typeof opensAt === 'string' ? { opensAt } : {}),
      ...(typeof closesAt === 'string' ? { closesAt } : {}),
      revote: draft.revote,
      skipped: draft.skipped,
      tieBreak: draft.tieBreak,
    },
  };
}
