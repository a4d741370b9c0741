import { useTranslation } from '../../app/i18n/i18n';
import type { ConnectionStatus } from '../hooks/useSessionRoom';
import '../i18n/messages';

/** Says when the room's connection is down or the server degraded (actions are disabled meanwhile) and when it is back. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  const down = status === 'reconnecting' || status === 'degraded';
  return (
    <div role="status" className={down ? 'notice notice-warning connection-banner' : 'visually-hidden'}>
      {status === 'reconnecting' ? <p>{t('room.connection.reconnecting')}</p> : status === 'degraded' ? <p>{t('room.connection.degraded')}</p> : status === 'live' ? t('room.connection.live') : ''}
    </div>
  );
}
