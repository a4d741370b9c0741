import { useState } from 'react';
import { useSignInMethods } from '../../app/auth/providers';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RequireRole } from '../components/RequireRole';
import { useAllReferendums, useCreateReferendum } from '../hooks/referendums';
import { EMPTY_QUESTION, EMPTY_REFERENDUM, referendumRequest, type QuestionDraft, type ReferendumDraft, type ReferendumProblems } from '../utils/referendum-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

/** The city's referendums, every status; and a new one. */
export function ConsoleReferendumsPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.referendums.title')}>
      <ReferendumsConsole />
    </RequireRole>
  );
}

function ReferendumsConsole() {
  const { t } = useTranslation();
  const referendums = useAllReferendums();
  return (
    <>
      <PageTitle title={t('console.referendums.title')} />
      <p>
        <Link to="/console">{t('console.back')}</Link> · <Link to="/console/referendums/new">{t('console.referendums.new')}</Link>
      </p>
      {referendums.data === undefined ? (
        referendums.error ? <ErrorMessage error={referendums.error} /> : <Loading />
      ) : referendums.data.length === 0 ? (
        <p className="empty">{t('console.referendums.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('console.referendums.title')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('console.referendums.name')}</th>
                <th scope="col">{t('console.referendums.status')}</th>
                <th scope="col">{t('console.polls.window')}</th>
                <th scope="col" className="number">
                  {t('console.referendums.electors')}
                </th>
              </tr>
            </thead>
            <tbody>
              {referendums.data.map((referendum) => (
                <tr key={referendum.id}>
                  <th scope="row">
                    <Link to={`/console/referendums/${referendum.id}`}>{referendum.title}</Link>
                  </th>
                  <td>{t(`console.referendums.statuses.${referendum.status}`)}</td>
                  <td>
                    <TimeText iso={referendum.opensAt} /> → <TimeText iso={referendum.closesAt} />
                  </td>
                  <td className="number">{referendum.rollSize ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A new referendum: questions, window in Paris time, eligibility; the roll and codes come next. */
export function NewReferendumPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.referendums.newTitle')}>
      <NewReferendum />
    </RequireRole>
  );
}

function NewReferendum() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateReferendum();
  const [draft, setDraft] = useState<ReferendumDraft>(EMPTY_REFERENDUM);
  const [problems, setProblems] = useState<ReferendumProblems>({});
  const [attempts, setAttempts] = useState(0);
  const providers = useSignInMethods().data?.providers ?? [];
  const set = <K extends keyof ReferendumDraft>(field: K, value: ReferendumDraft[K]): void => setDraft((current) => ({ ...current, [field]: value }));
  const setQuestion = (index: number, change: Partial<QuestionDraft>): void => set('questions', draft.questions.map((question, i) => (i === index ? { ...question, ...change } : question)));

  return (
    <>
      <PageTitle title={t('console.referendums.newTitle')} />
      <p>
        <Link to="/console/referendums">{t('console.referendums.back')}</Link>
      </p>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const checked = referendumRequest(draft, t);
          setProblems(checked.problems);
          setAttempts((count) => count + 1);
          if (checked.body !== undefined) create.mutate(checked.body, { onSuccess: (created) => void navigate(`/console/referendums/${created.id}`) });
        }}
      >
        <TextField label={t('console.referendums.name')} value={draft.title} error={problems.title} onChange={(event) => set('title', event.target.value)} maxLength={300} />
        <TextArea label={t('console.pollForm.description')} value={draft.description} rows={3} onChange={(event) => set('description', event.target.value)} />
        <TextField label={t('console.referendums.opensAt')} hint={t('console.referendums.parisTime')} type="datetime-local" value={draft.opensAt} error={problems.opensAt} onChange={(event) => set('opensAt', event.target.value)} />
        <TextField label={t('console.referendums.closesAt')} hint={t('console.referendums.parisTime')} type="datetime-local" value={draft.closesAt} error={problems.closesAt} onChange={(event) => set('closesAt', event.target.value)} />
        <TextField label={t('console.referendums.minAge')} hint={t('console.referendums.minAgeHint')} inputMode="numeric" value={draft.minAge} error={problems.minAge} onChange={(event) => set('minAge', event.target.value)} />
        <TextField label={t('console.referendums.threshold')} hint={t('console.referendums.thresholdHint')} inputMode="numeric" value={draft.districtThreshold} error={problems.districtThreshold} onChange={(event) => set('districtThreshold', event.target.value)} />
        {providers.length > 0 ? (
          <fieldset>
            <legend>{t('console.referendums.identityProviders')}</legend>
            <p className="hint">{t('console.referendums.identityProvidersHint')}</p>
            {providers.map((provider) => (
              <p key={provider.id} className="checkbox">
                <input
                  id={`identity-provider-${provider.id}`}
                  type="checkbox"
                  checked={draft.identityProviders.includes(provider.id)}
                  onChange={(event) => set('identityProviders', event.target.checked ? [...draft.identityProviders, provider.id] : draft.identityProviders.filter((id) => id !== provider.id))}
                />
                <label htmlFor={`identity-provider-${provider.id}`}>{provider.name}</label>
              </p>
            ))}
          </fieldset>
        ) : null}
        <fieldset className={problems.questions === undefined ? undefined : 'field-invalid'}>
          <legend>{t('console.referendums.questions')}</legend>
          {problems.questions !== undefined ? <p className="field-error">{problems.questions}</p> : null}
          <ol className="option-list">
            {draft.questions.map((question, index) => (
              <li key={index}>
                <div className="field">
                  <label htmlFor={`question-kind-${index}`}>{t('console.referendums.kind', { number: index + 1 })}</label>
                  <select id={`question-kind-${index}`} value={question.kind} onChange={(event) => setQuestion(index, { kind: event.target.value as QuestionDraft['kind'] })}>
                    <option value="yes-no">{t('console.referendums.kinds.yes-no')}</option>
                    <option value="single">{t('console.referendums.kinds.single')}</option>
                    <option value="majority-judgment">{t('console.referendums.kinds.majority-judgment')}</option>
                  </select>
                </div>
                <TextField label={t('console.referendums.questionText', { number: index + 1 })} value={question.text} onChange={(event) => setQuestion(index, { text: event.target.value })} maxLength={2000} />
                <TextArea
                  label={t('console.referendums.questionOptions', { number: index + 1 })}
                  hint={question.kind === 'yes-no' ? t('console.referendums.yesNoHint') : t('console.referendums.optionsHint')}
                  value={question.options}
                  rows={3}
                  onChange={(event) => setQuestion(index, { options: event.target.value })}
                />
                {question.kind === 'majority-judgment' ? (
                  <div className="field">
                    <label htmlFor={`question-grades-${index}`}>{t('console.pollForm.grades')}</label>
                    <select id={`question-grades-${index}`} value={question.gradePreset} onChange={(event) => setQuestion(index, { gradePreset: event.target.value as QuestionDraft['gradePreset'] })}>
                      {(['fr-5', 'fr-7', 'en-5', 'en-7'] as const).map((preset) => (
                        <option key={preset} value={preset}>
                          {t(`console.pollForm.presets.${preset}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                {draft.questions.length > 1 ? (
                  <button type="button" className="small" onClick={() => set('questions', draft.questions.filter((_, i) => i !== index))}>
                    {t('console.referendums.removeQuestion', { number: index + 1 })}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => set('questions', [...draft.questions, EMPTY_QUESTION])}>
            {t('console.referendums.addQuestion')}
          </button>
        </fieldset>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('console.referendums.create')}
          </button>
        </div>
      </form>
    </>
  );
}
