import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { MajorityJudgmentBallot } from '../../ui/MajorityJudgmentBallot';
import type { BallotProgress } from '../utils/ballot';
import { SkippedRule } from './SkippedRule';

interface BallotStepProps {
  poll: Schemas['PollDto'];
  options: readonly Schemas['PollOptionDto'][];
  chosen: ReadonlyMap<string, number>;
  onChoose: (optionId: string, grade: number) => void;
  progress: BallotProgress;
  missing?: ReadonlySet<string>;
  onReview: () => void;
}

/** Grading every option, with the progress said as it changes, then on to the review. */
export function BallotStep({ poll, options, chosen, onChoose, progress, missing, onReview }: BallotStepProps) {
  const { t } = useTranslation();
  return (
    <form
      className="ballot-step"
      aria-labelledby="ballot-heading"
      onSubmit={(event) => {
        event.preventDefault();
        onReview();
      }}
    >
      <h2 id="ballot-heading" tabIndex={-1}>
        {t('voting.ballot.heading')}
      </h2>
      <p>{t('voting.ballot.instructions')}</p>
      <SkippedRule poll={poll} />
      <MajorityJudgmentBallot options={options} grades={poll.grades} chosen={chosen} onChoose={onChoose} missing={missing} name={`poll-${poll.id}`} />
      <div className="ballot-footer">
        <p role="status" className="ballot-progress">
          {t('voting.ballot.progress', { count: progress.graded, total: progress.total })}
        </p>
        <button type="submit" className="primary">
          {t('voting.ballot.review')}
        </button>
      </div>
    </form>
  );
}
