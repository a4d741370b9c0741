import { useTranslation } from '../app/i18n/i18n';
import type { Schemas } from '../app/api/client';
import { useFormat } from '../app/i18n/useFormat';
import { countValue } from '../voting/utils/merit-profile';
import { GradeLegend } from './GradeLegend';
import { MeritProfileBar } from './MeritProfileBar';

/**
 * A majority-judgment result: the ranking, best first, each option with its merit profile drawn
 * and its majority grade named; then every exact count in a table (the chart's text alternative).
 * `labelOf` names an option (polls rank option ids; referendum questions rank labels).
 */
export function RankingChart({ ranking, labelOf, caption }: { ranking: Schemas['RankingDto']; labelOf: (option: string) => string; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const grades = ranking.grades;
  return (
    <div className="ranking">
      <GradeLegend grades={grades} />
      <p className="hint">{t('voting.results.howToRead')}</p>
      <ol className={ranking.ranking.length > 40 ? 'ranking-list ranking-list-long' : 'ranking-list'} aria-label={caption}>
        {ranking.ranking.map((entry) => (
          <li key={entry.option} className="ranking-item">
            <p className="ranking-head">
              <span className="ranking-rank">{t('voting.results.rank', { count: entry.rank, ordinal: true })}</span> <span className="ranking-option">{labelOf(entry.option)}</span>
            </p>
            <MeritProfileBar profile={entry.meritProfile} grades={grades} optionLabel={labelOf(entry.option)} />
            <p className="ranking-grade">
              {t('voting.results.majorityGrade')} <strong>{entry.majorityGradeLabel}</strong>
            </p>
          </li>
        ))}
      </ol>
      <details className="exact-figures">
        <summary>{t('voting.results.exactFigures')}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('voting.results.exactFigures')}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('voting.results.rankColumn')}</th>
                <th scope="col">{t('voting.results.optionColumn')}</th>
                <th scope="col">{t('voting.results.majorityGradeColumn')}</th>
                {grades.map((grade) => (
                  <th scope="col" key={grade}>
                    {grade}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ranking.ranking.map((entry) => (
                <tr key={entry.option}>
                  <td>{entry.rank}</td>
                  <th scope="row">{labelOf(entry.option)}</th>
                  <td>{entry.majorityGradeLabel}</td>
                  {entry.meritProfile.map((count, grade) => (
                    <td key={grades[grade]}>{format.number(countValue(count))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
