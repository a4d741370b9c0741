import { useMemo, useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { PetitionList } from '../components/PetitionList';
import { useAssemblies, useLiveSupportCounts, usePetitions, type ProposalState } from '../hooks/petitions';
import '../i18n/messages';

const STATE_FILTERS: readonly ProposalState[] = ['collecting', 'threshold-reached', 'under-review', 'admissible', 'scheduled', 'decided', 'expired', 'inadmissible'];

/** Petitions of an assembly: search (French and English), filter by state, load more; propose one. */
export function PetitionsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const assemblies = useAssemblies();
  const assemblyId = params.get('assembly') ?? assemblies.data?.[0]?.id;
  const q = params.get('q') ?? '';
  const stateParam = params.get('state');
  const state = STATE_FILTERS.find((candidate) => candidate === stateParam);
  const [draftQuery, setDraftQuery] = useState(q);
  const petitions = usePetitions(assemblyId, { ...(q !== '' ? { q } : {}), ...(state === undefined ? {} : { state }) });
  const items = useMemo(() => petitions.data?.pages.flatMap((page) => page.items) ?? [], [petitions.data]);
  useLiveSupportCounts(items);

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
      <PageTitle title={t('agenda.list.title')} />
      <p className="lead">{t('agenda.list.intro')}</p>
      {session.status === 'signed-in' && assemblyId !== undefined ? (
        <p>
          <Link className="button primary" to={`/petitions/new?assembly=${assemblyId}`}>
            {t('agenda.list.propose')}
          </Link>
        </p>
      ) : session.status === 'signed-out' ? (
        <p>
          <Link to="/signin?next=/petitions">{t('agenda.list.signInToPropose')}</Link>
        </p>
      ) : null}
      <form
        role="search"
        className="filters"
        aria-label={t('agenda.list.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: draftQuery.trim() });
        }}
      >
        {(assemblies.data?.length ?? 0) > 1 ? (
          <div className="field">
            <label htmlFor="petition-assembly">{t('agenda.list.assembly')}</label>
            <select id="petition-assembly" value={assemblyId ?? ''} onChange={(event) => update({ assembly: event.target.value })}>
              {assemblies.data?.map((assembly) => (
                <option key={assembly.id} value={assembly.id}>
                  {assembly.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="petition-state">{t('agenda.list.state')}</label>
          <select id="petition-state" value={state ?? ''} onChange={(event) => update({ state: event.target.value })}>
            <option value="">{t('agenda.list.allStates')}</option>
            {STATE_FILTERS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`agenda.states.${candidate}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field search-field">
          <label htmlFor="petition-q">{t('agenda.list.search')}</label>
          <p className="hint" id="petition-q-hint">
            {t('agenda.list.searchHint')}
          </p>
          <div className="search-row">
            <input id="petition-q" type="search" aria-describedby="petition-q-hint" value={draftQuery} maxLength={200} onChange={(event) => setDraftQuery(event.target.value)} />
            <button type="submit">{t('agenda.list.searchButton')}</button>
          </div>
        </div>
      </form>
      <section aria-labelledby="petition-results" className="section">
        <h2 id="petition-results">{q !== '' ? t('agenda.list.resultsFor', { q }) : t('agenda.list.results')}</h2>
        {assemblies.error || petitions.error ? (
          <ErrorMessage error={assemblies.error ?? petitions.error} />
        ) : assemblies.data !== undefined && assemblyId === undefined ? (
          <p className="empty">{t('agenda.list.noAssembly')}</p>
        ) : petitions.data === undefined ? (
          <Loading />
        ) : (
          <>
            <p role="status" className="meta">
              {t('agenda.list.shown', { count: items.length })}
            </p>
            <PetitionList petitions={items} empty={t('agenda.list.none')} />
            {petitions.hasNextPage ? (
              <button type="button" onClick={() => void petitions.fetchNextPage()} disabled={petitions.isFetchingNextPage}>
                {petitions.isFetchingNextPage ? t('common.loading') : t('agenda.list.more')}
              </button>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
