import { useState } from 'react';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { ReasonForm } from '../../ui/ReasonForm';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { useEnterAnswer, useWithdrawRespondent } from '../hooks/recruitment';
import '../i18n/messages';

/** Who answered (the answer rate drawn, with the figures), and an answer given by phone or on paper entered by an organiser. */
export function Respondents({
  assemblyId,
  respondents,
  invited,
  questions,
}: {
  assemblyId: string;
  respondents: Schemas['RespondentDto'][];
  invited: number;
  questions: Schemas['RespondentQuestionDto'][];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const categories = ['source', 'age', 'district', ...questions.map((question) => question.category)];
  const withdraw = useWithdrawRespondent(assemblyId);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  return (
    <>
      {invited > 0 ? (
        <ProgressMeter value={respondents.length} max={invited}>
          {t('console.recruitment.answerRate', { answered: format.number(respondents.length), invited: format.number(invited), share: format.percent(respondents.length / invited) })}
        </ProgressMeter>
      ) : null}
      {respondents.length === 0 ? (
        <p className="empty">{t('console.recruitment.noRespondent')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="respondents-heading" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('console.recruitment.pseudonym')}</th>
                <th scope="col">{t('console.recruitment.name')}</th>
                <th scope="col">{t('console.recruitment.channel')}</th>
                {categories.map((category) => (
                  <th key={category} scope="col">
                    {category}
                  </th>
                ))}
                <th scope="col">{t('console.recruitment.contact')}</th>
                <th scope="col">{t('console.recruitment.availability')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('console.recruitment.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {respondents.map((respondent) => (
                <tr key={respondent.id}>
                  <th scope="row">
                    <code>{respondent.personId}</code>
                  </th>
                  <td>
                    {respondent.givenNames} {respondent.familyName}
                  </td>
                  <td>{t(`console.recruitment.channels.${respondent.channel}`)}</td>
                  {categories.map((category) => (
                    <td key={category}>{respondent.features[category] ?? ''}</td>
                  ))}
                  <td>{[respondent.email, respondent.phone].filter(Boolean).join(' · ')}</td>
                  <td>{respondent.availability}</td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      aria-label={t('console.recruitment.withdrawWho', { who: `${respondent.givenNames} ${respondent.familyName}` })}
                      onClick={() => setWithdrawing(respondent.id)}
                    >
                      {t('console.recruitment.withdraw')}
                    </button>
                    {withdrawing === respondent.id ? (
                      <ReasonForm
                        label={t('console.recruitment.withdrawReason')}
                        hint={t('console.recruitment.withdrawHint')}
                        required={t('console.recruitment.withdrawReasonRequired')}
                        confirm={t('console.recruitment.withdrawConfirm')}
                        pending={withdraw.isPending}
                        error={withdraw.error}
                        onCancel={() => setWithdrawing(null)}
                        onSubmit={(reason) => withdraw.mutate({ respondentId: respondent.id, reason }, { onSuccess: () => setWithdrawing(null) })}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {questions.length > 0 || invited > 0 ? <EnterAnswer assemblyId={assemblyId} questions={questions} /> : null}
    </>
  );
}

function EnterAnswer({ assemblyId, questions }: { assemblyId: string; questions: Schemas['RespondentQuestionDto'][] }) {
  const { t } = useTranslation();
  const enter = useEnterAnswer(assemblyId);
  const empty = { code: '', channel: 'phone' as 'phone' | 'paper', answers: {} as Record<string, string>, email: '', phone: '', availability: '', consent: false };
  const [draft, setDraft] = useState(empty);
  const [problems, setProblems] = useState<Record<string, string>>({});
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        if (draft.code.trim().length < 4) found.code = t('console.recruitment.codeRequired');
        for (const question of questions) if (draft.answers[question.category] === undefined) found[`answer-${question.category}`] = t('console.recruitment.answerRequired');
        if (draft.email.trim() === '' && draft.phone.trim() === '') found.contact = t('console.recruitment.contactRequired');
        if (!draft.consent) found.consent = t('console.recruitment.consentRequired');
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        enter.mutate(
          {
            code: draft.code.trim(),
            channel: draft.channel,
            consent: true,
            answers: draft.answers,
            ...(draft.email.trim() === '' ? {} : { email: draft.email.trim() }),
            ...(draft.phone.trim() === '' ? {} : { phone: draft.phone.trim() }),
            ...(draft.availability.trim() === '' ? {} : { availability: draft.availability.trim() }),
          },
          { onSuccess: () => setDraft(empty) },
        );
      }}
    >
      <h3>{t('console.recruitment.enterTitle')}</h3>
      <p className="hint">{t('console.recruitment.enterHint')}</p>
      <TextField label={t('console.recruitment.code')} value={draft.code} error={problems.code} autoComplete="off" spellCheck={false} onChange={(event) => setDraft({ ...draft, code: event.target.value })} />
      <fieldset>
        <legend>{t('console.recruitment.channel')}</legend>
        {(['phone', 'paper'] as const).map((channel) => (
          <p key={channel} className="radio">
            <input id={`channel-${channel}`} type="radio" name="channel" checked={draft.channel === channel} onChange={() => setDraft({ ...draft, channel })} />
            <label htmlFor={`channel-${channel}`}>{t(`console.recruitment.channels.${channel}`)}</label>
          </p>
        ))}
      </fieldset>
      {questions.map((question) => (
        <Field key={question.category} label={question.category} error={problems[`answer-${question.category}`]}>
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.answers[question.category] ?? ''}
              onChange={(event) => setDraft({ ...draft, answers: { ...draft.answers, [question.category]: event.target.value } })}
            >
              <option value="" disabled>
                {t('console.recruitment.choose')}
              </option>
              {question.values.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <TextField label={t('console.recruitment.email')} type="email" autoComplete="off" value={draft.email} error={problems.contact} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
      <TextField label={t('console.recruitment.phone')} type="tel" autoComplete="off" value={draft.phone} onChange={(event) => setDraft({ ...draft, phone: event.target.value })} />
      <TextArea label={t('console.recruitment.availability')} rows={2} value={draft.availability} onChange={(event) => setDraft({ ...draft, availability: event.target.value })} />
      <div className={problems.consent === undefined ? undefined : 'field-invalid'}>
        {problems.consent !== undefined ? (
          <p className="field-error" id="entered-consent-error">
            {problems.consent}
          </p>
        ) : null}
        <p className="radio">
          <input
            id="entered-consent"
            type="checkbox"
            checked={draft.consent}
            aria-describedby={problems.consent === undefined ? undefined : 'entered-consent-error'}
            onChange={(event) => setDraft({ ...draft, consent: event.target.checked })}
          />
          <label htmlFor="entered-consent">{t('console.recruitment.consentGiven')}</label>
        </p>
      </div>
      {enter.error ? <ErrorMessage error={enter.error} /> : null}
      {enter.isSuccess ? (
        <Notice kind="success" live>
          <p>{t('console.recruitment.entered', { person: enter.data.personId })}</p>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={enter.isPending}>
          {t('console.recruitment.enter')}
        </button>
      </div>
    </form>
  );
}
