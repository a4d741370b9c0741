import { useTranslation } from '../../app/i18n/i18n';
import type { ConnectionStatus } from '../hooks/useSessionRoom';
import '../i18n/messages';

/** Says when the room's connection is down (actions are disabled meanwhile) and when it is back. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={status === 'reconnecting' ? 'notice notice-warning connection-banner' : 'visually-hidden'}>
      {status === 'reconnecting' ? <p>{t('room.connection.reconnecting')}</p> : status === 'live' ? t('room.connection.live') : ''}
    </div>
  );
}
