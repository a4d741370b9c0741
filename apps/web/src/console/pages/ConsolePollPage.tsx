import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ProgressMeter } from '../../ui/ProgressMeter';
import { TimeText } from '../../ui/TimeText';
import { usePoll, usePollTurnout } from '../../voting/hooks/polls';
import { PollEditor } from '../components/PollEditor';
import { RequireRole } from '../components/RequireRole';
import { usePollTransition, useUpdatePoll } from '../hooks/polls';
import { draftFromPoll } from '../utils/poll-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

/** One poll from draft to published: edit the draft, open it, follow turnout live, close, publish. */
export function ConsolePollPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.polls.title')}>
      <PollConsole />
    </RequireRole>
  );
}

function PollConsole() {
  const { pollId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const poll = usePoll(pollId);
  const turnout = usePollTurnout(pollId);
  const update = useUpdatePoll(pollId);
  const transition = usePollTransition(pollId);
  const [confirm, setConfirm] = useState<'open' | 'close' | 'publish' | null>(null);
  const [saved, setSaved] = useState(0);
  if (poll.data === undefined) return <PageFallback title={t('console.polls.title')} error={poll.error} />;
  const data = poll.data;
  const act = (action: 'open' | 'close' | 'publish'): void => transition.mutate(action, { onSuccess: () => setConfirm(null) });

  return (
    <>
      <PageTitle title={data.title} />
      <p>
        <Link to="/console/polls">{t('console.polls.back')}</Link>
        {data.status !== 'draft' ? (
          <>
            {' '}
            · <Link to={`/polls/${data.id}`}>{t('console.polls.publicPage')}</Link>
          </>
        ) : null}
      </p>
      <p className="draw-status" role="status">
        {t('console.draw.statusIs')} <strong>{t(`console.polls.status.${data.status}`)}</strong>
        {data.openedAt !== undefined ? (
          <>
            {' '}
            · {t('console.polls.openedAt')} <TimeText iso={data.openedAt} />
          </>
        ) : null}
        {data.closedAt !== undefined ? (
          <>
            {' '}
            · {t('console.polls.closedAt')} <TimeText iso={data.closedAt} />
          </>
        ) : null}
      </p>

      {data.status !== 'draft' && turnout.data !== undefined ? (
        <section aria-labelledby="turnout-heading" className="section">
          <h2 id="turnout-heading">{t('console.polls.turnout')}</h2>
          {turnout.data.eligible !== undefined ? (
            <ProgressMeter value={turnout.data.participants} max={turnout.data.eligible}>
              {t('console.polls.turnoutOf', { participants: format.number(turnout.data.participants), eligible: format.number(turnout.data.eligible), share: format.percent(turnout.data.eligible === 0 ? 0 : turnout.data.participants / turnout.data.eligible) })}
            </ProgressMeter>
          ) : (
            <p>{t('console.polls.participants', { participants: format.number(turnout.data.participants) })}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="lifecycle-heading" className="section">
        <h2 id="lifecycle-heading">{t('console.polls.lifecycle')}</h2>
        <p>{t(`console.polls.next.${data.status}`)}</p>
        {confirm !== null ? (
          <Notice kind="warning">
            <p>{t(`console.polls.confirm.${confirm}`)}</p>
            <div className="actions">
              <button type="button" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="primary" disabled={transition.isPending} onClick={() => act(confirm)}>
                {t(`console.polls.actions.${confirm}`)}
              </button>
            </div>
          </Notice>
        ) : (
          <div className="actions">
            {data.status === 'draft' ? (
              <button type="button" className="primary" onClick={() => setConfirm('open')}>
                {t('console.polls.actions.open')}
              </button>
            ) : null}
            {data.status === 'open' ? (
              <button type="button" className="primary" onClick={() => setConfirm('close')}>
                {t('console.polls.actions.close')}
              </button>
            ) : null}
            {data.status === 'closed' ? (
              <button type="button" className="primary" onClick={() => setConfirm('publish')}>
                {t('console.polls.actions.publish')}
              </button>
            ) : null}
            {data.status === 'closed' || data.status === 'published' ? (
              <Link className="button" to={`/polls/${data.id}/results`}>
                {t('console.polls.results')}
              </Link>
            ) : null}
          </div>
        )}
        {transition.error ? <ErrorMessage error={transition.error} /> : null}
      </section>

      {data.status === 'draft' ? (
        <section aria-labelledby="edit-heading" className="section">
          <h2 id="edit-heading">{t('console.polls.edit')}</h2>
          {saved > 0 && !update.isPending && update.error === null ? (
            <Notice kind="success" live>
              <p>{t('console.polls.saved')}</p>
            </Notice>
          ) : null}
          <PollEditor
            key={data.id}
            initial={draftFromPoll(data)}
            existing
            pending={update.isPending}
            error={update.error}
            submitLabel={t('console.polls.saveDraft')}
            onSubmit={({ audience: _audience, assemblyId: _assemblyId, ...body }) => update.mutate(body, { onSuccess: () => setSaved((count) => count + 1) })}
          />
        </section>
      ) : null}
    </>
  );
}
