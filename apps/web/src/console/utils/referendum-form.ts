import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';
import { parisToIso } from './paris-time';

type QuestionKind = Schemas['QuestionInputDto']['kind'];
type Preset = NonNullable<Schemas['QuestionInputDto']['gradePreset']>;

export interface QuestionDraft {
  kind: QuestionKind;
  text: string;
  /** single and majority judgment: one option per line (yes/no: Oui / Non unless given). */
  options: string;
  gradePreset: Preset;
}

export interface ReferendumDraft {
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  minAge: string;
  districtThreshold: string;
  /** Identity providers electors may vote with instead of the letter's code. */
  identityProviders: string[];
  questions: QuestionDraft[];
}

export type ReferendumProblems = Partial<Record<'title' | 'opensAt' | 'closesAt' | 'minAge' | 'districtThreshold' | 'questions', string>>;

export const EMPTY_QUESTION: QuestionDraft = { kind: 'yes-no', text: '', options: '', gradePreset: 'fr-5' };
export const EMPTY_REFERENDUM: ReferendumDraft = { title: '', description: '', opensAt: '', closesAt: '', minAge: '16', districtThreshold: '10', identityProviders: [], questions: [EMPTY_QUESTION] };

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Checks a referendum against the API's rules (window in Paris time, 1–20 questions, 2–50 options) and builds the body. Pure. */
export function referendumRequest(draft: ReferendumDraft, t: Translate): { problems: ReferendumProblems; body?: Schemas['CreateReferendumDto'] } {
  const problems: ReferendumProblems = {};
  if (draft.title.trim() === '') problems.title = t('console.referendumForm.titleRequired');
  const opens = parisToIso(draft.opensAt);
  const closes = parisToIso(draft.closesAt);
  if (opens === null) problems.opensAt = t('console.pollForm.timeInvalid');
  if (closes === null) problems.closesAt = t('console.pollForm.timeInvalid');
  else if (opens !== null && closes <= opens) problems.closesAt = t('console.pollForm.closesBeforeOpens');
  const minAge = Number(draft.minAge);
  if (!Number.isInteger(minAge) || minAge < 0 || minAge > 120) problems.minAge = t('console.referendumForm.minAgeInvalid');
  const threshold = Number(draft.districtThreshold);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100_000) problems.districtThreshold = t('console.referendumForm.thresholdInvalid');
  const questions: Schemas['QuestionInputDto'][] = [];
  for (const [index, question] of draft.questions.entries()) {
    const options = lines(question.options);
    const number = index + 1;
    if (question.text.trim() === '') problems.questions ??= t('console.referendumForm.questionTextRequired', { number });
    else if (question.kind === 'yes-no' && options.length !== 0 && options.length !== 2) problems.questions ??= t('console.referendumForm.yesNoOptions', { number });
    else if (question.kind !== 'yes-no' && (options.length < 2 || options.length > 50)) problems.questions ??= t('console.referendumForm.optionsCount', { number });
    else if (new Set(options).size !== options.length) problems.questions ??= t('console.referendumForm.optionsRepeated', { number });
    questions.push({
      kind: question.kind,
      text: question.text.trim(),
      ...(options.length > 0 ? { options } : {}),
      ...(question.kind === 'majority-judgment' ? { gradePreset: question.gradePreset } : {}),
    });
  }
  if (draft.questions.length === 0) problems.questions = t('console.referendumForm.questionsRequired');
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    body: {
      title: draft.title.trim(),
      ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
      opensAt: draft.opensAt,
      closesAt: draft.closesAt,
      minAge,
      districtThreshold: threshold,
      ...(draft.identityProviders.length > 0 ? { identityProviders: draft.identityProviders } : {}),
      questions,
    },
  };
}

/** An officer's count as typed: per question, the votes per option (or per option and grade) and the blank ballots. */
export interface CountDraft {
  options: string[] | string[][];
  blank: string;
}

export function emptyCount(question: Schemas['QuestionDto']): CountDraft {
  return {
    options: question.kind === 'majority-judgment' ? question.options.map(() => question.grades.map(() => '')) : question.options.map(() => ''),
    blank: '',
  };
}

const whole = (text: string): number | null => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The count's body, or the first question whose figures are not whole numbers (the API checks the rest). Pure. */
export function countRequest(questions: readonly Schemas['QuestionDto'][], drafts: Readonly<Record<string, CountDraft>>): { invalid?: number; counts?: Schemas['StationCountDto']['counts'] } {
  const counts: Record<string, { options: number[] | number[][]; blank: number }> = {};
  for (const [index, question] of questions.entries()) {
    const draft = drafts[question.id] ?? emptyCount(question);
    const blank = whole(draft.blank === '' ? '0' : draft.blank);
    const read = (cell: string): number | null => whole(cell === '' ? '0' : cell);
    const options = question.kind === 'majority-judgment' ? (draft.options as string[][]).map((row) => row.map(read)) : (draft.options as string[]).map(read);
    if (blank === null || options.flat().some((value) => value === null)) return { invalid: index + 1 };
    counts[question.id] = { options: options as number[] | number[][], blank };
  }
  return { counts };
}
