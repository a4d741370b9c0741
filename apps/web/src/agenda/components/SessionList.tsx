import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import type { Schemas } from '../../app/api/client';
import { TimeText } from '../../ui/TimeText';

/** Public sessions to come (or running), with their assembly and date. */
export function SessionList({ sessions, assemblyNames }: { sessions: readonly Schemas['SessionDto'][]; assemblyNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <p className="empty">{t('home.noSessions')}</p>;
  return (
    <ul className="card-list">
      {sessions.map((session) => (
        <li key={session.id} className="card">
          <p className="card-kind">{session.status === 'live' || session.status === 'paused' ? t('home.sessionLive') : t('home.sessionScheduled')}</p>
          <h3 className="card-title">
            <Link to={`/sessions/${session.id}`}>{session.title}</Link>
          </h3>
          <p className="card-meta">
            <TimeText iso={session.scheduledAt} />
            {assemblyNames.has(session.assemblyId) ? ` — ${assemblyNames.get(session.assemblyId)}` : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
