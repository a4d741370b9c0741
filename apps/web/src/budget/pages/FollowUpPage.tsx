import { useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TimeText } from '../../ui/TimeText';
import { EditionFrame } from '../components/EditionFrame';
import { useFollowUp, type Edition, type FollowUp } from '../hooks/budget';
import { reached, stepState } from '../utils/phases';
import '../i18n/messages';

const STEPS: ReadonlyArray<FollowUp['status']> = ['study', 'works', 'delivered'];

/** What becomes of the winners: each one's step, money committed and spent against its cost, its timeline; open data. */
export function FollowUpPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.followUp.title')}>
      {(edition) => <Tracker edition={edition} />}
    </EditionFrame>
  );
}

function Tracker({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const followUp = useFollowUp(edition.id, reached(edition.phase, 'follow-up'));
  if (!reached(edition.phase, 'follow-up')) return <p>{t('budget.followUp.notYet')}</p>;
  if (followUp.error) return <ErrorMessage error={followUp.error} />;
  if (followUp.data === undefined) return <Loading />;
  const counts = Object.fromEntries(['study', 'works', 'delivered', 'abandoned'].map((status) => [status, followUp.data.filter((row) => row.status === status).length]));
  const exportUrl = `/api/budget/editions/${edition.id}/follow-up/export`;
  return (
    <>
      <p className="lead">{t('budget.followUp.intro')}</p>
      <p role="status" className="meta">
        {t('budget.followUp.counts', { count: followUp.data.length, study: counts.study, works: counts.works, delivered: counts.delivered, abandoned: counts.abandoned })}
      </p>
      <p>
        {t('budget.followUp.openData')} <a href={`${exportUrl}?format=csv`}>{t('budget.followUp.csv')}</a> · <a href={`${exportUrl}?format=json`}>{t('budget.followUp.json')}</a>
      </p>
      {followUp.data.length === 0 ? (
        <p className="empty">{t('budget.followUp.none')}</p>
      ) : (
        <ul className="card-list">
          {followUp.data.map((row) => (
            <FollowUpCard key={row.projectId} row={row} />
          ))}
        </ul>
      )}
    </>
  );
}

function FollowUpCard({ row }: { row: FollowUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cost = Number(row.costCents);
  return (
    <li className="card">
      <p className="card-kind">{row.district === null ? t('budget.citywide') : t('budget.district', { district: row.district })}</p>
      <h2 className="card-title">{row.title}</h2>
      {row.status === 'abandoned' ? (
        <p className="feasibility feasibility-inadmissible">
          <strong>{t('budget.followUp.status.abandoned')}</strong>
          {row.reason !== null ? ` — ${row.reason}` : ''}
        </p>
      ) : (
        <ol className="progress-steps" aria-label={t('budget.followUp.stepsLabel', { title: row.title })}>
          {STEPS.map((step) => {
            const state = stepState(STEPS, step, row.status);
            return (
              <li key={step} className={`step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                {t(`budget.followUp.status.${step}`)}
                <span className="visually-hidden"> ({t(`budget.edition.step.${state}`)})</span>
              </li>
            );
          })}
        </ol>
      )}
      {row.status !== 'abandoned' && row.reason !== null ? <p className="card-meta">{row.reason}</p> : null}
      <ProgressMeter value={Number(row.spentCents)} max={cost}>
        {t('budget.followUp.money', { spent: format.money(row.spentCents), committed: format.money(row.committedCents), cost: format.money(row.costCents) })}
      </ProgressMeter>
      <details>
        <summary>{t('budget.followUp.timeline', { count: row.timeline.length })}</summary>
        <ol className="timeline">
          {row.timeline.map((event) => (
            <li key={event.recordedAt + event.status}>
              <TimeText iso={event.recordedAt} dateOnly /> — {t(`budget.followUp.status.${event.status}`)}
              {event.reason !== null ? ` — ${event.reason}` : ''} ({t('budget.followUp.eventMoney', { committed: format.money(event.committedCents), spent: format.money(event.spentCents) })})
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
