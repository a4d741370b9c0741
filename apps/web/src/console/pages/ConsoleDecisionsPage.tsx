import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { useAssembly, useDecisions } from '../../deliberation/hooks/assemblies';
import { useDecisionTracker, useFollowDecision } from '../../deliberation/hooks/decisions';
import { DecisionStatus } from '../../deliberation/components/DecisionView';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { RequireRole } from '../components/RequireRole';
import { CONSOLE_ROLES } from '../utils/roles';
import '../../deliberation/i18n/messages';
import '../i18n/messages';

/** The assembly's decisions for its organisers: the proposals it decided, to follow; the decisions, to update. */
export function ConsoleDecisionsPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.decisions.title')}>
      <ConsoleDecisions />
    </RequireRole>
  );
}

function ConsoleDecisions() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const assembly = useAssembly(assemblyId);
  const decided = useDecisions(assemblyId);
  const tracker = useDecisionTracker(assemblyId);
  const follow = useFollowDecision(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('console.decisions.title')} error={assembly.error} />;
  const followed = new Set((tracker.data ?? []).map((decision) => decision.proposalId));
  const waiting = (decided.data?.items ?? []).filter((proposal) => !followed.has(proposal.id));
  return (
    <>
      <PageTitle title={t('console.decisions.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/console/assemblies/${assemblyId}`}>{t('console.sortition.back')}</Link> · <Link to={`/assemblies/${assemblyId}/decisions`}>{t('console.decisions.publicTracker')}</Link>
      </p>
      <section aria-labelledby="waiting-heading" className="section">
        <h2 id="waiting-heading">{t('console.decisions.waiting', { count: waiting.length })}</h2>
        <p className="hint">{t('console.decisions.waitingHint')}</p>
        {follow.error ? <ErrorMessage error={follow.error} /> : null}
        {decided.data === undefined || tracker.data === undefined ? (
          <Loading />
        ) : waiting.length === 0 ? (
          <p className="empty">{t('console.decisions.noneWaiting')}</p>
        ) : (
          <ul className="card-list">
            {waiting.map((proposal) => (
              <li key={proposal.id} className="card">
                <h3 className="card-title">{proposal.title}</h3>
                <button type="button" className="primary" disabled={follow.isPending} onClick={() => follow.mutate(proposal.id)} aria-label={t('console.decisions.followWho', { title: proposal.title })}>
                  {t('console.decisions.follow')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="followed-heading" className="section">
        <h2 id="followed-heading">{t('console.decisions.followed', { count: tracker.data?.length ?? 0 })}</h2>
        {tracker.error ? <ErrorMessage error={tracker.error} /> : null}
        <ul className="card-list">
          {(tracker.data ?? []).map((decision) => (
            <li key={decision.id} className="card">
              <h3 className="card-title">
                <Link to={`/console/decisions/${decision.id}`}>{decision.title}</Link>
              </h3>
              <p className="meta">{t('console.decisions.adoptedOn', { day: format.day(decision.adoptedOn) })}</p>
              <DecisionStatus decision={decision} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
