import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';

export interface InvitationDrawDraft {
  /** Weight per list id; lists left empty or at 0 are not in the draw. */
  weights: Record<string, string>;
  count: string;
  byAge: boolean;
  countedOn: string;
  /** One question per line: "category: answer, answer, …". */
  questions: string;
}

export type InvitationDrawProblems = Partial<Record<'weights' | 'count' | 'countedOn' | 'questions', string>>;

/** The form Paris asked its respondents beyond what the lists say (source, age, district). */
export const DEFAULT_QUESTIONS = {
  fr: 'genre: femme, homme, autre\ndiplôme: aucun diplôme, CAP-BEP, bac, bac+2, bac+3 et plus\nactivité: en emploi, au chômage, étudiant, retraité, autre',
  en: 'gender: woman, man, other\neducation: no qualification, vocational, high school, 2 years of college, degree or higher\noccupation: employed, unemployed, student, retired, other',
} as const;

const CATEGORY = /^\p{L}[\p{L}\p{N}_ -]{0,39}$/u;
const FROM_LISTS = new Set(['source', 'age', 'district']);

/** Reads the questions typed one per line, "category: answer, answer, …", saying which line is wrong. Pure. */
export function parseQuestions(text: string, t: Translate): { questions: Schemas['RespondentQuestionDto'][]; problem?: string } {
  const questions: Schemas['RespondentQuestionDto'][] = [];
  const lines = text.split('\n').map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const line1 = index + 1;
    const colon = line.indexOf(':');
    if (colon < 0) return { questions, problem: t('console.recruitment.questionNoColon', { line: line1 }) };
    const category = line.slice(0, colon).trim();
    const values = line
      .slice(colon + 1)
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (!CATEGORY.test(category)) return { questions, problem: t('console.recruitment.questionCategory', { line: line1 }) };
    if (FROM_LISTS.has(category.toLowerCase())) return { questions, problem: t('console.recruitment.questionFromLists', { line: line1, category }) };
    if (questions.some((question) => question.category.toLowerCase() === category.toLowerCase())) return { questions, problem: t('console.recruitment.questionTwice', { line: line1, category }) };
    if (values.length < 2) return { questions, problem: t('console.recruitment.questionAnswers', { line: line1 }) };
    if (new Set(values.map((value) => value.toLowerCase())).size !== values.length) return { questions, problem: t('console.recruitment.questionRepeated', { line: line1 }) };
    questions.push({ category, values });
  }
  return { questions };
}

/** Checks the draw's parameters as the API will and builds its body; the lists keep the order they are shown in. Pure. */
export function invitationDrawRequest(
  draft: InvitationDrawDraft,
  listIds: string[],
  t: Translate,
): { problems: InvitationDrawProblems; body?: Schemas['PublishInvitationDrawDto'] } {
  const problems: InvitationDrawProblems = {};
  const chosen: Array<{ id: string; weight: number }> = [];
  for (const id of listIds) {
    const raw = (draft.weights[id] ?? '').trim();
    if (raw === '') continue;
    const weight = Number(raw);
    if (!Number.isInteger(weight) || weight < 0 || weight > 1_000_000) {
      problems.weights = t('console.recruitment.weightInvalid');
      continue;
    }
    if (weight > 0) chosen.push({ id, weight });
  }
  if (problems.weights === undefined && chosen.length === 0) problems.weights = t('console.recruitment.weightsRequired');
  const count = Number(draft.count.trim());
  if (draft.count.trim() === '' || !Number.isInteger(count) || count < 1 || count > 1_000_000) problems.count = t('console.recruitment.countInvalid');
  if (draft.countedOn !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(draft.countedOn)) problems.countedOn = t('console.recruitment.countedOnInvalid');
  const { questions, problem } = parseQuestions(draft.questions, t);
  if (problem !== undefined) problems.questions = problem;
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    body: {
      listIds: chosen.map((list) => list.id),
      mix: chosen.map((list) => list.weight),
      count,
      strata: draft.byAge ? ['district', 'age'] : ['district'],
      ...(draft.countedOn === '' ? {} : { countedOn: draft.countedOn }),
      questions,
    },
  };
}

/** A source label from a file name: "Liste électorale 2026.csv" → "liste-electorale-2026" (what the API accepts). */
export function sourceFromFileName(name: string): string {
  const base = name
    .replace(/\.[^.]*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 40);
  return base === '' ? 'list' : base;
}
