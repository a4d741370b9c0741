import type { Schemas } from '../../app/api/client';
import type { Translate } from '../../app/i18n/translate';

export interface AnswerDraft {
  answers: Record<string, string>;
  email: string;
  phone: string;
  availability: string;
  consent: boolean;
}

export const EMPTY_ANSWER: AnswerDraft = { answers: {}, email: '', phone: '', availability: '', consent: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,25}$/;

/** The problems of an answer, by field id (the page links each to its field), and the body to send. Pure. */
export function answerRequest(
  draft: AnswerDraft,
  code: string,
  questions: Schemas['RespondentQuestionDto'][],
  t: Translate,
): { problems: Record<string, string>; body?: Schemas['RespondentAnswerDto'] } {
  const problems: Record<string, string> = {};
  for (const [index, question] of questions.entries()) {
    if (!question.values.includes(draft.answers[question.category] ?? '')) problems[`question-${index}`] = t('respond.chooseAnswer', { question: question.category });
  }
  const email = draft.email.trim();
  const phone = draft.phone.trim();
  if (email === '' && phone === '') problems.email = t('respond.contactRequired');
  else if (email !== '' && !EMAIL.test(email)) problems.email = t('respond.emailInvalid');
  if (phone !== '' && !PHONE.test(phone)) problems.phone = t('respond.phoneInvalid');
  if (draft.availability.length > 1000) problems.availability = t('respond.availabilityTooLong');
  if (!draft.consent) problems.consent = t('respond.consentRequired');
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    body: {
      code,
      consent: true,
      answers: Object.fromEntries(questions.map((question) => [question.category, draft.answers[question.category]])),
      ...(email === '' ? {} : { email }),
      ...(phone === '' ? {} : { phone }),
      ...(draft.availability.trim() === '' ? {} : { availability: draft.availability.trim() }),
    },
  };
}
