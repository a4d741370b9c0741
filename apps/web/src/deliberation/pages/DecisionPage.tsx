import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { DecisionStatus, DecisionSteps, MilestonesTable } from '../components/DecisionView';
import { changeSentence } from '../utils/decision-changes';
import { useDecision } from '../hooks/decisions';
import '../i18n/messages';

/** One decision, public: the text adopted, the vote, the council's answer, the milestones and every change. */
export function DecisionPage() {
  const { decisionId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const decision = useDecision(decisionId);
  if (decision.data === undefined) return <PageFallback title={t('decisions.title')} error={decision.error} />;
  const data = decision.data;
  return (
    <>
      <PageTitle title={data.title} />
      <p>
        <Link to={`/assemblies/${data.assemblyId}/decisions`}>{t('decisions.backToTracker')}</Link>
      </p>
      <DecisionStatus decision={data} />
      <DecisionSteps decision={data} />

      <section aria-labelledby="text-heading" className="section">
        <h2 id="text-heading">{t('decisions.textAdopted')}</h2>
        <p className="proposal-text">{data.text}</p>
        {data.councilText !== null ? (
          <>
            <h3>{t('decisions.textAmended')}</h3>
            <p className="proposal-text">{data.councilText}</p>
          </>
        ) : null}
        {data.councilReasons !== null ? (
          <>
            <h3>{t('decisions.reasons')}</h3>
            <p className="proposal-text">{data.councilReasons}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="milestones-heading" className="section">
        <h2 id="milestones-heading">{t('decisions.milestones')}</h2>
        <MilestonesTable decision={data} headingId="milestones-heading" />
      </section>

      <section aria-labelledby="changes-heading" className="section">
        <h2 id="changes-heading">{t('decisions.changes')}</h2>
        <ol className="timeline">
          {data.changes.map((change) => (
            <li key={change.seq}>
              <time dateTime={change.at}>{format.dateTime(change.at)}</time> — {changeSentence(change, t)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
