import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError, NetworkError } from '../../app/api/errors';
import { useSession } from '../../app/auth/useSession';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ReceiptPanel } from '../../ui/ReceiptPanel';
import { TimeText } from '../../ui/TimeText';
import { BallotStep } from '../components/BallotStep';
import { MissingSummary } from '../components/MissingSummary';
import { ReviewStep } from '../components/ReviewStep';
import { RevoteForm } from '../components/RevoteForm';
import { TurnoutLine } from '../components/TurnoutLine';
import { useCastBallot, useParticipation, usePoll, usePollTurnout } from '../hooks/polls';
import { ballotGrades, ballotProgress, canSubmit } from '../utils/ballot';

type Step = { kind: 'ballot' } | { kind: 'review' } | { kind: 'receipt'; receipt: string; replaced: boolean };

/** A poll: its turnout, and for those who may vote, the ballot → review → receipt. */
export function PollPage() {
  const { pollId = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const poll = usePoll(pollId);
  const turnout = usePollTurnout(pollId);
  const open = poll.data?.status === 'open';
  // Asked at once, beside the poll (not after it): whether you have voted is what the ballot waits for.
  const participation = useParticipation(pollId, session.status === 'signed-in' && (poll.data === undefined || open));
  const cast = useCastBallot(pollId);

  const [step, setStep] = useState<Step>({ kind: 'ballot' });
  const [chosen, setChosen] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [missing, setMissing] = useState<ReadonlySet<string> | undefined>(undefined);
  const [revoteReceipt, setRevoteReceipt] = useState<string | null>(null);
  /** Refused reviews so far: each one moves focus to the list of what is missing. */
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const options = useMemo(() => poll.data?.options ?? [], [poll.data]);
  const progress = useMemo(
    () =>
      ballotProgress(
        options.map((option) => option.id),
        chosen,
      ),
    [options, chosen],
  );
  const onChoose = useCallback((optionId: string, grade: number) => {
    setChosen((previous) => new Map(previous).set(optionId, grade));
    setMissing((previous) => {
      if (previous === undefined || !previous.has(optionId)) return previous;
      const next = new Set(previous);
      next.delete(optionId);
      return next;
    });
  }, []);

  // Each step moves focus to its heading; a refused review, to the list of what is missing.
  useEffect(() => {
    if (step.kind === 'review') document.getElementById('review-heading')?.focus();
    else if (step.kind === 'receipt') document.getElementById('receipt-heading')?.focus();
  }, [step.kind]);
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  if (poll.data === undefined) return <PageFallback title={poll.error ? t('voting.poll.unavailable') : t('voting.poll.loading')} error={poll.error} />;
  const data = poll.data;

  const review = (): void => {
    if (!canSubmit(progress, data.skipped)) {
      setMissing(new Set(progress.graded === 0 ? options.map((option) => option.id) : progress.missing));
      setRefusals((count) => count + 1);
      return;
    }
    setMissing(undefined);
    setStep({ kind: 'review' });
  };

  const vote = (): void => {
    cast.mutate(
      { grades: ballotGrades(chosen), ...(revoteReceipt === null ? {} : { receipt: revoteReceipt }) },
      {
        onSuccess: (outcome) => setStep({ kind: 'receipt', receipt: outcome.receipt, replaced: outcome.replaced }),
        onError: (error) => {
          if (isApiError(error, 'BALLOT_INCOMPLETE')) {
            const ids = (error.details as { missingOptionIds?: string[] } | undefined)?.missingOptionIds ?? progress.missing;
            setMissing(new Set(ids));
            setStep({ kind: 'ballot' });
            setRefusals((count) => count + 1);
          }
        },
      },
    );
  };

  let body: ReactNode;
  if (step.kind === 'receipt') {
    body = (
      <>
        <Notice kind="success">
          <p>{step.replaced ? t('voting.receipt.replaced') : t('voting.receipt.recorded')}</p>
        </Notice>
        <ReceiptPanel receipt={step.receipt} voteTitle={data.title} checkUrl={`/verify?poll=${data.id}`} fileName={`pnyx-receipt-${data.id.slice(0, 8)}.txt`} />
        <p>
          <Link to={`/polls/${data.id}/results`}>{t('voting.receipt.resultsLink')}</Link>
        </p>
      </>
    );
  } else if (data.status === 'draft') {
    body = (
      <Notice>
        <p>
          {t('voting.poll.notOpenYet')}
          {data.opensAt !== undefined ? (
            <>
              {' '}
              {t('voting.poll.opensOn')} <TimeText iso={data.opensAt} />
            </>
          ) : null}
        </p>
      </Notice>
    );
  } else if (!open) {
    body = (
      <Notice>
        <p>{t('voting.poll.closed')}</p>
        <p>
          <Link to={`/polls/${data.id}/results`}>{t('voting.poll.seeResults')}</Link>
        </p>
      </Notice>
    );
  } else if (data.opensAt !== undefined && Date.parse(data.opensAt) > Date.now()) {
    body = (
      <Notice>
        <p>
          {t('voting.poll.opensOn')} <TimeText iso={data.opensAt} />
        </p>
      </Notice>
    );
  } else if (session.status === 'restoring' || (session.status === 'signed-in' && participation.data === undefined && participation.error === null)) {
    body = <Loading />;
  } else if (session.status === 'signed-out') {
    const next = encodeURIComponent(location.pathname);
    body = (
      <Notice>
        <p>{t('voting.poll.signInToVote')}</p>
        <p className="actions">
          <Link className="button primary" to={`/signin?next=${next}`}>
            {t('app.account.signIn')}
          </Link>
          <Link className="button" to={`/signup?next=${next}`}>
            {t('app.account.signUp')}
          </Link>
        </p>
      </Notice>
    );
  } else if (participation.error) {
    body = <ErrorMessage error={participation.error} />;
  } else if (participation.data?.eligible === false) {
    body = (
      <Notice kind="warning">
        <p>{data.audience === 'assembly' ? t('voting.poll.membersOnly') : t('voting.poll.residentsOnly')}</p>
      </Notice>
    );
  } else if (participation.data?.voted === true && revoteReceipt === null) {
    body = (
      <>
        <Notice kind="success">
          <p>{t('voting.poll.alreadyVoted')}</p>
          <p>
            <Link to={`/verify?poll=${data.id}`}>{t('voting.poll.checkReceipt')}</Link>
          </p>
        </Notice>
        {data.revote === 'until-close' ? <RevoteForm onStart={setRevoteReceipt} /> : null}
      </>
    );
  } else if (step.kind === 'review') {
    body = (
      <ReviewStep
        poll={data}
        options={options}
        chosen={chosen}
        onEdit={() => setStep({ kind: 'ballot' })}
        onVote={vote}
        pending={cast.isPending}
        replacing={revoteReceipt !== null}
        error={cast.error ? <ErrorMessage error={cast.error}>{cast.error instanceof NetworkError ? <p>{t('voting.review.networkUnknown')}</p> : null}</ErrorMessage> : null}
      />
    );
  } else {
    const missingOptions = missing === undefined ? [] : options.filter((option) => missing.has(option.id));
    body = (
      <>
        {missingOptions.length > 0 ? <MissingSummary ref={summary} missing={missingOptions} ballotName={`poll-${data.id}`} /> : null}
        <BallotStep poll={data} options={options} chosen={chosen} onChoose={onChoose} progress={progress} missing={missing} onReview={review} />
      </>
    );
  }

  return (
    <>
      <PageTitle title={data.title} />
      {data.description !== '' ? <p className="lead">{data.description}</p> : null}
      <p className="meta">
        {data.closesAt !== undefined && open ? (
          <>
            {t('votes.closesOn')} <TimeText iso={data.closesAt} />
          </>
        ) : null}
      </p>
      {turnout.data !== undefined ? <TurnoutLine turnout={turnout.data} /> : null}
      {body}
    </>
  );
}
