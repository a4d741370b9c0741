import { useTranslation } from '../../app/i18n/i18n';
import type { RoomView } from '../utils/room-events';
import '../i18n/messages';

/** Who is here: members in the room (connected), and those whose page is in the background. */
export function PresencePanel({ room, me }: { room: RoomView; me: string | null }) {
  const { t } = useTranslation();
  const here = room.present.filter((person) => !person.away);
  const away = room.present.filter((person) => person.away);
  const name = (person: RoomView['present'][number]): string => (person.accountId === me ? t('room.queue.you') : (person.name ?? t('room.member')));
  return (
    <section aria-labelledby="presence-heading" className="panel presence-panel">
      <h2 id="presence-heading">{t('room.presence.heading', { count: room.present.length })}</h2>
      <h3 className="small-heading">{t('room.presence.here', { count: here.length })}</h3>
      <ul className="presence-list">
        {here.map((person) => (
          <li key={person.accountId}>{name(person)}</li>
        ))}
      </ul>
      {away.length > 0 ? (
        <>
          <h3 className="small-heading">{t('room.presence.away', { count: away.length })}</h3>
          <ul className="presence-list presence-away">
            {away.map((person) => (
              <li key={person.accountId}>{name(person)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
