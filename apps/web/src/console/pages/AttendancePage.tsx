import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { RequireRole } from '../components/RequireRole';
import { useAttendance, useCheck, useCorrectAttendance } from '../hooks/attendance';
import { parisToIso } from '../utils/paris-time';
import { CONSOLE_ROLES, hasAnyRole } from '../utils/roles';
import '../i18n/messages';

type Seat = Schemas['SeatAttendanceDto'];

/**
 * The door of a sitting: a badge scanned (a scanner types the code and Enter into the focused field)
 * or a name ticked on the list checks a member in; departures likewise. Members attending from home
 * appear by themselves (the list is read again every 15 s). Organisers correct the minutes with a reason.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.door} title={t('console.attendance.title')}>
      <Attendance />
    </RequireRole>
  );
}

function Attendance() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const list = useAttendance(sessionId);
  const [at, setAt] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [search, setSearch] = useState('');
  if (list.data === undefined) return <PageFallback title={t('console.attendance.title')} error={list.error} />;
  const { session, seats } = list.data;
  const present = seats.filter((seat) => seat.present).length;
  const wanted = folded(search.trim());
  const shown = wanted === '' ? seats : seats.filter((seat) => folded(`${seat.name} ${seat.personId ?? ''}`).includes(wanted));
  const atIso = at === '' ? undefined : (parisToIso(at) ?? undefined);
  const atProblem = at !== '' && atIso === undefined ? t('console.pollForm.timeInvalid') : null;

  return (
    <>
      <PageTitle title={t('console.attendance.titleOf', { session: session.title })} />
      <p>
        <Link to={`/console/assemblies/${session.assemblyId}/review`}>{t('console.attendance.back')}</Link> · <Link to={`/sessions/${session.id}`}>{t('console.attendance.room')}</Link> ·{' '}
        <Link to={`/console/assemblies/${session.assemblyId}/indemnities`}>{t('console.attendance.indemnities')}</Link>
      </p>
      <p className="meta">
        {t('console.attendance.hours', { from: format.dateTime(session.scheduledAt), to: format.time(session.endsAt) })} · {t('console.attendance.halfDays', { count: session.halfDays })} ·{' '}
        {session.remoteAttendance ? t('console.attendance.remoteAllowed') : t('console.attendance.remoteNotAllowed')}
      </p>
      <ProgressMeter value={present} max={seats.length}>
        {t('console.attendance.presentNow', { present: format.number(present), seats: format.number(seats.length) })}
      </ProgressMeter>

      <ScanForm sessionId={sessionId} at={atIso} onDone={setAnnouncement} />
      <details className="section">
        <summary>{t('console.attendance.paperTime')}</summary>
        <TextField label={t('console.attendance.at')} hint={t('console.attendance.atHint')} type="datetime-local" value={at} error={atProblem} onChange={(event) => setAt(event.target.value)} />
      </details>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      <section aria-labelledby="seats-heading" className="section">
        <h2 id="seats-heading">{t('console.attendance.list')}</h2>
        {list.error ? <ErrorMessage error={list.error} /> : null}
        <TextField label={t('console.attendance.search')} hint={t('console.attendance.searchHint', { count: shown.length, shown: format.number(shown.length), seats: format.number(seats.length) })} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        {seats.length === 0 ? (
          <p className="empty">{t('console.attendance.noSeats')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="seats-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('console.attendance.member')}</th>
                  <th scope="col">{t('console.attendance.status')}</th>
                  <th scope="col">{t('console.attendance.stretches')}</th>
                  <th scope="col">{t('console.attendance.minutes')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('console.attendance.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((seat) => (
                  <SeatRow key={seat.membershipId} sessionId={sessionId} seat={seat} at={atIso} onDone={setAnnouncement} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** Case and accents do not matter when looking for someone. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The field a badge scanner types into: it keeps the focus, so the next badge can follow at once. */
function ScanForm({ sessionId, at, onDone }: { sessionId: string; at: string | undefined; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const checkIn = useCheck(sessionId, 'check-in');
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      className="inline-form scan-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (code.trim() === '') return;
        checkIn.mutate(
          { code: code.trim(), ...(at === undefined ? {} : { at }) },
          {
            onSuccess: (stretch) => {
              setCode('');
              onDone(t('console.attendance.checkedInCode', { time: format.time(stretch.arrivedAt) }));
            },
            onSettled: () => input.current?.focus(),
          },
        );
      }}
    >
      <h2>{t('console.attendance.scan')}</h2>
      <div className="field">
        <label htmlFor="attendance-code">{t('console.attendance.code')}</label>
        <p className="hint" id="attendance-code-hint">
          {t('console.attendance.codeHint')}
        </p>
        <input
          id="attendance-code"
          ref={input}
          aria-describedby="attendance-code-hint"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          maxLength={40}
          onChange={(event) => {
            checkIn.reset();
            setCode(event.target.value);
          }}
        />
      </div>
      {checkIn.error ? <ErrorMessage error={checkIn.error} /> : null}
      <button type="submit" className="primary" disabled={checkIn.isPending}>
        {t('console.attendance.checkIn')}
      </button>
    </form>
  );
}

function SeatRow({ sessionId, seat, at, onDone }: { sessionId: string; seat: Seat; at: string | undefined; onDone: (sentence: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const checkIn = useCheck(sessionId, 'check-in');
  const checkOut = useCheck(sessionId, 'check-out');
  const [correcting, setCorrecting] = useState(false);
  const action = seat.present && seat.stretches.some((stretch) => stretch.leftAt === null && stretch.mode === 'room') ? checkOut : checkIn;
  const error = checkIn.error ?? checkOut.error;
  const remoteNow = seat.stretches.some((stretch) => stretch.leftAt === null && stretch.mode === 'remote');
  return (
    <tr>
      <th scope="row">
        {seat.name}
        {seat.personId !== undefined && seat.personId !== seat.name ? (
          <>
            {' '}
            <code>{seat.personId}</code>
          </>
        ) : null}
        <span className="meta"> · {t(`console.attendance.roles.${seat.role}`)}</span>
      </th>
      <td>{seat.present ? (remoteNow ? t('console.attendance.presentRemote') : t('console.attendance.presentRoom')) : seat.stretches.length > 0 ? t('console.attendance.left') : t('console.attendance.absent')}</td>
      <td>
        {seat.stretches.length === 0 ? (
          '—'
        ) : (
          <ul className="plain-list">
            {seat.stretches.map((stretch) => (
              <li key={stretch.id}>
                <TimeText iso={stretch.arrivedAt} timeOnly /> – {stretch.leftAt === null ? t('console.attendance.now') : <TimeText iso={stretch.leftAt} timeOnly />}
                {stretch.mode === 'remote' ? ` (${t('console.attendance.fromHome')})` : ''}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {format.number(seat.minutesRecorded)}
        {seat.correction !== null ? (
          <p className="meta">{t('console.attendance.corrected', { minutes: format.number(seat.correction.minutes), reason: seat.correction.reason })}</p>
        ) : null}
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            className="small"
            disabled={action.isPending}
            aria-label={t(action === checkOut ? 'console.attendance.checkOutWho' : 'console.attendance.checkInWho', { who: seat.name })}
            onClick={() => {
              checkIn.reset();
              checkOut.reset();
              action.mutate(
                { membershipId: seat.membershipId, ...(at === undefined ? {} : { at }) },
                { onSuccess: () => onDone(t(action === checkOut ? 'console.attendance.checkedOut' : 'console.attendance.checkedIn', { who: seat.name })) },
              );
            }}
          >
            {action === checkOut ? t('console.attendance.checkOut') : t('console.attendance.checkIn')}
          </button>
          {hasAnyRole(session.account?.roles, CONSOLE_ROLES.organise) ? (
            <button type="button" className="small" aria-expanded={correcting} aria-label={t('console.attendance.correctWho', { who: seat.name })} onClick={() => setCorrecting(!correcting)}>
              {t('console.attendance.correct')}
            </button>
          ) : null}
        </div>
        {error ? <ErrorMessage error={error} /> : null}
        {correcting ? <CorrectionForm sessionId={sessionId} seat={seat} onClose={() => setCorrecting(false)} /> : null}
      </td>
    </tr>
  );
}

function CorrectionForm({ sessionId, seat, onClose }: { sessionId: string; seat: Seat; onClose: () => void }) {
  const { t } = useTranslation();
  const correct = useCorrectAttendance(sessionId);
  const [minutes, setMinutes] = useState(String(seat.correction?.minutes ?? seat.minutesRecorded));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ minutes?: string; reason?: string }>({});
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(minutes);
        const found = {
          ...(!/^\d+$/.test(minutes.trim()) || value > 1440 ? { minutes: t('console.attendance.minutesInvalid') } : {}),
          ...(reason.trim() === '' ? { reason: t('console.attendance.reasonRequired') } : {}),
        };
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        correct.mutate({ membershipId: seat.membershipId, minutes: value, reason: reason.trim() }, { onSuccess: onClose });
      }}
    >
      <TextField label={t('console.attendance.minutesThatCount')} inputMode="numeric" value={minutes} error={problems.minutes} onChange={(event) => setMinutes(event.target.value)} />
      <TextField label={t('console.attendance.reason')} hint={t('console.attendance.reasonHint')} value={reason} error={problems.reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
      {correct.error ? <ErrorMessage error={correct.error} /> : null}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={correct.isPending}>
          {t('console.attendance.saveCorrection')}
        </button>
      </div>
    </form>
  );
}
