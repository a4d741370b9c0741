import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useEditions } from '../../budget/hooks/budget';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { RequireRole } from '../components/RequireRole';
import { useCreateEdition } from '../hooks/budget';
import { CALENDAR_FIELDS, editionBody, editionProblems, type EditionDraft } from '../utils/budget-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';
import '../../budget/i18n/messages';

/** The participatory budget's editions, drafts included, and a new one. */
export function ConsoleBudgetPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.budget.title')}>
      <BudgetConsole />
    </RequireRole>
  );
}

function BudgetConsole() {
  const { t } = useTranslation();
  const editions = useEditions();
  return (
    <>
      <PageTitle title={t('console.budget.title')} />
      <p>
        <Link to="/console">{t('console.back')}</Link>
      </p>
      <section aria-labelledby="editions-list" className="section">
        <h2 id="editions-list">{t('console.budget.list')}</h2>
        {editions.error ? (
          <ErrorMessage error={editions.error} />
        ) : editions.data === undefined ? (
          <Loading />
        ) : editions.data.length === 0 ? (
          <p className="empty">{t('console.budget.none')}</p>
        ) : (
          <ul className="card-list">
            {editions.data.map((edition) => (
              <li key={edition.id} className="card">
                <p className="card-kind">{t(`budget.phases.${edition.phase}`)}</p>
                <h3 className="card-title">
                  <Link to={`/console/budget/${edition.id}`}>{edition.title}</Link>
                </h3>
                <p className="card-meta">
                  {t('budget.editions.voteWindow')} <TimeText iso={edition.calendar.voteOpensAt} /> – <TimeText iso={edition.calendar.voteClosesAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreateEditionForm />
    </>
  );
}

const EMPTY: EditionDraft = {
  title: '',
  description: '',
  rule: 'greedy',
  completion: true,
  gradePreset: 'paris-4',
  ideasFrom: '',
  coConstructionFrom: '',
  feasibilityFrom: '',
  ballotFrom: '',
  voteOpensAt: '',
  voteClosesAt: '',
  resultsFrom: '',
  followUpFrom: '',
};

function CreateEditionForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEdition();
  const [draft, setDraft] = useState<EditionDraft>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof EditionDraft, string>>>({});
  const [attempts, setAttempts] = useState(0);
  const set = (field: keyof EditionDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });

  const submit = (): void => {
    const found = editionProblems(draft, t);
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    create.mutate(editionBody(draft), { onSuccess: (edition) => void navigate(`/console/budget/${edition.id}`) });
  };

  return (
    <section aria-labelledby="edition-new" className="section">
      <h2 id="edition-new">{t('console.budget.new')}</h2>
      <ErrorSummary problems={problems} attempts={attempts} title={t('console.form.fix')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField label={t('console.budget.editionTitle')} value={draft.title} onChange={set('title')} error={problems.title} maxLength={200} />
        <TextArea label={t('console.budget.description')} value={draft.description} onChange={set('description')} maxLength={20000} rows={4} />
        <Field label={t('console.budget.rule')} hint={t('console.budget.ruleHint')}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={draft.rule} onChange={set('rule')}>
              <option value="greedy">{t('console.budget.rules.greedy')}</option>
              <option value="equal-shares">{t('console.budget.rules.equal-shares')}</option>
            </select>
          )}
        </Field>
        {draft.rule === 'equal-shares' ? (
          <p className="checkbox">
            <input id="edition-completion" type="checkbox" checked={draft.completion} onChange={(event) => setDraft({ ...draft, completion: event.target.checked })} />
            <label htmlFor="edition-completion">{t('console.budget.completion')}</label>
          </p>
        ) : null}
        <Field label={t('console.budget.grades')}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={draft.gradePreset} onChange={set('gradePreset')}>
              <option value="paris-4">{t('console.budget.presets.paris-4')}</option>
              <option value="paris-4-en">{t('console.budget.presets.paris-4-en')}</option>
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('console.budget.calendarLegend')}</legend>
          <p className="hint">{t('console.budget.calendarHint')}</p>
          {CALENDAR_FIELDS.map((field) => (
            <TextField
              key={field}
              label={t(`console.budget.calendar.${field}`)}
              type={field === 'voteOpensAt' || field === 'voteClosesAt' ? 'datetime-local' : 'date'}
              value={draft[field]}
              onChange={set(field)}
              error={problems[field]}
            />
          ))}
        </fieldset>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('console.budget.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
