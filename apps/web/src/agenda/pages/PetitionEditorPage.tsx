import { useEffect, useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { useAgendaSettings, useCreatePetition, useEditDraft, useProposal } from '../hooks/petitions';
import '../i18n/messages';

const TITLE_MAX = 200;
const BODY_MAX = 20_000;

/**
 * Proposing a petition: a draft first (only its author sees it), which the author can change, then
 * submit from its page. `/petitions/new?assembly=…` creates; `/petitions/:id/edit` edits the draft.
 */
export function PetitionEditorPage() {
  const { proposalId } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const existing = useProposal(proposalId ?? '', proposalId !== undefined);
  const assemblyId = proposalId === undefined ? (params.get('assembly') ?? undefined) : existing.data?.assemblyId;
  const settings = useAgendaSettings(assemblyId);
  const create = useCreatePetition(assemblyId ?? '');
  const edit = useEditDraft(proposalId ?? '');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState('');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const [loaded, setLoaded] = useState(proposalId === undefined);
  /** Refused saves so far: each moves focus to the list of what to correct, once it is shown. */
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (refusals > 0) document.getElementById('editor-errors')?.focus();
  }, [refusals]);

  useEffect(() => {
    if (loaded || existing.data === undefined) return;
    setTitle(existing.data.title);
    setBody(existing.data.body ?? '');
    setCategory(existing.data.category);
    setLoaded(true);
  }, [existing.data, loaded]);

  const pageTitle = proposalId === undefined ? t('agenda.editor.newTitle') : t('agenda.editor.editTitle');
  if (session.status === 'restoring' || (proposalId !== undefined && !loaded && existing.error === null)) {
    return (
      <>
        <PageTitle title={pageTitle} />
        <Loading />
      </>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={pageTitle} />
        <Notice>
          <p>{t('agenda.editor.signIn')}</p>
          <p>
            <Link to={`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}>{t('app.account.signIn')}</Link>
          </p>
        </Notice>
      </>
    );
  }
  if (existing.error) {
    return (
      <>
        <PageTitle title={pageTitle} />
        <ErrorMessage error={existing.error} />
      </>
    );
  }
  if (assemblyId === undefined) {
    return (
      <>
        <PageTitle title={pageTitle} />
        <Notice kind="warning">
          <p>{t('agenda.editor.noAssembly')}</p>
          <p>
            <Link to="/petitions">{t('agenda.petition.back')}</Link>
          </p>
        </Notice>
      </>
    );
  }

  const mutation = proposalId === undefined ? create : edit;
  const save = (): void => {
    const found: { title?: string; body?: string } = {};
    if (title.trim() === '') found.title = t('agenda.editor.titleRequired');
    else if (title.trim().length > TITLE_MAX) found.title = t('agenda.editor.titleTooLong', { max: TITLE_MAX });
    if (body.trim() === '') found.body = t('agenda.editor.bodyRequired');
    else if (body.length > BODY_MAX) found.body = t('agenda.editor.bodyTooLong', { max: BODY_MAX });
    setErrors(found);
    if (found.title !== undefined || found.body !== undefined) {
      setRefusals((count) => count + 1);
      return;
    }
    const values = { title: title.trim(), body, ...(category.trim() === '' ? {} : { category: category.trim() }) };
    mutation.mutate(values, { onSuccess: (saved) => void navigate(`/petitions/${saved.id}`) });
  };

  return (
    <>
      <PageTitle title={pageTitle} />
      <p className="lead">{t('agenda.editor.intro')}</p>
      {settings.data !== undefined ? <p>{t('agenda.editor.rules', { threshold: settings.data.petitionThreshold, days: settings.data.petitionDays })}</p> : null}
      {errors.title !== undefined || errors.body !== undefined ? (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} id="editor-errors">
          <h2>{t('agenda.editor.fix')}</h2>
          <ul>
            {errors.title !== undefined ? <li>{errors.title}</li> : null}
            {errors.body !== undefined ? <li>{errors.body}</li> : null}
          </ul>
        </div>
      ) : null}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <TextField label={t('agenda.editor.title')} value={title} onChange={(event) => setTitle(event.target.value)} error={errors.title} maxLength={TITLE_MAX + 50} required />
        <TextArea label={t('agenda.editor.body')} hint={t('agenda.editor.bodyHint')} value={body} onChange={(event) => setBody(event.target.value)} error={errors.body} rows={12} required />
        <TextField label={t('agenda.editor.category')} hint={t('agenda.editor.categoryHint')} value={category} onChange={(event) => setCategory(event.target.value)} maxLength={60} />
        {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {t('agenda.editor.save')}
          </button>
        </div>
        <p className="hint">{t('agenda.editor.afterSave')}</p>
      </form>
    </>
  );
}
