import { forwardRef } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';

const SHOWN = 10;

/**
 * After a refused review: which options are still to grade, as links to each (the first ten),
 * announced and focused so the person knows at once what to do.
 */
export const MissingSummary = forwardRef<HTMLDivElement, { missing: readonly Schemas['PollOptionDto'][]; ballotName: string }>(function MissingSummary({ missing, ballotName }, ref) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="missing-title">
      <h2 id="missing-title">{t('voting.ballot.missingTitle', { count: missing.length })}</h2>
      <ul>
        {missing.slice(0, SHOWN).map((option) => (
          <li key={option.id}>
            <a href={`#${ballotName}-${option.id}-fieldset`}>{option.label}</a>
          </li>
        ))}
      </ul>
      {missing.length > SHOWN ? <p>{t('voting.ballot.missingMore', { count: missing.length - SHOWN })}</p> : null}
    </div>
  );
});
