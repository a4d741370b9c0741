import { Link } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ProgressMeter } from '../../ui/ProgressMeter';
import '../i18n/messages';

type Decision = Schemas['DecisionDto'];

/** Where a decision stands, in words, with what is late said plainly (not by colour alone). */
export function DecisionStatus({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const format = useFormat();
  const live = decision.milestones.filter((milestone) => milestone.status !== 'cancelled');
  const done = live.filter((milestone) => milestone.status === 'done').length;
  const late = decision.milestones.filter((milestone) => milestone.overdue).length;
  return (
    <>
      <p>
        <span className={`badge stage-${decision.stage}`}>{t(`decisions.stages.${decision.stage}`)}</span>
        {decision.answerOverdue ? (
          <>
            {' '}
            <span className="badge badge-late">{t('decisions.answerLate', { day: format.day(decision.answerDueOn ?? '') })}</span>
          </>
        ) : null}
        {late > 0 ? (
          <>
            {' '}
            <span className="badge badge-late">{t('decisions.milestonesLate', { count: late })}</span>
          </>
        ) : null}
      </p>
      {live.length > 0 ? (
        <ProgressMeter value={done} max={live.length}>
          {t('decisions.milestonesDone', { done: format.number(done), count: live.length, committed: format.money(decision.committedCents) })}
        </ProgressMeter>
      ) : null}
    </>
  );
}

/** The decision's dated steps: adopted by the assembly, transmitted, answered. */
export function DecisionSteps({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts">
      <dt>{t('decisions.adopted')}</dt>
      <dd>
        {format.day(decision.adoptedOn)} — <Link to={`/polls/${decision.poll.id}/results`}>{t('decisions.theVote', { title: decision.poll.title })}</Link>
      </dd>
      <dt>{t('decisions.transmitted')}</dt>
      <dd>{decision.transmittedOn === null ? t('decisions.notYet') : t('decisions.transmittedOn', { day: format.day(decision.transmittedOn), reference: decision.transmissionReference ?? '' })}</dd>
      {decision.answerDueOn !== null ? (
        <>
          <dt>{t('decisions.answerDue')}</dt>
          <dd>{format.day(decision.answerDueOn)}</dd>
        </>
      ) : null}
      <dt>{t('decisions.answer')}</dt>
      <dd>{decision.councilAnswer === null ? t('decisions.notYet') : t(`decisions.answers.${decision.councilAnswer}`, { day: format.day(decision.answeredOn ?? '') })}</dd>
    </dl>
  );
}

export function MilestonesTable({ decision, headingId }: { decision: Decision; headingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (decision.milestones.length === 0) return <p className="empty">{t('decisions.noMilestones')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('decisions.milestone')}</th>
            <th scope="col">{t('decisions.department')}</th>
            <th scope="col">{t('decisions.planned')}</th>
            <th scope="col">{t('decisions.status')}</th>
            <th scope="col">{t('decisions.committed')}</th>
          </tr>
        </thead>
        <tbody>
          {decision.milestones.map((milestone) => (
            <tr key={milestone.id}>
              <th scope="row">
                {milestone.title}
                {milestone.note !== '' ? <p className="meta">{milestone.note}</p> : null}
              </th>
              <td>{milestone.department}</td>
              <td>
                {format.day(milestone.plannedOn)}
                {milestone.overdue ? (
                  <>
                    {' '}
                    <span className="badge badge-late">{t('decisions.late')}</span>
                  </>
                ) : null}
              </td>
              <td>{milestone.status === 'done' && milestone.doneOn !== null ? t('decisions.doneOn', { day: format.day(milestone.doneOn) }) : t(`decisions.milestoneStatuses.${milestone.status}`)}</td>
              <td>{milestone.committedCents === null ? '—' : format.money(milestone.committedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
