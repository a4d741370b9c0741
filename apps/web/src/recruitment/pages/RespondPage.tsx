import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { isApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { answerRequest, EMPTY_ANSWER, type AnswerDraft } from '../utils/answer-form';
import '../i18n/messages';

type Invitation = Schemas['InvitationViewDto'];

/**
 * The answer to an invitation letter, without an account: the code from the letter, then the
 * form — consent, the questions the quotas need, a way to be reached, availability.
 */
export function RespondPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // A code in the link (printed as a QR code) is read once, then taken out of the address bar and history.
  const [code, setCode] = useState(params.get('code') ?? '');
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const lookup = useMutation({ mutationFn: (value: string) => call(api.POST('/api/respond/lookup', { body: { code: value } })) });
  useEffect(() => {
    const fromLink = params.get('code');
    if (fromLink === null) return;
    void navigate('/respond', { replace: true });
    if (fromLink.trim() !== '') lookup.mutate(fromLink.trim());
    // Only the first render carries the link's code.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const title = t('respond.title');

  if (lookup.data !== undefined) return <AnswerForm code={code.trim()} invitation={lookup.data} />;
  return (
    <>
      <PageTitle title={title} />
      <p className="lead">{t('respond.lead')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = code.trim();
          if (!/^[A-Za-z0-9 -]{4,64}$/.test(value)) return setCodeProblem(t('respond.codeInvalid'));
          setCodeProblem(null);
          lookup.mutate(value);
        }}
      >
        <TextField label={t('respond.code')} hint={t('respond.codeHint')} value={code} error={codeProblem} autoComplete="off" autoCapitalize="characters" spellCheck={false} onChange={(event) => setCode(event.target.value)} />
        {lookup.error ? <ErrorMessage error={lookup.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={lookup.isPending}>
            {t('respond.continue')}
          </button>
        </div>
      </form>
    </>
  );
}

function AnswerForm({ code, invitation }: { code: string; invitation: Invitation }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AnswerDraft>(EMPTY_ANSWER);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [attempts, setAttempts] = useState(0);
  // A field's error goes once the person changes it; the rest stay until the next attempt.
  const change = (patch: Partial<AnswerDraft>, field: string): void => {
    setDraft({ ...draft, ...patch });
    if (problems[field] !== undefined) setProblems(Object.fromEntries(Object.entries(problems).filter(([key]) => key !== field)));
  };
  const answer = useMutation({ mutationFn: (body: Schemas['RespondentAnswerDto']) => call(api.POST('/api/respond', { body })) });
  const title = t('respond.titleFor', { assembly: invitation.assemblyName });

  if (answer.data !== undefined || invitation.answered || isApiError(answer.error, 'ALREADY_ANSWERED')) {
    return (
      <>
        <PageTitle title={title} />
        <Notice kind={answer.data !== undefined ? 'success' : 'info'} live>
          <p>{answer.data !== undefined ? t('respond.thanks', { name: invitation.givenNames }) : t('respond.alreadyAnswered')}</p>
          <p>{t('respond.next')}</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageTitle title={title} />
      <p className="lead">{t('respond.hello', { name: `${invitation.givenNames} ${invitation.familyName}`.trim(), assembly: invitation.assemblyName })}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const { problems: found, body } = answerRequest(draft, code, invitation.questions, t);
          setProblems(found);
          setAttempts((n) => n + 1);
          if (body !== undefined) answer.mutate(body);
        }}
      >
        <ErrorSummary problems={problems} attempts={attempts} title={t('respond.fix')} />
        <section aria-labelledby="from-lists">
          <h2 id="from-lists">{t('respond.fromLists')}</h2>
          <dl className="facts">
            <dt>{t('respond.ageBand')}</dt>
            <dd>{invitation.ageBand}</dd>
            <dt>{t('respond.district')}</dt>
            <dd>{invitation.district}</dd>
          </dl>
          <p className="hint">{t('respond.fromListsHint')}</p>
        </section>
        <section aria-labelledby="about-you">
          <h2 id="about-you">{t('respond.aboutYou')}</h2>
          <p className="hint">{t('respond.aboutYouHint')}</p>
          {invitation.questions.map((question, index) => {
            const id = `question-${index}`;
            const problem = problems[id];
            return (
              <fieldset key={question.category} id={id} className={problem === undefined ? undefined : 'field-invalid'} aria-describedby={problem === undefined ? undefined : `${id}-error`}>
                <legend>{question.category}</legend>
                {problem !== undefined ? (
                  <p className="field-error" id={`${id}-error`}>
                    {problem}
                  </p>
                ) : null}
                {question.values.map((value, v) => (
                  <p key={value} className="radio">
                    <input
                      id={`${id}-${v}`}
                      type="radio"
                      name={id}
                      value={value}
                      checked={draft.answers[question.category] === value}
                      onChange={() => change({ answers: { ...draft.answers, [question.category]: value } }, id)}
                    />
                    <label htmlFor={`${id}-${v}`}>{value}</label>
                  </p>
                ))}
              </fieldset>
            );
          })}
        </section>
        <section aria-labelledby="reach-you">
          <h2 id="reach-you">{t('respond.reachYou')}</h2>
          <p className="hint">{t('respond.reachYouHint')}</p>
          <TextField label={t('respond.email')} type="email" autoComplete="email" value={draft.email} error={problems.email} onChange={(event) => change({ email: event.target.value }, 'email')} />
          <TextField label={t('respond.phone')} type="tel" autoComplete="tel" value={draft.phone} error={problems.phone} onChange={(event) => change({ phone: event.target.value }, 'phone')} />
          <TextArea label={t('respond.availability')} hint={t('respond.availabilityHint')} rows={3} value={draft.availability} error={problems.availability} onChange={(event) => change({ availability: event.target.value }, 'availability')} />
        </section>
        <section aria-labelledby="consent-heading">
          <h2 id="consent-heading">{t('respond.consentHeading')}</h2>
          <p>{t('respond.processing')}</p>
          <div className={problems.consent === undefined ? undefined : 'field-invalid'}>
            {problems.consent !== undefined ? (
              <p className="field-error" id="consent-error">
                {problems.consent}
              </p>
            ) : null}
            <p className="radio">
              <input id="consent" type="checkbox" checked={draft.consent} aria-describedby={problems.consent === undefined ? undefined : 'consent-error'} onChange={(event) => change({ consent: event.target.checked }, 'consent')} />
              <label htmlFor="consent">{t('respond.consent')}</label>
            </p>
          </div>
        </section>
        {answer.error ? <ErrorMessage error={answer.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={answer.isPending}>
            {t('respond.send')}
          </button>
        </div>
      </form>
    </>
  );
}
