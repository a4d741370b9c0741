import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { saveFile } from '../../ui/utils/download';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { useMinutes } from '../hooks/sessions';
import { formatSpoken } from '../utils/countdown';
import '../i18n/messages';

/** A session's minutes, built by the API from its record; downloadable as Markdown in French or English. */
export function MinutesPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = useMinutes(sessionId);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (minutes.data === undefined) return <PageFallback title={t('minutes.title')} error={minutes.error} />;
  const data = minutes.data;
  const duration = (ms: number | null): string => {
    if (ms === null) return '—';
    const { hours, minutes: mins } = formatSpoken(ms);
    return hours > 0 ? t('room.queue.spokenHours', { hours: String(hours), minutes: String(mins).padStart(2, '0') }) : t('room.queue.spokenMinutes', { count: mins });
  };

  const download = async (lang: 'fr' | 'en'): Promise<void> => {
    setDownloadError(null);
    try {
      const text = await call(api.GET('/api/sessions/{id}/minutes', { params: { path: { id: sessionId }, query: { format: 'markdown', lang } }, parseAs: 'text' }));
      saveFile(text, `minutes-${sessionId.slice(0, 8)}-${lang}.md`, 'text/markdown;charset=utf-8');
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <>
      <PageTitle title={t('minutes.titleOf', { title: data.session.title })} />
      {!data.final ? (
        <Notice kind="warning">
          <p>{t('minutes.draft')}</p>
        </Notice>
      ) : null}
      <p className="meta">
        {data.session.startedAt !== null ? (
          <>
            {t('minutes.started')} <TimeText iso={data.session.startedAt} />
          </>
        ) : (
          t('minutes.notStarted')
        )}
        {data.session.endedAt !== null ? (
          <>
            {' '}
            · {t('minutes.ended')} <TimeText iso={data.session.endedAt} /> · {duration(data.session.durationMs)}
          </>
        ) : null}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void download('fr')} lang="fr">
          {t('minutes.downloadFr')}
        </button>
        <button type="button" onClick={() => void download('en')} lang="en">
          {t('minutes.downloadEn')}
        </button>
      </div>
      {downloadError !== null ? <ErrorMessage error={downloadError} /> : null}

      <section aria-labelledby="minutes-attendance" className="section">
        <h2 id="minutes-attendance">{t('minutes.attendance', { count: data.attendance.length })}</h2>
        <p>{data.attendance.map((person) => person.name).join(', ') || '—'}</p>
      </section>

      {data.items.map((item) => (
        <section key={item.index} aria-labelledby={`minutes-item-${item.index}`} className="section">
          <h2 id={`minutes-item-${item.index}`}>{t('minutes.item', { number: String(item.index + 1), title: item.title })}</h2>
          <p className="meta">{item.startedAt === null ? t('minutes.itemNotTaken') : `${t('minutes.duration')} ${duration(item.durationMs)}`}</p>
          {item.speakers.length > 0 ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('minutes.speakersOf', { title: item.title })}>
              <table>
                <caption>{t('minutes.speakersOf', { title: item.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('minutes.speaker')}</th>
                    <th scope="col">{t('minutes.turns')}</th>
                    <th scope="col">{t('minutes.spoke')}</th>
                  </tr>
                </thead>
                <tbody>
                  {item.speakers.map((speaker) => (
                    <tr key={speaker.accountId}>
                      <th scope="row">{speaker.name}</th>
                      <td>{format.number(speaker.turns)}</td>
                      <td>{duration(speaker.spokeMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {item.messages.length > 0 ? (
            <>
              <h3>{t('minutes.messages', { count: item.messages.length })}</h3>
              <ol className="message-list">
                {item.messages.map((message) => (
                  <li key={message.id} className="message">
                    <p className="message-head">
                      <strong>{message.author}</strong> <span className="meta">{<TimeText iso={message.at} />}</span>
                    </p>
                    {message.body === null ? <p className="message-hidden">{t('room.messages.hidden', { reason: message.hiddenReason ?? '—' })}</p> : <p>{message.body}</p>}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ))}

      {data.workshops.length > 0 ? (
        <section aria-labelledby="minutes-workshops" className="section">
          <h2 id="minutes-workshops">{t('minutes.workshops')}</h2>
          {data.workshops.map((workshop) => (
            <div key={workshop.breakoutId}>
              <h3>
                {t('minutes.workshopOn', { item: workshop.itemIndex === null ? '—' : (data.items[workshop.itemIndex]?.title ?? '—') })} — <TimeText iso={workshop.openedAt} />
              </h3>
              <p className="meta">{workshop.method === 'manual' ? t('minutes.splitByHand') : t('minutes.splitRandom', { features: workshop.features.join(', ') || '—' })}</p>
              <ul className="plain-list">
                {workshop.groups.map((group) => (
                  <li key={group.sessionId}>
                    <p>
                      <strong>{t('room.workshops.group', { index: group.index })}</strong> — {group.members.map((member) => member.name).join(', ')}
                      {group.reporter !== null ? ` (${t('room.workshops.reporter', { name: group.reporter })})` : ''}
                    </p>
                    <p>{group.summary === null ? t('minutes.noSummary') : t('minutes.summary', { text: group.summary })}</p>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="minutes-decisions" className="section">
        <h2 id="minutes-decisions">{t('minutes.decisions')}</h2>
        {data.decisions.length === 0 ? (
          <p className="empty">{t('minutes.noDecisions')}</p>
        ) : (
          data.decisions.map((decision) => (
            <div key={decision.pollId}>
              <h3>{decision.title}</h3>
              {decision.ranking === null ? (
                <p>{t('minutes.voteOpen')}</p>
              ) : (
                <ol>
                  {decision.ranking.map((entry) => (
                    <li key={entry.optionId}>
                      {entry.label} — {entry.majorityGrade}
                    </li>
                  ))}
                </ol>
              )}
              <p>
                <Link to={`/polls/${decision.pollId}/results`}>{t('minutes.voteDetails')}</Link>
              </p>
            </div>
          ))
        )}
      </section>
    </>
  );
}
