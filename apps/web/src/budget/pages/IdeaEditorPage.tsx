import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { DistrictOptions } from '../components/DistrictOptions';
import { EditionFrame } from '../components/EditionFrame';
import { useEnvelopes, useFileIdea, type Edition } from '../hooks/budget';
import '../i18n/messages';

const TITLE_MAX = 200;
const BODY_MAX = 20_000;
const LOCATION_MAX = 500;

/** Filing an idea (residents, in the ideas phase): it is public at once, and can be followed. */
export function IdeaEditorPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.editor.title')}>
      {(edition) => <IdeaEditor edition={edition} />}
    </EditionFrame>
  );
}

function IdeaEditor({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const envelopes = useEnvelopes(edition.id);
  const file = useFileIdea(edition.id);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [where, setWhere] = useState('');
  const [location, setLocation] = useState('');
  const [attempts, setAttempts] = useState(0);
  const [problems, setProblems] = useState<{ title?: string; body?: string; where?: string; location?: string }>({});

  if (session.status === 'restoring') return <Loading />;
  if (session.status === 'signed-out') {
    return (
      <Notice>
        <p>{t('budget.editor.signIn')}</p>
        <p>
          <Link to={`/signin?next=${encodeURIComponent(`/budget/${edition.id}/ideas/new`)}`}>{t('app.account.signIn')}</Link>
        </p>
      </Notice>
    );
  }
  if (edition.phase !== 'ideas') {
    return (
      <Notice kind="warning">
        <p>{t('budget.editor.closed')}</p>
        <p>
          <Link to={`/budget/${edition.id}/ideas`}>{t('budget.editor.readIdeas')}</Link>
        </p>
      </Notice>
    );
  }

  const save = (): void => {
    const found: typeof problems = {};
    if (title.trim() === '') found.title = t('budget.editor.titleRequired');
    else if (title.trim().length > TITLE_MAX) found.title = t('budget.editor.tooLong', { max: TITLE_MAX });
    if (body.length > BODY_MAX) found.body = t('budget.editor.tooLong', { max: BODY_MAX });
    if (where === '') found.where = t('budget.editor.whereRequired');
    if (location.length > LOCATION_MAX) found.location = t('budget.editor.tooLong', { max: LOCATION_MAX });
    setProblems(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    file.mutate(
      { title: title.trim(), ...(body.trim() === '' ? {} : { body }), ...(where === 'citywide' ? {} : { district: where }), ...(location.trim() === '' ? {} : { location: location.trim() }) },
      { onSuccess: (idea) => void navigate(`/budget/ideas/${idea.id}`, { state: { filed: true } }) },
    );
  };

  return (
    <>
      <p className="lead">{t('budget.editor.intro')}</p>
      <ErrorSummary problems={problems} attempts={attempts} title={t('budget.editor.fix')} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <TextField label={t('budget.editor.ideaTitle')} value={title} onChange={(event) => setTitle(event.target.value)} error={problems.title} maxLength={TITLE_MAX + 50} required />
        <TextArea label={t('budget.editor.body')} hint={t('budget.editor.bodyHint')} value={body} onChange={(event) => setBody(event.target.value)} error={problems.body} rows={10} />
        <Field label={t('budget.editor.where')} hint={t('budget.editor.whereHint')} error={problems.where}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} aria-invalid={problems.where ? true : undefined} value={where} onChange={(event) => setWhere(event.target.value)} required>
              <DistrictOptions envelopes={envelopes.data} empty={t('budget.editor.choose')} />
            </select>
          )}
        </Field>
        <TextField label={t('budget.editor.location')} hint={t('budget.editor.locationHint')} value={location} onChange={(event) => setLocation(event.target.value)} error={problems.location} maxLength={LOCATION_MAX + 50} />
        {file.error ? <ErrorMessage error={file.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={file.isPending}>
            {t('budget.editor.submit')}
          </button>
        </div>
        <p className="hint">{t('budget.editor.public')}</p>
      </form>
    </>
  );
}
