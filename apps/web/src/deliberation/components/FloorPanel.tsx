import { useTranslation } from '../../app/i18n/i18n';
import type { Ack } from '../hooks/useSessionRoom';
import type { RoomView } from '../utils/room-events';
import { Countdown } from './Countdown';
import '../i18n/messages';

/** Who has the floor, and the time left on the turn; the speaker may yield. */
export function FloorPanel({ room, offsetMs, me, disabled, send }: { room: RoomView; offsetMs: number; me: string | null; disabled: boolean; send: (event: string) => Promise<Ack> }) {
  const { t } = useTranslation();
  const floor = room.floor;
  const mine = floor !== null && floor.accountId === me;
  return (
    <section aria-labelledby="floor-heading" className={`panel floor-panel${mine ? ' floor-mine' : ''}`}>
      <h2 id="floor-heading">{t('room.floor.heading')}</h2>
      {floor === null ? (
        <p>{t('room.floor.nobody')}</p>
      ) : (
        <>
          <p className="floor-speaker">{mine ? t('room.floor.you') : (floor.name ?? t('room.member'))}</p>
          <Countdown endsAt={floor.endsAt} frozenMs={floor.remainingMs} offsetMs={offsetMs} warningSeconds={room.settings.warningSeconds} label={t('room.floor.timeLeft')} />
          {mine ? (
            <button type="button" onClick={() => void send('floor.end')} disabled={disabled}>
              {t('room.floor.yield')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
