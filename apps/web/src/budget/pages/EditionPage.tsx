import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TimeText } from '../../ui/TimeText';
import { EditionFrame } from '../components/EditionFrame';
import { useEnvelopes, type Edition } from '../hooks/budget';
import { PHASES, phaseStarts, sortEnvelopes, stepState } from '../utils/phases';
import '../i18n/messages';

/** An edition: what it is, where it stands in its calendar, its envelopes, and what a resident can do now. */
export function EditionPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={(edition) => edition.title}>
      {(edition) => (
        <>
          {edition.description.trim() !== '' ? <p className="lead prose">{edition.description}</p> : null}
          <NowNotice edition={edition} />
          <section aria-labelledby="calendar-heading" className="section">
            <h2 id="calendar-heading">{t('budget.edition.calendar')}</h2>
            <Calendar edition={edition} />
          </section>
          <Envelopes edition={edition} />
          <section aria-labelledby="rule-heading" className="section">
            <h2 id="rule-heading">{t('budget.edition.rule')}</h2>
            <p>{t(`budget.rules.${edition.rule}`)}</p>
            {edition.rule === 'equal-shares' ? <p>{t('budget.rules.approvals', { grade: edition.grades[edition.approvalThreshold] ?? '' })}</p> : null}
            {edition.completion === 'greedy' ? <p>{t('budget.rules.completion')}</p> : null}
            <p>
              {t('budget.edition.grades')} {[...edition.grades].reverse().join(' · ')}
            </p>
          </section>
        </>
      )}
    </EditionFrame>
  );
}

/** The one thing a resident can do in this phase, as a link. */
function NowNotice({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const base = `/budget/${edition.id}`;
  const action: Partial<Record<Edition['phase'], { text: string; to: string }>> = {
    ideas: { text: t('budget.now.ideas'), to: `${base}/ideas/new` },
    'co-construction': { text: t('budget.now.coConstruction'), to: `${base}/projects` },
    feasibility: { text: t('budget.now.feasibility'), to: `${base}/projects` },
    ballot: { text: t('budget.now.ballot'), to: `${base}/vote` },
    vote: { text: t('budget.now.vote'), to: `${base}/vote` },
    results: { text: t('budget.now.results'), to: `${base}/results` },
    'follow-up': { text: t('budget.now.followUp'), to: `${base}/follow-up` },
  };
  const now = action[edition.phase];
  if (now === undefined) return <Notice>{t('budget.now.draft')}</Notice>;
  return (
    <Notice>
      <p>
        <Link to={now.to} className="button primary">
          {now.text}
        </Link>
      </p>
    </Notice>
  );
}

function Calendar({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="steps">
      {phaseStarts(edition).map(({ phase, day, instant }) => {
        const state = stepState(PHASES, phase, edition.phase);
        return (
          <li key={phase} className={`step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {t(`budget.phases.${phase}`)} — {instant !== undefined ? <TimeText iso={instant} /> : format.day(day!)}
            {phase === 'vote' ? (
              <>
                {' '}
                {t('budget.edition.until')} <TimeText iso={edition.calendar.voteClosesAt} />
              </>
            ) : null}
            <span className="visually-hidden"> ({t(`budget.edition.step.${state}`)})</span>
          </li>
        );
      })}
    </ol>
  );
}

function Envelopes({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const envelopes = useEnvelopes(edition.id);
  const total = envelopes.data?.reduce((sum, envelope) => sum + BigInt(envelope.amountCents), 0n);
  return (
    <section aria-labelledby="envelopes-heading" className="section">
      <h2 id="envelopes-heading">{t('budget.edition.envelopes')}</h2>
      {envelopes.error ? (
        <ErrorMessage error={envelopes.error} />
      ) : envelopes.data === undefined ? (
        <Loading />
      ) : envelopes.data.length === 0 ? (
        <p className="empty">{t('budget.edition.noEnvelope')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="envelopes-caption">
          <table>
            <caption id="envelopes-caption">{t('budget.edition.envelopesCaption', { total: format.money(total!.toString()) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budget.envelope.name')}</th>
                <th scope="col">{t('budget.envelope.kind')}</th>
                <th scope="col" className="number">
                  {t('budget.envelope.amount')}
                </th>
                <th scope="col" className="number">
                  {t('budget.envelope.maxCost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sortEnvelopes(envelopes.data).map((envelope) => (
                <tr key={envelope.id}>
                  <th scope="row">{envelope.name}</th>
                  <td>{t(`budget.envelope.kinds.${envelope.kind}`)}</td>
                  <td className="number">{format.money(envelope.amountCents)}</td>
                  <td className="number">{envelope.maxProjectCostCents === null ? '—' : format.money(envelope.maxProjectCostCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
