import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { useFollow, useIdea } from '../hooks/budget';
import '../i18n/messages';

/** An idea: its text, where, who filed it, its followers, and what became of it (the projects it joined). */
export function IdeaPage() {
  const { ideaId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const idea = useIdea(ideaId);
  const follow = useFollow(ideaId);
  const justFiled = (location.state as { filed?: boolean } | null)?.filed === true;

  if (idea.error) {
    return (
      <>
        <PageTitle title={t('budget.idea.unavailable')} />
        <ErrorMessage error={idea.error} />
      </>
    );
  }
  if (idea.data === undefined) return <Loading label={t('budget.idea.loading')} />;
  const current = idea.data;
  return (
    <>
      <p className="card-kind">
        <Link to={`/budget/${current.editionId}/ideas`}>{t('budget.idea.back')}</Link>
      </p>
      <PageTitle title={current.title} />
      {justFiled ? (
        <Notice kind="success" live>
          <p>{t('budget.idea.filed')}</p>
        </Notice>
      ) : null}
      <p className="meta">
        {current.district === null ? t('budget.citywide') : t('budget.district', { district: current.district })}
        {current.location !== '' ? ` · ${current.location}` : ''} · {t('budget.idea.by', { name: current.authorName })}, <TimeText iso={current.createdAt} dateOnly />
      </p>
      {current.bodyHtml !== '' ? (
        <section aria-labelledby="idea-text" className="section">
          <h2 id="idea-text" className="visually-hidden">
            {t('budget.idea.text')}
          </h2>
          {/* Safe HTML from the API: every tag of the author's Markdown is escaped; only http(s) and mailto links are made. */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: current.bodyHtml }} />
        </section>
      ) : null}

      <section aria-labelledby="idea-follow" className="section">
        <h2 id="idea-follow">{t('budget.idea.followHeading')}</h2>
        <p>{t('budget.idea.followers', { count: current.followers })}</p>
        {current.yours ? <p>{t('budget.idea.yours')}</p> : null}
        {session.status === 'signed-in' ? (
          <>
            <button type="button" className={current.following ? undefined : 'primary'} aria-pressed={current.following} disabled={follow.isPending} onClick={() => follow.mutate(!current.following)}>
              {t('budget.idea.follow')}
            </button>
            <p role="status">{follow.isSuccess ? (current.following ? t('budget.idea.nowFollowing') : t('budget.idea.notFollowing')) : ''}</p>
            {follow.error ? <ErrorMessage error={follow.error} /> : null}
          </>
        ) : session.status === 'signed-out' ? (
          <p>
            <Link to={`/signin?next=${encodeURIComponent(`/budget/ideas/${current.id}`)}`}>{t('budget.idea.signInToFollow')}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="idea-became" className="section">
        <h2 id="idea-became">{t('budget.idea.becameHeading')}</h2>
        {current.projects.length === 0 ? (
          <p>{t('budget.idea.notYet')}</p>
        ) : (
          <ul>
            {current.projects.map((project) => (
              <li key={project.id}>
                <Link to={`/budget/projects/${project.id}`}>{project.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
