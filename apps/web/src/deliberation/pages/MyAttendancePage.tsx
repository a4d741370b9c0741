import { Link, useParams } from 'react-router';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { QrCode } from '../../ui/QrCode';
import { TimeText } from '../../ui/TimeText';
import { useAssembly } from '../hooks/assemblies';
import { useMyAttendance } from '../hooks/attendance';
import '../i18n/messages';

/** A member's own record: the code to show at the door, every sitting with the minutes that count, and what it is worth. */
export function MyAttendancePage() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const assembly = useAssembly(assemblyId);
  if (session.status === 'signed-out') {
    return (
      <>
        <PageTitle title={t('attendance.title')} />
        <Notice>
          <p>{t('attendance.signIn')}</p>
          <p>
            <Link className="button primary" to={`/signin?next=${encodeURIComponent(`/assemblies/${assemblyId}/attendance`)}`}>
              {t('app.account.signIn')}
            </Link>
          </p>
        </Notice>
      </>
    );
  }
  if (session.status === 'restoring' || assembly.data === undefined) return <PageFallback title={t('attendance.title')} error={assembly.error} />;
  return <MyAttendance assemblyId={assemblyId} assemblyName={assembly.data.name} />;
}

function MyAttendance({ assemblyId, assemblyName }: { assemblyId: string; assemblyName: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyAttendance(assemblyId);
  const title = t('attendance.titleOf', { assembly: assemblyName });
  if (mine.data === undefined) {
    return (
      <>
        <PageTitle title={title} />
        {mine.error ? <ErrorMessage error={mine.error} /> : <Loading />}
        <p>
          <Link to={`/assemblies/${assemblyId}`}>{t('attendance.back')}</Link>
        </p>
      </>
    );
  }
  const data = mine.data;
  const grouped = data.attendanceCode.replace(/(.{4})(?=.)/g, '$1 ');
  const most = Math.max(1, ...data.months.map((month) => month.grossCents));
  return (
    <>
      <PageTitle title={title} />
      <p>
        <Link to={`/assemblies/${assemblyId}`}>{t('attendance.back')}</Link>
      </p>

      <section aria-labelledby="code-heading" className="section attendance-code">
        <h2 id="code-heading">{t('attendance.code')}</h2>
        <p>{t('attendance.codeHint')}</p>
        <QrCode text={data.attendanceCode} label={t('attendance.codeLabel', { code: grouped })} />
        <p className="code-text">
          <code>{grouped}</code>
        </p>
      </section>

      <section aria-labelledby="rules-heading" className="section">
        <h2 id="rules-heading">{t('attendance.rules')}</h2>
        <p>
          {data.rules === null
            ? t('attendance.noRules')
            : data.rules.monthlyCapCents === null
              ? t('attendance.rulesText', { amount: format.money(data.rules.centsPerHalfDay), minutes: format.number(data.rules.minimumMinutes) })
              : t('attendance.rulesTextCapped', { amount: format.money(data.rules.centsPerHalfDay), minutes: format.number(data.rules.minimumMinutes), cap: format.money(data.rules.monthlyCapCents) })}
        </p>
        {data.months.length > 0 ? (
          <ul className="plain-list">
            {data.months.map((month) => (
              <li key={month.month}>
                <ProgressMeter value={month.payableCents} max={most}>
                  {month.cappedCents > 0
                    ? t('attendance.monthCapped', { month: format.month(month.month), count: month.halfDays, amount: format.money(month.payableCents), capped: format.money(month.cappedCents) })
                    : t('attendance.month', { month: format.month(month.month), count: month.halfDays, amount: format.money(month.payableCents) })}
                </ProgressMeter>
              </li>
            ))}
          </ul>
        ) : null}
        {data.payableCents !== null && data.months.length > 0 ? <p>{t('attendance.total', { amount: format.money(data.payableCents) })}</p> : null}
      </section>

      <section aria-labelledby="sittings-heading" className="section">
        <h2 id="sittings-heading">{t('attendance.sittings')}</h2>
        {data.sittings.length === 0 ? (
          <p className="empty">{t('attendance.noSittings')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="sittings-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.sitting')}</th>
                  <th scope="col">{t('attendance.presence')}</th>
                  <th scope="col">{t('attendance.minutes')}</th>
                  <th scope="col">{t('attendance.halfDays')}</th>
                  <th scope="col">{t('attendance.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sittings.map((sitting) => (
                  <tr key={sitting.session.id}>
                    <th scope="row">
                      {sitting.session.title}
                      <br />
                      <span className="meta">
                        <TimeText iso={sitting.session.scheduledAt} />
                      </span>
                    </th>
                    <td>
                      {sitting.stretches.length === 0
                        ? t('attendance.absent')
                        : sitting.stretches.map((stretch) => (
                            <span key={stretch.id} className="stretch">
                              <TimeText iso={stretch.arrivedAt} timeOnly /> – {stretch.leftAt === null ? t('attendance.untilEnd') : <TimeText iso={stretch.leftAt} timeOnly />}
                              {stretch.mode === 'remote' ? ` (${t('attendance.fromHome')})` : ''}
                              <br />
                            </span>
                          ))}
                      {sitting.correction !== undefined ? <span className="meta">{t('attendance.corrected', { reason: sitting.correction.reason })}</span> : null}
                    </td>
                    <td>{format.number(sitting.minutes)}</td>
                    <td>{sitting.halfDays === null ? '—' : format.number(sitting.halfDays)}</td>
                    <td>{sitting.cents === null ? '—' : format.money(sitting.cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
