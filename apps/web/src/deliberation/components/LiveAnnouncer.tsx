import { useTranslation } from '../../app/i18n/i18n';
import type { SessionRoom } from '../hooks/useSessionRoom';

/** A polite live region: screen readers say each announcement after what they are reading. */
export function LiveAnnouncer({ announcement }: { announcement: SessionRoom['announcement'] }) {
  const { t } = useTranslation();
  return (
    <div className="visually-hidden live-announcer" role="status" aria-live="polite" aria-atomic="true">
      {announcement === null ? '' : <span key={announcement.id}>{t(announcement.what.key, announcement.what.values)}</span>}
    </div>
  );
}
