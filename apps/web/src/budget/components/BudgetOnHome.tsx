import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useEditions, type Edition } from '../hooks/budget';
import '../i18n/messages';

const NOW: Partial<Record<Edition['phase'], { key: 'ideas' | 'coConstruction' | 'feasibility' | 'ballot' | 'vote' | 'results' | 'followUp'; path: string }>> = {
  ideas: { key: 'ideas', path: '/ideas/new' },
  'co-construction': { key: 'coConstruction', path: '/projects' },
  feasibility: { key: 'feasibility', path: '/projects' },
  ballot: { key: 'ballot', path: '/vote' },
  vote: { key: 'vote', path: '/vote' },
  results: { key: 'results', path: '/results' },
};

/** The home page's word on the participatory budget: each edition under way and what a resident can do in it now. */
export function BudgetOnHome() {
  const { t } = useTranslation();
  const editions = useEditions();
  const current = (editions.data ?? []).filter((edition) => NOW[edition.phase] !== undefined);
  return (
    <section aria-labelledby="home-budget" className="section">
      <h2 id="home-budget">{t('budget.editions.title')}</h2>
      {editions.error ? (
        <ErrorMessage error={editions.error} />
      ) : current.length === 0 ? (
        editions.data === undefined ? null : <p className="empty">{t('budget.editions.none')}</p>
      ) : (
        <ul className="card-list">
          {current.map((edition) => {
            const now = NOW[edition.phase]!;
            return (
              <li key={edition.id} className="card">
                <p className="card-kind">{t(`budget.phases.${edition.phase}`)}</p>
                <h3 className="card-title">
                  <Link to={`/budget/${edition.id}`}>{edition.title}</Link>
                </h3>
                <p className="card-meta">
                  <Link to={`/budget/${edition.id}${now.path}`}>{t(`budget.now.${now.key}`)}</Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link to="/budget">{t('budget.home.all')}</Link>
      </p>
    </section>
  );
}
