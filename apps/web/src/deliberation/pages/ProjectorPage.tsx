import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { RankingChart } from '../../ui/RankingChart';
import { usePollResults } from '../../voting/hooks/polls';
import { Countdown } from '../components/Countdown';
import { usePolledRoom, usePolledVotes, useSessionAgenda } from '../hooks/sessions';
import { clockOffset } from '../utils/countdown';
import { currentVote } from '../utils/room-events';
import '../i18n/messages';

/**
 * The room on a projector, read-only and in large type: the current item, the speaker and their
 * time, the next three in the queue, the last vote's result. It reads the room without joining it
 * (no presence), once a second.
 */
export function ProjectorPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const agenda = useSessionAgenda(sessionId);
  const polled = usePolledRoom(sessionId);
  const votes = usePolledVotes(sessionId);
  const [offsetMs, setOffsetMs] = useState(0);
  const serverTime = polled.data?.room.serverTime;
  useEffect(() => {
    if (serverTime !== undefined) setOffsetMs(clockOffset(serverTime, Date.now(), Date.now()));
  }, [serverTime]);
  const vote = currentVote(votes.data ?? []);
  const lastClosed = [...(votes.data ?? [])].reverse().find((candidate) => candidate.status !== 'open');
  const results = usePollResults(lastClosed?.pollId ?? '', lastClosed !== undefined);

  if (agenda.data === undefined || polled.data === undefined) return <PageFallback title={t('room.projector.title')} error={agenda.error ?? polled.error} />;
  const room = polled.data.room;
  const labels = new Map((lastClosed?.options ?? []).map((option) => [option.id, option.label]));

  const fullScreen = (): void => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <div className="projector">
      <PageTitle title={agenda.data.session.title} />
      <p className="projector-tools">
        <button type="button" onClick={fullScreen}>
          {t('room.projector.fullScreen')}
        </button>{' '}
        <Link to={`/sessions/${sessionId}`}>{t('room.projector.back')}</Link>
      </p>
      <section aria-labelledby="projector-item">
        <h2 id="projector-item">{room.currentItem === null ? t(`room.status.${room.status}`) : room.currentItem.title}</h2>
        {room.currentItem !== null && (room.currentItem.endsAt !== null || room.currentItem.remainingMs !== null) ? (
          <Countdown endsAt={room.currentItem.endsAt} frozenMs={room.currentItem.remainingMs} offsetMs={offsetMs} warningSeconds={room.settings.warningSeconds} label={t('room.agenda.timeLeft')} />
        ) : null}
      </section>
      <section aria-labelledby="projector-floor" className="projector-floor">
        <h2 id="projector-floor">{t('room.floor.heading')}</h2>
        {room.floor === null ? (
          <p className="projector-speaker">{t('room.floor.nobody')}</p>
        ) : (
          <>
            <p className="projector-speaker">{room.floor.name ?? t('room.member')}</p>
            <Countdown endsAt={room.floor.endsAt} frozenMs={room.floor.remainingMs} offsetMs={offsetMs} warningSeconds={room.settings.warningSeconds} label={t('room.floor.timeLeft')} large />
          </>
        )}
      </section>
      <section aria-labelledby="projector-queue">
        <h2 id="projector-queue">{t('room.projector.next')}</h2>
        {room.queue.length === 0 ? (
          <p>{t('room.queue.empty')}</p>
        ) : (
          <ol className="projector-queue">
            {room.queue.slice(0, 3).map((entry) => (
              <li key={entry.accountId}>{entry.name ?? t('room.member')}</li>
            ))}
          </ol>
        )}
      </section>
      {vote?.status === 'open' ? (
        <section aria-labelledby="projector-vote">
          <h2 id="projector-vote">{t('room.vote.openHeading', { title: vote.title })}</h2>
        </section>
      ) : null}
      {lastClosed !== undefined && results.data !== undefined ? (
        <section aria-labelledby="projector-result">
          <h2 id="projector-result">{t('room.vote.closedHeading', { title: lastClosed.title })}</h2>
          <RankingChart ranking={results.data.ranking} labelOf={(option) => labels.get(option) ?? option} caption={t('room.vote.resultsOf', { title: lastClosed.title })} />
        </section>
      ) : null}
    </div>
  );
}
