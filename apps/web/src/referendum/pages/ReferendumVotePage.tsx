import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api/errors';
import { ProviderButtons } from '../../app/auth/ProviderButtons';
import { useMe, useSignInMethods } from '../../app/auth/providers';
import { useSession } from '../../app/auth/useSession';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ReceiptPanel } from '../../ui/ReceiptPanel';
import { TimeText } from '../../ui/TimeText';
import { BirthDateField, type BirthDateParts } from '../components/BirthDateField';
import { QuestionField } from '../components/QuestionField';
import { ReferendumTurnout } from '../components/ReferendumTurnout';
import { VotingCodeField } from '../components/VotingCodeField';
import { useCastIdentityBallot, useCastReferendumBallot, useReferendum, useReferendumTurnout } from '../hooks/referendums';
import { answersBody, emptyAnswers, unansweredQuestions, type AnswerDraft } from '../utils/answers';
import { readBirthDate } from '../utils/birth-date';
import { votingCodeProblem } from '../utils/voting-code';
import '../i18n/messages';

type Step = 'identify' | 'answers' | 'confirm' | 'receipt';

/** Refusals that are about the code or the person: the identification step says them. */
const IDENTITY_REFUSALS = new Set([
  'CODE_MALFORMED',
  'CODE_UNKNOWN',
  'CODE_REVOKED',
  'IDENTITY_MISMATCH',
  'ENTRY_LOCKED',
  'NOT_ELIGIBLE_AGE',
  'ALREADY_VOTED',
  'RATE_LIMITED',
  'IDENTITY_VOTING_OFF',
  'IDENTITY_PROVIDER_REQUIRED',
  'IDENTITY_CLAIMS_MISSING',
  'IDENTITY_NOT_ON_ROLL',
  'IDENTITY_AMBIGUOUS',
]);

/** Refusals of a provider identity that trying it again cannot change: only the letter's code is left. */
const SETTLED_FOR_IDENTITY = new Set(['IDENTITY_CLAIMS_MISSING', 'IDENTITY_NOT_ON_ROLL', 'IDENTITY_AMBIGUOUS', 'IDENTITY_VOTING_OFF']);

/** Parisian date of today, to refuse birth dates in the future. */
const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * Voting in a referendum without an account: the code from the letter (checked here, character by
 * character, before anything is sent) and the birth date — or, where the referendum accepts it, the
 * identity of a provider the person signs in with; the questions; a confirmation; the receipt.
 */
export function ReferendumVotePage() {
  const { referendumId = '' } = useParams();
  const { t } = useTranslation();
  const referendum = useReferendum(referendumId);
  const turnout = useReferendumTurnout(referendumId);
  const cast = useCastReferendumBallot(referendumId);
  const castWithIdentity = useCastIdentityBallot(referendumId);
  const session = useSession();
  const me = useMe(session.status === 'signed-in');
  const methods = useSignInMethods();
  const [channel, setChannel] = useState<'code' | 'identity'>('code');

  const [step, setStep] = useState<Step>('identify');
  const [code, setCode] = useState('');
  const [birth, setBirth] = useState<BirthDateParts>({ day: '', month: '', year: '' });
  const [codeError, setCodeError] = useState<string | null>(null);
  const [birthError, setBirthError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [answers, setAnswers] = useState<AnswerDraft>(emptyAnswers);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [receipt, setReceipt] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Each step (and each refusal) moves focus to what needs reading next.
  useEffect(() => {
    if (attempt === 0) return;
    const target = document.querySelector<HTMLElement>('.step-focus');
    target?.focus();
  }, [step, attempt]);

  if (referendum.data === undefined) return <PageFallback title={referendum.error ? t('referendum.unavailable') : t('referendum.loading')} error={referendum.error} />;
  const data = referendum.data;
  const go = (next: Step): void => {
    setStep(next);
    setAttempt((n) => n + 1);
  };

  const identify = (): void => {
    const problem = votingCodeProblem(code);
    const codeMessage = problem === null ? null : t(`referendum.identify.codeProblem.${problem}`);
    const birthDate = readBirthDate(birth.day, birth.month, birth.year, today());
    const birthMessage = 'problem' in birthDate ? t(`referendum.identify.birthProblem.${birthDate.problem}`) : null;
    setCodeError(codeMessage);
    setBirthError(birthMessage);
    setRefusal(null);
    if (codeMessage !== null || birthMessage !== null) {
      setAttempt((n) => n + 1);
      return;
    }
    go('answers');
  };

  const confirm = (): void => {
    const unanswered = unansweredQuestions(data.questions, answers);
    setMissing(new Set(unanswered.map((question) => question.id)));
    if (unanswered.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    go('confirm');
  };

  const outcome = {
    onSuccess: (done: { receipt: string }) => {
      setReceipt(done.receipt);
      go('receipt');
    },
    onError: (error: Error) => {
      if (error instanceof ApiError && IDENTITY_REFUSALS.has(error.code)) {
        setRefusal(error);
        go('identify');
      }
    },
  };
  const vote = (): void => {
    if (channel === 'identity') return castWithIdentity.mutate({ answers: answersBody(data.questions, answers) }, outcome);
    const birthDate = readBirthDate(birth.day, birth.month, birth.year, today());
    if (!('date' in birthDate)) return go('identify');
    cast.mutate({ code, birthDate: birthDate.date, answers: answersBody(data.questions, answers) }, outcome);
  };
  const sending = cast.isPending || castWithIdentity.isPending;
  const sendError = channel === 'identity' ? castWithIdentity.error : cast.error;

  // The providers this referendum accepts, and the signed-in person's identity of one of them.
  const accepted = (methods.data?.providers ?? []).filter((provider) => data.identityProviders.includes(provider.id));
  const identity = me.data?.identities.find((linked) => data.identityProviders.includes(linked.provider));
  const returnHere = `/referendums/${data.id}`;

  let body: ReactNode;
  if (step === 'receipt' && receipt !== null) {
    body = (
      <>
        <Notice kind="success">
          <p className="step-focus" tabIndex={-1}>
            {t('referendum.receipt.recorded')}
          </p>
        </Notice>
        <ReceiptPanel receipt={receipt} voteTitle={data.title} checkUrl={`/verify?referendum=${data.id}`} fileName={`pnyx-receipt-${data.id.slice(0, 8)}.txt`} />
        <p>{t('referendum.receipt.checkLater')}</p>
      </>
    );
  } else if (data.status === 'draft') {
    body = (
      <Notice>
        <p>
          {t('referendum.notOpenYet')} <TimeText iso={data.opensAt} />
        </p>
      </Notice>
    );
  } else if (data.status !== 'open') {
    body = (
      <Notice>
        <p>{t('referendum.closed')}</p>
        <p>
          <Link to={`/referendums/${data.id}/results`}>{t('referendum.seeResults')}</Link>
        </p>
      </Notice>
    );
  } else if (step === 'identify') {
    body = (
      <form
        className="form"
        noValidate
        aria-labelledby="identify-heading"
        onSubmit={(event) => {
          event.preventDefault();
          identify();
        }}
      >
        <h2 id="identify-heading" className={refusal === null && codeError === null && birthError === null ? 'step-focus' : undefined} tabIndex={-1}>
          {accepted.length > 0 ? t('referendum.identify.headingWithIdentity') : t('referendum.identify.heading')}
        </h2>
        {refusal !== null ? (
          <div className="step-focus" tabIndex={-1}>
            <ErrorMessage error={refusal} />
          </div>
        ) : codeError !== null || birthError !== null ? (
          <div className="notice notice-error error-summary step-focus" role="alert" tabIndex={-1}>
            <h3>{t('referendum.identify.fix')}</h3>
            <ul>
              {codeError !== null ? (
                <li>
                  <a href="#code-field">{codeError}</a>
                </li>
              ) : null}
              {birthError !== null ? (
                <li>
                  <a href="#birth-date">{birthError}</a>
                </li>
              ) : null}
            </ul>
          </div>
        ) : null}
        {accepted.length > 0 && !(refusal !== null && SETTLED_FOR_IDENTITY.has(refusal.code)) ? (
          <section className="identity-channel" aria-labelledby="identity-heading">
            <h3 id="identity-heading">{t('referendum.identity.heading')}</h3>
            <p>{t('referendum.identity.intro', { names: accepted.map((provider) => provider.name).join(', ') })}</p>
            {identity !== undefined ? (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setChannel('identity');
                  setRefusal(null);
                  go('answers');
                }}
              >
                {t('referendum.identity.continue', { name: [identity.givenName, identity.familyName].filter(Boolean).join(' '), provider: identity.providerName })}
              </button>
            ) : (
              <ProviderButtons
                providers={accepted}
                returnTo={returnHere}
                mode={session.status === 'signed-in' ? 'link' : 'sign-in'}
                label={session.status === 'signed-in' ? (name) => t('referendum.identity.link', { name }) : undefined}
              />
            )}
            <h3>{t('referendum.identity.orCode')}</h3>
          </section>
        ) : null}
        <p>{t('referendum.identify.intro')}</p>
        <div id="code-field">
          <VotingCodeField value={code} onChange={setCode} error={codeError} />
        </div>
        <BirthDateField value={birth} onChange={setBirth} error={birthError} />
        <button type="submit" className="primary" onClick={() => setChannel('code')}>
          {t('referendum.identify.next')}
        </button>
      </form>
    );
  } else if (step === 'answers') {
    body = (
      <form
        className="form"
        noValidate
        aria-labelledby="answers-heading"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <h2 id="answers-heading" className={missing.size === 0 ? 'step-focus' : undefined} tabIndex={-1}>
          {t('referendum.answers.heading')}
        </h2>
        {missing.size > 0 ? (
          <div className="notice notice-error error-summary step-focus" role="alert" tabIndex={-1}>
            <h3>{t('referendum.answers.missing', { count: missing.size })}</h3>
            <ul>
              {data.questions
                .filter((question) => missing.has(question.id))
                .map((question) => (
                  <li key={question.id}>
                    <a href={`#question-${question.id}`}>{t('referendum.answers.questionNumber', { number: question.position + 1, text: question.text })}</a>
                  </li>
                ))}
            </ul>
          </div>
        ) : null}
        {data.questions.map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            number={question.position + 1}
            choice={answers.choices.get(question.id)}
            grades={answers.grades.get(question.id)}
            missing={missing.has(question.id)}
            onChoose={(choice) => setAnswers((previous) => ({ ...previous, choices: new Map(previous.choices).set(question.id, choice) }))}
            onGrade={(option, grade) =>
              setAnswers((previous) => ({ ...previous, grades: new Map(previous.grades).set(question.id, new Map(previous.grades.get(question.id)).set(option, grade)) }))
            }
          />
        ))}
        <div className="actions">
          <button type="button" onClick={() => go('identify')}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary">
            {t('referendum.answers.next')}
          </button>
        </div>
      </form>
    );
  } else {
    const answerList = answersBody(data.questions, answers);
    body = (
      <section aria-labelledby="confirm-heading">
        <h2 id="confirm-heading" className="step-focus" tabIndex={-1}>
          {t('referendum.confirm.heading')}
        </h2>
        <dl className="summary-list">
          {data.questions.map((question, index) => {
            const answer = answerList[index];
            return (
              <div key={question.id}>
                <dt>{t('referendum.answers.questionNumber', { number: question.position + 1, text: question.text })}</dt>
                <dd>
                  {answer.grades !== undefined
                    ? question.options.map((label, option) => t('referendum.confirm.gradeOf', { option: label, grade: question.grades[answer.grades![option]] })).join(' ; ')
                    : answer.choice === null || answer.choice === undefined
                      ? t('referendum.answers.blank')
                      : question.options[answer.choice]}
                </dd>
              </div>
            );
          })}
        </dl>
        {sendError && !(sendError instanceof ApiError && IDENTITY_REFUSALS.has(sendError.code)) ? <ErrorMessage error={sendError} /> : null}
        <div className="actions">
          <button type="button" onClick={() => go('answers')} disabled={sending}>
            {t('referendum.confirm.edit')}
          </button>
          <button type="button" className="primary" onClick={vote} disabled={sending}>
            {sending ? t('voting.review.sending') : t('referendum.confirm.vote')}
          </button>
        </div>
        <p className="hint">{t('referendum.confirm.final')}</p>
      </section>
    );
  }

  return (
    <>
      <PageTitle title={data.title} />
      {data.description !== '' ? <p className="lead">{data.description}</p> : null}
      <p className="meta">
        {t('referendum.window')} <TimeText iso={data.opensAt} /> — <TimeText iso={data.closesAt} />
      </p>
      {turnout.data !== undefined && step !== 'receipt' ? <ReferendumTurnout turnout={turnout.data} compact /> : null}
      {body}
    </>
  );
}
