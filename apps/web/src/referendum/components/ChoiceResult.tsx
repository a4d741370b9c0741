import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { useFormat } from '../../app/i18n/useFormat';
import { ProgressMeter } from '../../ui/ProgressMeter';
import '../i18n/messages';

/** A yes/no or single-choice outcome: each option's votes drawn as its share of the votes cast, blank ballots apart. */
export function ChoiceResult({ outcome }: { outcome: Schemas['QuestionOutcomeDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="choice-result">
      <ul className="choice-bars">
        {(outcome.options ?? []).map((option) => (
          <li key={option.label}>
            <p className="choice-label">{option.label}</p>
            <ProgressMeter value={option.share} max={1}>
              {t('referendum.results.optionVotes', { share: format.percent(option.share), votes: format.number(option.votes), count: option.votes })}
            </ProgressMeter>
          </li>
        ))}
      </ul>
      <p className="meta">{t('referendum.results.ballotsAndBlank', { ballots: format.number(outcome.ballots), blank: format.number(outcome.blank ?? 0) })}</p>
    </div>
  );
}
