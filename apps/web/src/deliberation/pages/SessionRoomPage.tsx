import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ApiError } from '../../app/api/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { AgendaPanel } from '../components/AgendaPanel';
import { ChairPanel } from '../components/ChairPanel';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { FloorPanel } from '../components/FloorPanel';
import { GroupPanel } from '../components/GroupPanel';
import { LiveAnnouncer } from '../components/LiveAnnouncer';
import { MessagesPanel } from '../components/MessagesPanel';
import { PresencePanel } from '../components/PresencePanel';
import { QueuePanel } from '../components/QueuePanel';
import { SessionVotePanel } from '../components/SessionVotePanel';
import { WorkshopsPanel } from '../components/WorkshopsPanel';
import { useMessageWindow, useRoomSnapshot, useSessionAgenda, useSessionVotes } from '../hooks/sessions';
import { useSessionRoom } from '../hooks/useSessionRoom';
import { currentVote } from '../utils/room-events';
import '../i18n/messages';

/** The live room of a session: for its members, its chair, and signed-in observers of public sessions. */
export function SessionRoomPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const agenda = useSessionAgenda(sessionId);

  if (agenda.data === undefined) return <PageFallback title={agenda.error ? t('room.unavailable') : t('room.loading')} error={agenda.error} />;
  if (session.status === 'restoring') return <PageFallback title={agenda.data.session.title} error={null} />;
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={agenda.data.session.title} />
        <Notice>
          <p>{agenda.data.session.visibility === 'public' ? t('room.signInPublic') : t('room.signInMembers')}</p>
          <p className="actions">
            <Link className="button primary" to={`/signin?next=${encodeURIComponent(location.pathname)}`}>
              {t('app.account.signIn')}
            </Link>
            {agenda.data.session.visibility === 'public' ? <Link to={`/sessions/${sessionId}/projector`}>{t('room.projectorLink')}</Link> : null}
          </p>
        </Notice>
      </>
    );
  }
  return <LiveRoom sessionId={sessionId} title={agenda.data.session.title} scheduledAt={agenda.data.session.scheduledAt} me={session.account?.id ?? null} />;
}

function LiveRoom({ sessionId, title, scheduledAt, me }: { sessionId: string; title: string; scheduledAt: string; me: string | null }) {
  const { t } = useTranslation();
  const room = useSessionRoom(sessionId, me);
  const snapshot = useRoomSnapshot(sessionId);
  const itemIndex = snapshot.data?.room.currentItem?.index ?? null;
  const messages = useMessageWindow(sessionId, itemIndex);
  const votes = useSessionVotes(sessionId);
  const live = room.status === 'live';
  const view = snapshot.data?.room;
  const vote = currentVote(votes.data ?? []);
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // A member in a workshop lands in their group (on joining, and when the chair splits the room), unless they asked for the plenary.
  const myGroup = room.role === 'chair' ? undefined : view?.breakout?.groups.find((group) => group.members.some((member) => member.accountId === me));
  const stayInPlenary = search.has('plenary');
  useEffect(() => {
    if (myGroup !== undefined && !stayInPlenary) void navigate(`/sessions/${myGroup.sessionId}`);
  }, [myGroup, stayInPlenary, navigate]);

  return (
    <>
      <PageTitle title={title} />
      <p className="meta">
        <TimeText iso={scheduledAt} /> · {view === undefined ? '' : t(`room.status.${view.status}`)}
        {room.role !== null ? ` · ${t(`room.role.${room.role}`)}` : ''}
      </p>
      <p className="meta">
        <Link to={`/sessions/${sessionId}/projector`}>{t('room.projectorLink')}</Link> · <Link to={`/sessions/${sessionId}/minutes`}>{t('room.minutesLink')}</Link>
      </p>
      <ConnectionBanner status={room.status} />
      <LiveAnnouncer announcement={room.announcement} />
      {room.status === 'refused' && room.refusal !== null ? (
        <ErrorMessage error={new ApiError(403, room.refusal.code, room.refusal.message)}>
          {room.refusal.code === 'SIGN_IN_AGAIN' ? (
            <p>
              <Link to={`/signin?next=${encodeURIComponent(`/sessions/${sessionId}`)}`}>{t('app.account.signIn')}</Link>
            </p>
          ) : null}
        </ErrorMessage>
      ) : view === undefined ? (
        <Loading label={t('room.joining')} />
      ) : (
        <div className="room-layout" aria-busy={!live}>
          <div className="room-main">
            {view.group !== null ? (
              <>
                <GroupPanel room={view} offsetMs={room.offsetMs} me={me} role={room.role} live={live} send={room.send} />
                <PlenaryPresence plenaryId={view.group.plenarySessionId} me={me} />
              </>
            ) : null}
            {myGroup !== undefined ? (
              <div className="notice" role="status">
                <p>
                  {t('room.workshops.youAreIn', { index: myGroup.index })} <Link to={`/sessions/${myGroup.sessionId}`}>{t('room.workshops.goToGroup')}</Link>
                </p>
              </div>
            ) : null}
            {/* Who speaks and who is next come first, on a phone too: raising a hand is the first thing a member does. */}
            <FloorPanel room={view} offsetMs={room.offsetMs} me={me} disabled={!live} send={room.send} />
            <QueuePanel room={view} me={me} role={room.role} live={live} send={room.send} />
            {vote !== undefined ? <SessionVotePanel key={vote.pollId} vote={vote} role={room.role} /> : null}
            <MessagesPanel room={view} window={messages.data} me={me} role={room.role} live={live} send={room.send} loadOlder={room.loadOlderMessages} followLatest={room.followLatestMessages} />
          </div>
          <div className="room-side">
            {room.role === 'chair' ? <ChairPanel room={view} votes={votes.data ?? []} me={me} live={live} send={room.send} /> : null}
            {room.role === 'chair' && view.group === null ? <WorkshopsPanel sessionId={sessionId} room={view} offsetMs={room.offsetMs} live={live} send={room.send} /> : null}
            <AgendaPanel room={view} offsetMs={room.offsetMs} />
            <PresencePanel room={view} me={me} />
          </div>
        </div>
      )}
    </>
  );
}

/** While in a workshop, the member stays present in the plenary too (remote attendance counts there). */
function PlenaryPresence({ plenaryId, me }: { plenaryId: string; me: string | null }) {
  useSessionRoom(plenaryId, me);
  return null;
}
