import type { ApiError } from '../../app/api/errors';
import { useTranslation } from '../../app/i18n/i18n';
import '../i18n/messages';

interface ListProblems {
  file?: string;
  problemCount?: number;
  problems?: Array<{ line: number; column?: string; problem: string }>;
}

/** Why a source list was refused: its problems by line (the first hundred), then what to do. */
export function SourceListError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const details = (error.details ?? {}) as ListProblems;
  const problems = details.problems ?? [];
  return (
    <div role="alert" className="notice notice-error">
      <p>{problems.length === 0 ? t('console.recruitment.listRefused', { file: details.file ?? '' }) : t('console.recruitment.listProblems', { file: details.file ?? '', count: details.problemCount ?? problems.length })}</p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.line}\u0000${problem.column ?? ''}\u0000${problem.problem}`}>
              {problem.column === undefined ? t('console.recruitment.problemLine', { line: problem.line }) : t('console.recruitment.problemCell', { line: problem.line, column: problem.column })}{' '}
              <span lang="en">{problem.problem}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">
          {t('console.poolError.details')} <span lang="en">{error.message}</span>
        </p>
      )}
      {(details.problemCount ?? 0) > problems.length ? <p>{t('console.recruitment.moreProblems', { count: (details.problemCount ?? 0) - problems.length })}</p> : null}
      <p>{t('console.recruitment.fixList')}</p>
    </div>
  );
}
