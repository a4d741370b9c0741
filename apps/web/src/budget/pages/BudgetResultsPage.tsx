import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { EditionFrame } from '../components/EditionFrame';
import { useResults, type Edition, type EnvelopeResult } from '../hooks/budget';
import { reached, shareOf, sortEnvelopes } from '../utils/phases';
import '../i18n/messages';

/**
 * The winners of each envelope: every project in ranking order, funded or not and why, what was
 * spent and what is left (drawn, with the figures); for equal shares, who paid what. The merit
 * profiles and the bulletin board are on each envelope's poll results page.
 */
export function BudgetResultsPage() {
  const { editionId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditionFrame editionId={editionId} title={() => t('budget.results.title')}>
      {(edition) => <Results edition={edition} />}
    </EditionFrame>
  );
}

function Results({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const results = useResults(edition.id, reached(edition.phase, 'results'));
  if (!reached(edition.phase, 'results')) return <p>{t('budget.results.notYet')}</p>;
  if (results.error) return <ErrorMessage error={results.error} />;
  if (results.data === undefined) return <Loading />;
  const envelopes = sortEnvelopes(results.data);
  return (
    <>
      <p className="lead">{t(`budget.results.intro.${edition.rule}`)}</p>
      <nav aria-labelledby="results-toc" className="section">
        <h2 id="results-toc">{t('budget.results.envelopes')}</h2>
        <ul>
          {envelopes.map(({ envelope }) => (
            <li key={envelope.id}>
              <a href={`#result-${envelope.id}`}>{envelope.name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {envelopes.map((result) => (
        <EnvelopeResultSection key={result.envelope.id} result={result} />
      ))}
    </>
  );
}

function EnvelopeResultSection({ result }: { result: EnvelopeResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { envelope } = result;
  const budget = Number(result.budgetCents);
  const spent = Number(result.spentCents);
  const funded = result.lines.filter((line) => line.funded).length;
  const headingId = `result-${envelope.id}`;
  const titles = new Map(result.lines.map((line) => [line.projectId, line.title]));
  return (
    <section aria-labelledby={headingId} className="section envelope-result">
      <h2 id={headingId} tabIndex={-1}>
        {envelope.name}
      </h2>
      <ProgressMeter value={spent} max={budget}>
        {t('budget.results.spent', { spent: format.money(result.spentCents), budget: format.money(result.budgetCents), share: format.percent(budget === 0 ? 0 : spent / budget), left: format.money(result.leftCents) })}
      </ProgressMeter>
      <p className="meta">
        {t('budget.results.voters', { count: result.voters, formatted: format.number(result.voters) })} · {t('budget.results.funded', { count: funded, total: result.lines.length })} ·{' '}
        <Link to={`/polls/${result.pollId}/results`}>{t('budget.results.meritProfiles')}</Link>
      </p>
      {/* The caption stays outside the scrolling box, so a narrow screen shows it whole. */}
      <p className="table-title" id={`${headingId}-caption`}>
        {t('budget.results.caption', { name: envelope.name })}
      </p>
      {/* Wide screens: a table. Phones: the same lines as a list (the hidden one is out of the accessibility tree too). */}
      <div className="table-scroll wide-only" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
        <table className="result-lines" aria-labelledby={`${headingId}-caption`}>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('budget.results.rank')}
              </th>
              <th scope="col">{t('budget.results.project')}</th>
              <th scope="col" className="number">
                {t('budget.results.cost')}
              </th>
              <th scope="col">{t('budget.results.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((line) => (
              <tr key={line.projectId} className={line.funded ? 'line-funded' : 'line-not-funded'}>
                <td className="number">{line.rank}</td>
                <th scope="row">
                  <Link to={`/budget/projects/${line.projectId}`}>{line.title}</Link>
                </th>
                <td className="number">
                  <span className="inline-meter" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (Number(line.costCents) / Math.max(1, budget)) * 100).toFixed(1)}%` }} />
                  </span>
                  {format.money(line.costCents)}
                </td>
                <td>
                  <Outcome rule={result.rule} line={line} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="result-cards narrow-only" aria-labelledby={`${headingId}-caption`}>
        {result.lines.map((line) => (
          <li key={line.projectId} className={line.funded ? 'line-funded' : 'line-not-funded'}>
            <span className="visually-hidden">{t('budget.results.rank')} </span>
            {line.rank}. <Link to={`/budget/projects/${line.projectId}`}>{line.title}</Link> — {format.money(line.costCents)}
            <br />
            <Outcome rule={result.rule} line={line} />
          </li>
        ))}
      </ol>
      {result.rounds.length > 0 ? (
        <details className="exact-figures">
          <summary>{t('budget.results.rounds', { name: envelope.name })}</summary>
          <p className="table-title" id={`${headingId}-rounds`}>
            {t('budget.results.roundsCaption', { name: envelope.name })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${headingId}-rounds`}>
            <table aria-labelledby={`${headingId}-rounds`}>
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t('budget.results.round')}
                  </th>
                  <th scope="col">{t('budget.results.project')}</th>
                  <th scope="col" className="number">
                    {t('budget.results.approvals')}
                  </th>
                  <th scope="col" className="number">
                    {t('budget.results.share')}
                  </th>
                  <th scope="col">{t('budget.results.payers')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rounds.map((round, index) => {
                  const share = shareOf(round.share);
                  return (
                    <tr key={round.projectId}>
                      <td className="number">{index + 1}</td>
                      <th scope="row">{titles.get(round.projectId) ?? round.projectId}</th>
                      <td className="number">{format.number(round.approvals)}</td>
                      <td className="number">{(share.exact ? '' : '≈ ') + format.money(Math.round(share.cents))}</td>
                      <td>{t('budget.results.payersText', { paidShare: format.number(round.paidShare), paidAll: format.number(round.paidAllTheyHad), byThem: format.money(Math.round(shareOf(round.paidByThem).cents)) })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

/** Funded (and by which rule), or why not: "does not fit: €X left", or its supporters' shares could not pay for it. */
function Outcome({ rule, line }: { rule: EnvelopeResult['rule']; line: EnvelopeResult['lines'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (line.funded) return <strong>{rule === 'equal-shares' ? t(`budget.results.fundedBy.${line.by ?? 'greedy'}`) : t('budget.results.fundedLine')}</strong>;
  return <span>{line.leftBeforeCents !== null ? t('budget.results.doesNotFit', { left: format.money(line.leftBeforeCents) }) : t('budget.results.notAffordable')}</span>;
}
