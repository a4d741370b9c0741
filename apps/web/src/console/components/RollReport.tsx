import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import '../i18n/messages';

const SHOWN = 20;

/**
 * What an import of the roll did or would do: valid rows, rejected rows each with what is wrong
 * (in the person's language, from the API's codes), and the difference with the current roll.
 */
export function RollReport({ report, rejectedOnly }: { report?: Schemas['RollImportReportDto']; rejectedOnly?: { rejected: Schemas['RejectedRowDto'][]; rejectedCount: number } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rejected = report?.rejected ?? rejectedOnly?.rejected ?? [];
  const rejectedCount = report?.rejectedCount ?? rejectedOnly?.rejectedCount ?? 0;
  return (
    <div className="roll-report">
      {report !== undefined ? (
        <p role="status">
          {report.dryRun ? t('console.roll.dryRunDone', { count: report.imported, rows: format.number(report.imported) }) : t('console.roll.imported', { count: report.imported, rows: format.number(report.imported) })}
        </p>
      ) : null}
      {rejected.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="rejected-caption" tabIndex={0}>
          <table>
            <caption id="rejected-caption">{t('console.roll.rejected', { count: rejectedCount, rows: format.number(rejectedCount) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="number">
                  {t('console.roll.line')}
                </th>
                <th scope="col">{t('console.roll.identifier')}</th>
                <th scope="col">{t('console.roll.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((row) => (
                <tr key={row.row}>
                  <th scope="row" className="number">
                    {row.row}
                  </th>
                  <td>{row.externalId ?? '—'}</td>
                  <td>
                    <ul className="plain-list">
                      {(row.issues.length > 0 ? row.issues : row.problems.map(() => null)).map((issue, index) => (
                        <li key={index}>{issue === null ? <span lang="en">{row.problems[index]}</span> : t(`console.roll.issues.${issue.code as 'identifier-empty'}`, { value: issue.value ?? '', firstRow: issue.firstRow ?? 0 })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report !== undefined ? (
        <div>
          <h3>{report.dryRun ? t('console.roll.diffDryRun') : t('console.roll.diff')}</h3>
          <ul>
            <li>{t('console.roll.added', { count: report.diff.added.length, rows: format.number(report.diff.added.length) })}</li>
            <li>{t('console.roll.removed', { count: report.diff.removed.length, rows: format.number(report.diff.removed.length) })}</li>
            <li>{t('console.roll.changed', { count: report.diff.changed.length, rows: format.number(report.diff.changed.length) })}</li>
            <li>{t('console.roll.unchanged', { count: report.diff.unchanged, rows: format.number(report.diff.unchanged) })}</li>
          </ul>
          {report.diff.changed.length > 0 ? (
            <details>
              <summary>{t('console.roll.changedDetails')}</summary>
              <ul>
                {report.diff.changed.slice(0, SHOWN).map((change) => (
                  <li key={change.externalId}>
                    {change.externalId} : {change.fields.map((field) => t(`console.roll.fields.${field as 'familyName'}`)).join(', ')}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <p className="hint">
            {t('console.roll.sha256')} <code className="digest">{report.sha256}</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
