import type { ApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import { poolProblem } from '../utils/pool-errors';
import '../i18n/messages';

/**
 * Why a pool was refused, where it helps most: the file, row and column of an unreadable CSV, or,
 * for quotas no panel can meet, the smallest relaxation that makes a draw possible (from the
 * server's computation), each change in words. The server's own description follows, in English.
 */
export function PoolUploadError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const problem = poolProblem(error);
  return (
    <div role="alert" className="notice notice-error">
      {problem.kind === 'csv' ? (
        <>
          <p>
            {problem.row === undefined
              ? t('console.poolError.file', { file: problem.file })
              : problem.column === undefined
                ? t('console.poolError.row', { file: problem.file, row: problem.row })
                : t('console.poolError.cell', { file: problem.file, row: problem.row, column: problem.column })}
          </p>
          <p className="hint">
            {t('console.poolError.details')} <span lang="en">{error.message}</span>
          </p>
          <p>{t('console.poolError.fixCsv')}</p>
        </>
      ) : (
        <>
          <p>{t('console.poolError.infeasible')}</p>
          {problem.relaxation.length > 0 ? (
            <>
              <p>{t('console.poolError.relaxation')}</p>
              <ul>
                {problem.relaxation.map((change) => (
                  <li key={`${change.category}\u0000${change.value}\u0000${change.bound}`}>
                    {t(change.bound === 'minimum' ? 'console.poolError.lowerMin' : 'console.poolError.raiseMax', { category: change.category, value: change.value, from: change.from, to: change.to })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {problem.issues.length > 0 ? (
            <>
              <p>{t('console.poolError.issues')}</p>
              <ul lang="en">
                {problem.issues.map((issue) => (
                  <li key={issue}>{issue}</li>
                ))}
              </ul>
            </>
          ) : null}
          {problem.impossible !== undefined ? <p lang="en">{problem.impossible}</p> : null}
          <p>{t('console.poolError.fixQuotas')}</p>
        </>
      )}
    </div>
  );
}
