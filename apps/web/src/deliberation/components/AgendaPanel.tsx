import { useTranslation } from '../../app/i18n/i18n';
import type { RoomView } from '../utils/room-events';
import { Countdown } from './Countdown';
import '../i18n/messages';

/** The agenda: every item with its allotted time, the current one marked, its time left. */
export function AgendaPanel({ room, offsetMs }: { room: RoomView; offsetMs: number }) {
  const { t } = useTranslation();
  const current = room.currentItem;
  return (
    <section aria-labelledby="agenda-heading" className="panel">
      <h2 id="agenda-heading">{t('room.agenda.heading')}</h2>
      {current === null ? (
        <p>{room.status === 'ended' ? t('room.agenda.sessionEnded') : t('room.agenda.noCurrent')}</p>
      ) : (
        <>
          <p className="current-item">
            {t('room.agenda.current')} <strong>{current.title}</strong>
          </p>
          {current.endsAt !== null || current.remainingMs !== null ? (
            <Countdown endsAt={current.endsAt} frozenMs={current.remainingMs} offsetMs={offsetMs} warningSeconds={room.settings.warningSeconds} label={t('room.agenda.timeLeft')} />
          ) : (
            <p className="meta">{t('room.agenda.untimed')}</p>
          )}
        </>
      )}
      <ol className="agenda-list">
        {room.items.map((item) => {
          const isCurrent = current?.index === item.index;
          return (
            <li key={item.index} className={isCurrent ? 'agenda-current' : item.done ? 'agenda-done' : undefined} aria-current={isCurrent ? 'step' : undefined}>
              <span className="agenda-title">{item.title}</span>{' '}
              <span className="meta">
                {item.allottedMinutes === null ? t('room.agenda.noLimit') : t('room.agenda.minutes', { count: item.allottedMinutes })}
                {isCurrent ? ` — ${t('room.agenda.inProgress')}` : item.done ? ` — ${t('room.agenda.done')}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
