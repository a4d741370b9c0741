import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import '../i18n/messages';

/**
 * Polling stations with their electors, paper votes, officers, and where each count's double
 * entry stands (mismatches name the questions, never the figures).
 */
export function StationTable({ questions, stations, onRemoveOfficer }: { questions: readonly Schemas['QuestionDto'][]; stations: readonly Schemas['StationDto'][]; onRemoveOfficer?: (accountId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const questionName = (id: string): string => {
    const question = questions.find((q) => q.id === id);
    return question === undefined ? id : t('console.stations.questionNumber', { number: question.position + 1 });
  };
  return (
    <div className="table-scroll" role="region" aria-labelledby="stations-caption" tabIndex={0}>
      <table>
        <caption id="stations-caption">{t('console.stations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.stations.station')}</th>
            <th scope="col">{t('console.stations.district')}</th>
            <th scope="col" className="number">
              {t('console.referendums.electors')}
            </th>
            <th scope="col" className="number">
              {t('console.stations.paperVotes')}
            </th>
            <th scope="col">{t('console.stations.officers')}</th>
            <th scope="col">{t('console.stations.count')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.pollingStation}>
              <th scope="row">{station.pollingStation}</th>
              <td>{station.district}</td>
              <td className="number">{format.number(station.electors)}</td>
              <td className="number">{format.number(station.paperVotes)}</td>
              <td>
                {station.officers.length === 0 ? (
                  <span className="meta">{t('console.stations.noOfficer')}</span>
                ) : (
                  <ul className="plain-list">
                    {station.officers.map((officer) => (
                      <li key={officer.accountId}>
                        {officer.displayName}
                        {officer.email !== undefined ? <span className="meta"> ({officer.email})</span> : null}
                        {onRemoveOfficer !== undefined ? (
                          <>
                            {' '}
                            <button type="button" className="small link-button" onClick={() => onRemoveOfficer(officer.accountId)}>
                              {t('console.stations.remove', { name: officer.displayName })}
                            </button>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {t(`console.stations.status.${station.count.status as 'none'}`)}
                {station.count.status === 'mismatch' && station.count.differences !== undefined ? <span> — {station.count.differences.map(questionName).join(', ')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
