import { useTranslation } from '../../app/i18n/i18n';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { RankingChart } from '../../ui/RankingChart';
import { TimeText } from '../../ui/TimeText';
import { BulletinBoard } from '../components/BulletinBoard';
import { TurnoutLine } from '../components/TurnoutLine';
import { usePoll, usePollResults, usePollTurnout } from '../hooks/polls';

/** A poll's results: turnout only while open; after the close the ranking with merit profiles and the bulletin board. */
export function PollResultsPage() {
  const { pollId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const poll = usePoll(pollId);
  const turnout = usePollTurnout(pollId);
  const counted = poll.data?.status === 'closed' || poll.data?.status === 'published';
  const results = usePollResults(pollId, counted);

  if (poll.data === undefined) return <PageFallback title={poll.error ? t('voting.poll.unavailable') : t('voting.results.loading')} error={poll.error} />;
  const data = poll.data;
  const labels = new Map((data.options ?? []).map((option) => [option.id, option.label]));

  return (
    <>
      <PageTitle title={t('voting.results.title', { title: data.title })} />
      {turnout.data !== undefined ? <TurnoutLine turnout={turnout.data} /> : null}
      {!counted ? (
        <Notice>
          <p>{t('voting.results.notYet')}</p>
          {data.closesAt !== undefined ? (
            <p>
              {t('votes.closesOn')} <TimeText iso={data.closesAt} />
            </p>
          ) : null}
          {data.status === 'open' ? (
            <p>
              <Link to={`/polls/${data.id}`}>{t('voting.results.goVote')}</Link>
            </p>
          ) : null}
        </Notice>
      ) : results.error ? (
        <ErrorMessage error={results.error} />
      ) : results.data === undefined ? (
        <Loading />
      ) : (
        <>
          <p className="meta">
            {data.closedAt !== undefined ? (
              <>
                {t('votes.closedOn')} <TimeText iso={data.closedAt} />.{' '}
              </>
            ) : null}
            {t('voting.results.ballots', { count: results.data.ballots, formatted: format.number(results.data.ballots) })}
          </p>
          <section aria-labelledby="ranking-heading" className="section">
            <h2 id="ranking-heading">{t('voting.results.ranking')}</h2>
            <RankingChart ranking={results.data.ranking} labelOf={(option) => labels.get(option) ?? option} caption={t('voting.results.tableCaption', { title: data.title })} />
          </section>
          <BulletinBoard pollId={data.id} digest={results.data.bulletinBoardDigest} />
        </>
      )}
    </>
  );
}
