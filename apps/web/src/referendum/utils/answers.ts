import type { Schemas } from '../../app/api/client';

type Question = Schemas['QuestionDto'];

/** A person's answers while they vote: a choice (or a blank vote) per question, or grades per option. */
export interface AnswerDraft {
  choices: ReadonlyMap<string, number | 'blank'>;
  /** Majority-judgment questions: option index (as text, the ballot's option id) → grade. */
  grades: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export const emptyAnswers: AnswerDraft = { choices: new Map(), grades: new Map() };

/** Questions still unanswered: a choice (or blank) for yes/no and single; every option graded for majority judgment. */
export function unansweredQuestions(questions: readonly Question[], draft: AnswerDraft): Question[] {
  return questions.filter((question) =>
    question.kind === 'majority-judgment' ? (draft.grades.get(question.id)?.size ?? 0) < question.options.length : !draft.choices.has(question.id),
  );
}

/** The request's answers, one per question in order (`choice: null` is a blank vote). */
export function answersBody(questions: readonly Question[], draft: AnswerDraft): Schemas['AnswerDto'][] {
  return questions.map((question) => {
    if (question.kind === 'majority-judgment') {
      const grades = draft.grades.get(question.id);
      return { grades: question.options.map((_, option) => grades?.get(String(option)) ?? 0) };
    }
    const choice = draft.choices.get(question.id);
    return { choice: choice === undefined || choice === 'blank' ? null : choice };
  });
}
