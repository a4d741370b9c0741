import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { DecisionStatus, DecisionSteps } from '../components/DecisionView';
import { useAssembly } from '../hooks/assemblies';
import { useDecisionTracker } from '../hooks/decisions';
import '../i18n/messages';

/** The public tracker: every decision of the assembly, where it stands, what is late; open data and a feed. */
export function DecisionsPage() {
  const { assemblyId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const decisions = useDecisionTracker(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('decisions.title')} error={assembly.error} />;
  const late = (decisions.data ?? []).filter((decision) => decision.answerOverdue || decision.milestones.some((milestone) => milestone.overdue)).length;
  return (
    <>
      <PageTitle title={t('decisions.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/assemblies/${assemblyId}`}>{t('decisions.backToAssembly')}</Link>
      </p>
      <p className="lead">{t('decisions.intro')}</p>
      <p>
        <a href={`/api/assemblies/${assemblyId}/decisions?format=csv`} download>
          {t('decisions.csv')}
        </a>{' '}
        · <a href={`/api/assemblies/${assemblyId}/decisions`}>{t('decisions.json')}</a> ·{' '}
        <a href={`/api/assemblies/${assemblyId}/decisions.atom?lang=${i18n.language === 'en' ? 'en' : 'fr'}`} type="application/atom+xml">
          {t('decisions.feed')}
        </a>
      </p>
      {decisions.error ? <ErrorMessage error={decisions.error} /> : null}
      {decisions.data === undefined ? (
        decisions.error ? null : <Loading />
      ) : decisions.data.length === 0 ? (
        <p className="empty">{t('decisions.none')}</p>
      ) : (
        <>
          <p>{t('decisions.count', { count: decisions.data.length, late })}</p>
          <ul className="card-list">
            {decisions.data.map((decision) => (
              <li key={decision.id} className="card">
                <h2 className="card-title">
                  <Link to={`/decisions/${decision.id}`}>{decision.title}</Link>
                </h2>
                <DecisionStatus decision={decision} />
                <DecisionSteps decision={decision} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
