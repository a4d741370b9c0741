import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { DistrictOptions } from '../components/DistrictOptions';
import { EditionFrame } from '../components/EditionFrame';
import { IdeaList } from '../components/IdeaList';
import { useEnvelopes, useIdeas, type Edition } from '../hooks/budget';
import '../i18n/messages';

/** Residents' ideas: search in French or English, by district, load more; file one in the ideas phase. */
export function IdeasPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.ideas.title')}>
      {(edition) => <Ideas edition={edition} />}
    </EditionFrame>
  );
}

function Ideas({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const district = params.get('district') ?? '';
  const [draftQuery, setDraftQuery] = useState(q);
  const envelopes = useEnvelopes(edition.id);
  const ideas = useIdeas(edition.id, { ...(q !== '' ? { q } : {}), ...(district !== '' ? { district } : {}) });
  const items = useMemo(() => ideas.data?.pages.flatMap((page) => page.items) ?? [], [ideas.data]);

  const update = (changes: Record<string, string>): void => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <p className="lead">{t('budget.ideas.intro')}</p>
      {edition.phase === 'ideas' ? (
        session.status === 'signed-in' ? (
          <p>
            <Link className="button primary" to={`/budget/${edition.id}/ideas/new`}>
              {t('budget.ideas.file')}
            </Link>
          </p>
        ) : session.status === 'signed-out' ? (
          <p>
            <Link to={`/signin?next=${encodeURIComponent(`/budget/${edition.id}/ideas/new`)}`}>{t('budget.ideas.signInToFile')}</Link>
          </p>
        ) : null
      ) : (
        <p>{t('budget.ideas.closed')}</p>
      )}
      <form
        role="search"
        className="filters"
        aria-label={t('budget.ideas.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: draftQuery.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="idea-district">{t('budget.ideas.where')}</label>
          <select id="idea-district" value={district} onChange={(event) => update({ district: event.target.value })}>
            <DistrictOptions envelopes={envelopes.data} empty={t('budget.ideas.everywhere')} />
          </select>
        </div>
        <div className="field search-field">
          <label htmlFor="idea-q">{t('budget.ideas.search')}</label>
          <p className="hint" id="idea-q-hint">
            {t('budget.ideas.searchHint')}
          </p>
          <div className="search-row">
            <input id="idea-q" type="search" aria-describedby="idea-q-hint" value={draftQuery} maxLength={200} onChange={(event) => setDraftQuery(event.target.value)} />
            <button type="submit">{t('budget.ideas.searchButton')}</button>
          </div>
        </div>
      </form>
      <section aria-labelledby="idea-results" className="section">
        <h2 id="idea-results">{q !== '' ? t('budget.ideas.resultsFor', { q }) : t('budget.ideas.results')}</h2>
        {ideas.error ? (
          <ErrorMessage error={ideas.error} />
        ) : ideas.data === undefined ? (
          <Loading />
        ) : (
          <>
            <p role="status" className="meta">
              {t('budget.ideas.shown', { count: items.length })}
            </p>
            <IdeaList ideas={items} empty={t('budget.ideas.none')} />
            {ideas.hasNextPage ? (
              <button type="button" onClick={() => void ideas.fetchNextPage()} disabled={ideas.isFetchingNextPage}>
                {ideas.isFetchingNextPage ? t('common.loading') : t('budget.ideas.more')}
              </button>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
