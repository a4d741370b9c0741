import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { useEditions } from '../hooks/budget';
import '../i18n/messages';

/** The participatory budget's editions, the one being voted on or prepared first. */
export function BudgetEditionsPage() {
  const { t } = useTranslation();
  const editions = useEditions();
  // Drafts are the organisers' work in progress: residents read editions from their ideas phase on.
  const shown = editions.data?.filter((edition) => edition.phase !== 'draft');
  return (
    <>
      <PageTitle title={t('budget.editions.title')} />
      <p className="lead">{t('budget.editions.intro')}</p>
      {editions.error ? (
        <ErrorMessage error={editions.error} />
      ) : shown === undefined ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p className="empty">{t('budget.editions.none')}</p>
      ) : (
        <ul className="card-list">
          {shown.map((edition) => (
            <li key={edition.id} className="card">
              <p className="card-kind">{t(`budget.phases.${edition.phase}`)}</p>
              <h2 className="card-title">
                <Link to={`/budget/${edition.id}`}>{edition.title}</Link>
              </h2>
              <p className="card-meta">
                {t('budget.editions.voteWindow')} <TimeText iso={edition.calendar.voteOpensAt} /> – <TimeText iso={edition.calendar.voteClosesAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
