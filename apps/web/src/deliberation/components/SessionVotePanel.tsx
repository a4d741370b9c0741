import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { MajorityJudgmentBallot } from '../../ui/MajorityJudgmentBallot';
import { RankingChart } from '../../ui/RankingChart';
import { ReceiptPanel } from '../../ui/ReceiptPanel';
import { useCastBallot, useParticipation, usePollResults } from '../../voting/hooks/polls';
import { ballotGrades, ballotProgress } from '../../voting/utils/ballot';
import type { Role } from '../hooks/useSessionRoom';
import type { SessionVote } from '../utils/room-events';
import '../i18n/messages';

/**
 * A vote in session: members grade the options on the ballot of the residents' polls (same ballot
 * box, same receipts); everyone sees the turnout; when the chair closes it, the ranking with its
 * merit profiles.
 */
export function SessionVotePanel({ vote, role }: { vote: SessionVote; role: Role | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = vote.status === 'open';
  const participation = useParticipation(vote.pollId, open && role !== null && role !== 'observer');
  const results = usePollResults(vote.pollId, !open && vote.ranking === undefined);
  const cast = useCastBallot(vote.pollId);
  const [chosen, setChosen] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [receipt, setReceipt] = useState<string | null>(null);
  const progress = ballotProgress(
    vote.options.map((option) => option.id),
    chosen,
  );
  const labels = new Map(vote.options.map((option) => [option.id, option.label]));
  const ranking = vote.ranking ?? results.data?.ranking;

  let body;
  if (!open) {
    body = ranking === undefined ? results.error ? <ErrorMessage error={results.error} /> : <Loading /> : <RankingChart ranking={ranking} labelOf={(option) => labels.get(option) ?? option} caption={t('room.vote.resultsOf', { title: vote.title })} />;
  } else if (receipt !== null) {
    body = <ReceiptPanel receipt={receipt} voteTitle={vote.title} checkUrl={`/verify?poll=${vote.pollId}`} fileName={`pnyx-receipt-${vote.pollId.slice(0, 8)}.txt`} />;
  } else if (role === null || role === 'observer') {
    body = <p>{t('room.vote.observers')}</p>;
  } else if (participation.data === undefined) {
    body = participation.error ? <ErrorMessage error={participation.error} /> : <Loading />;
  } else if (!participation.data.eligible) {
    body = <p>{t('room.vote.notEligible')}</p>;
  } else if (participation.data.voted) {
    body = <p className="notice notice-success">{t('room.vote.voted')}</p>;
  } else {
    body = (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          cast.mutate({ grades: ballotGrades(chosen) }, { onSuccess: (outcome) => setReceipt(outcome.receipt) });
        }}
      >
        <p>{t('voting.ballot.ruleRefuse')}</p>
        <MajorityJudgmentBallot options={vote.options} grades={vote.grades} chosen={chosen} onChoose={(id, grade) => setChosen((previous) => new Map(previous).set(id, grade))} name={`vote-${vote.pollId}`} />
        <p role="status" className="ballot-progress">
          {t('voting.ballot.progress', { count: progress.graded, total: progress.total })}
        </p>
        {cast.error ? <ErrorMessage error={cast.error} /> : null}
        <button type="submit" className="primary" disabled={progress.missing.length > 0 || cast.isPending}>
          {t('voting.review.vote')}
        </button>
      </form>
    );
  }

  return (
    <section aria-labelledby="vote-heading" className="panel vote-panel">
      <h2 id="vote-heading">{open ? t('room.vote.openHeading', { title: vote.title }) : t('room.vote.closedHeading', { title: vote.title })}</h2>
      {vote.turnout !== undefined && open ? (
        <p className="turnout">
          {vote.turnout.eligible === null
            ? t('voting.turnout.voted', { count: vote.turnout.participants, formatted: format.number(vote.turnout.participants) })
            : t('room.vote.turnout', { participants: format.number(vote.turnout.participants), eligible: format.number(vote.turnout.eligible) })}
        </p>
      ) : null}
      {!open && (vote.ballots ?? results.data?.ballots) !== undefined ? <p className="meta">{t('voting.results.ballots', { count: vote.ballots ?? results.data?.ballots ?? 0, formatted: format.number(vote.ballots ?? results.data?.ballots ?? 0) })}</p> : null}
      {body}
    </section>
  );
}
