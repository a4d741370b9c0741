import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { TextArea } from '../../ui/TextArea';
import { useRoomAction } from '../hooks/useRoomAction';
import type { Role, SessionRoom } from '../hooks/useSessionRoom';
import type { RoomView } from '../utils/room-events';
import { Countdown } from './Countdown';
import '../i18n/messages';

/**
 * A workshop group's own panel: which group, the countdown to the return to plenary, the chair's
 * latest word, the group's reporter (named by the group) and the summary the reporter sends to the
 * plenary; when the workshops close, the way back.
 */
export function GroupPanel({ room, offsetMs, me, role, live, send }: { room: RoomView; offsetMs: number; me: string | null; role: Role | null; live: boolean; send: SessionRoom['send'] }) {
  const { t } = useTranslation();
  const action = useRoomAction(send);
  const group = room.group!;
  const [reporter, setReporter] = useState(group.reporter?.accountId ?? '');
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const closed = room.status === 'ended';
  const mayReport = group.reporter !== null && (group.reporter.accountId === me || role === 'chair');
  return (
    <section aria-labelledby="group-heading" className="panel group-panel">
      <h2 id="group-heading">{t('room.group.heading', { index: group.index })}</h2>
      {closed ? (
        <Notice>
          <p>{t('room.group.closed')}</p>
          <p>
            <Link className="button primary" to={`/sessions/${group.plenarySessionId}`}>
              {t('room.group.back')}
            </Link>
          </p>
        </Notice>
      ) : (
        <>
          <Countdown endsAt={group.endsAt} frozenMs={null} offsetMs={offsetMs} warningSeconds={120} label={t('room.group.returnIn')} large />
          <p>
            <Link to={`/sessions/${group.plenarySessionId}?plenary=1`}>{t('room.group.plenary')}</Link>
          </p>
        </>
      )}
      {room.notice !== null ? (
        <div className="notice" role="status">
          <p>{t('room.group.notice', { text: room.notice.text })}</p>
        </div>
      ) : null}
      <p>{t('room.group.members', { names: group.members.map((member) => member.name ?? '—').join(', ') })}</p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reporter !== '') void action.run('group.reporter', { accountId: reporter });
        }}
      >
        <div className="field">
          <label htmlFor="group-reporter">{t('room.group.reporter')}</label>
          <select id="group-reporter" value={reporter} onChange={(event) => setReporter(event.target.value)}>
            <option value="">—</option>
            {group.members.map((member) => (
              <option key={member.accountId} value={member.accountId}>
                {member.name ?? member.accountId}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={!live || action.pending || reporter === '' || reporter === group.reporter?.accountId}>
          {t('room.group.nameReporter')}
        </button>
      </form>
      <p>{group.reporter === null ? t('room.group.noReporter') : t('room.group.reporterIs', { name: group.reporter.name ?? '—' })}</p>
      {group.reported ? <p className="meta">{t('room.group.reported')}</p> : null}
      {mayReport ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (summary.trim() === '') return setProblem(t('room.group.summaryRequired'));
            setProblem(null);
            void action.run('group.report', { summary: summary.trim() }).then((ack) => {
              if (ack.ok) {
                setSummary('');
                setSent(true);
              }
            });
          }}
        >
          <TextArea label={t('room.group.summary')} hint={t('room.group.summaryHint')} value={summary} error={problem} rows={5} maxLength={1800} onChange={(event) => setSummary(event.target.value)} />
          <p role="status">{sent ? t('room.group.sent') : ''}</p>
          <button type="submit" className="primary" disabled={!live || action.pending}>
            {t('room.group.send')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
