import { useEffect } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useRoomAction } from '../hooks/useRoomAction';
import type { Role, SessionRoom } from '../hooks/useSessionRoom';
import { formatSpoken } from '../utils/countdown';
import type { RoomView } from '../utils/room-events';
import { HAND_SHORTCUT, isHandShortcut } from '../utils/shortcuts';
import '../i18n/messages';

interface QueuePanelProps {
  room: RoomView;
  me: string | null;
  role: Role | null;
  live: boolean;
  send: SessionRoom['send'];
}

/**
 * The speaking queue in speaking order: my place in it, who speaks for the first time on the item,
 * how long each has spoken in the session; raise and lower my hand (button or Alt+Shift+H). The
 * chair gives the floor to anyone queued, or takes a hand down.
 */
export function QueuePanel({ room, me, role, live, send }: QueuePanelProps) {
  const { t } = useTranslation();
  const action = useRoomAction(send);
  const position = room.queue.findIndex((entry) => entry.accountId === me);
  const raised = position >= 0;
  const speaking = room.floor?.accountId === me;
  const canAsk = live && (role === 'member' || role === 'chair') && room.status === 'live' && room.currentItem !== null && !speaking;
  const { run } = action;

  useEffect(() => {
    if (!canAsk) return;
    const onKey = (event: KeyboardEvent): void => {
      if (!isHandShortcut(event)) return;
      event.preventDefault();
      void run(raised ? 'hand.lower' : 'hand.raise');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canAsk, raised, run]);

  const spoken = (ms: number): string => {
    const { hours, minutes } = formatSpoken(ms);
    return hours > 0 ? t('room.queue.spokenHours', { hours: String(hours), minutes: String(minutes).padStart(2, '0') }) : t('room.queue.spokenMinutes', { count: minutes });
  };

  return (
    <section aria-labelledby="queue-heading" className="panel">
      <h2 id="queue-heading">{t('room.queue.heading')}</h2>
      {role === 'member' || role === 'chair' ? (
        <div className="hand">
          <p className="hand-status">{speaking ? t('room.queue.youSpeak') : raised ? t('room.queue.yourPosition', { count: position + 1, ordinal: true }) : t('room.queue.handDown')}</p>
          <button type="button" className={raised ? undefined : 'primary'} onClick={() => void run(raised ? 'hand.lower' : 'hand.raise')} disabled={!canAsk || action.pending} aria-keyshortcuts={HAND_SHORTCUT}>
            {raised ? t('room.queue.lower') : t('room.queue.raise')}
          </button>
          <p className="hint">{t('room.queue.shortcut', { keys: HAND_SHORTCUT })}</p>
          {action.error ? <ErrorMessage error={action.error} /> : null}
        </div>
      ) : null}
      {room.queue.length === 0 ? (
        <p className="empty">{t('room.queue.empty')}</p>
      ) : (
        <ol className="queue-list">
          {room.queue.map((entry, index) => (
            <li key={entry.accountId} className={entry.accountId === me ? 'queue-me' : undefined}>
              <span className="queue-name">
                {entry.accountId === me ? t('room.queue.you') : (entry.name ?? t('room.member'))}
                {entry.firstTime ? <span className="badge badge-small">{t('room.queue.firstTime')}</span> : null}
              </span>
              <span className="meta"> {spoken(entry.spokenMs)}</span>
              {role === 'chair' ? (
                <span className="queue-actions">
                  <button type="button" className="small" disabled={!live} onClick={() => void run('floor.grant', { accountId: entry.accountId })} aria-label={t('room.chair.giveFloorTo', { name: entry.name ?? t('room.member') })}>
                    {t('room.chair.giveFloor')}
                  </button>
                  <button type="button" className="small" disabled={!live} onClick={() => void run('hand.lower', { accountId: entry.accountId })} aria-label={t('room.chair.lowerHandOf', { name: entry.name ?? t('room.member') })}>
                    {t('room.chair.lowerHand')}
                  </button>
                </span>
              ) : null}
              {index === 0 && room.floor === null ? <span className="visually-hidden"> {t('room.queue.next')}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
