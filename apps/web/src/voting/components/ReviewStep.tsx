import type { ReactNode } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';

interface ReviewStepProps {
  poll: Schemas['PollDto'];
  options: readonly Schemas['PollOptionDto'][];
  chosen: ReadonlyMap<string, number>;
  onEdit: () => void;
  onVote: () => void;
  pending: boolean;
  /** Replacing an earlier ballot with the receipt. */
  replacing: boolean;
  error?: ReactNode;
}

/** Every option with the grade given (or what an ungraded one counts as), then Vote. */
export function ReviewStep({ poll, options, chosen, onEdit, onVote, pending, replacing, error }: ReviewStepProps) {
  const { t } = useTranslation();
  const ungraded = poll.skipped === 'worst' ? t('voting.review.ungradedWorst', { worst: poll.grades[0] }) : t('voting.review.ungradedMedian');
  return (
    <section className="review-step" aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1}>
        {t('voting.review.heading')}
      </h2>
      <p>{t('voting.review.intro')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="review-heading">
        <table className="review-table">
          <thead>
            <tr>
              <th scope="col">{t('voting.review.option')}</th>
              <th scope="col">{t('voting.review.grade')}</th>
            </tr>
          </thead>
          <tbody>
            {options.map((option) => {
              const grade = chosen.get(option.id);
              return (
                <tr key={option.id}>
                  <th scope="row">{option.label}</th>
                  <td>{grade === undefined ? <em>{ungraded}</em> : poll.grades[grade]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error}
      <div className="actions">
        <button type="button" onClick={onEdit} disabled={pending}>
          {t('voting.review.edit')}
        </button>
        <button type="button" className="primary" onClick={onVote} disabled={pending} aria-describedby="vote-final">
          {pending ? t('voting.review.sending') : replacing ? t('voting.review.replace') : t('voting.review.vote')}
        </button>
      </div>
      <p className="hint" id="vote-final">
        {poll.revote === 'until-close' ? t('voting.review.finalUntilClose') : t('voting.review.final')}
      </p>
    </section>
  );
}
