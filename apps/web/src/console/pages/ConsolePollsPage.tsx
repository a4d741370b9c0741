import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { PollEditor } from '../components/PollEditor';
import { RequireRole } from '../components/RequireRole';
import { useConsolePolls, useCreatePoll } from '../hooks/polls';
import { EMPTY_POLL } from '../utils/poll-form';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';

const STATUSES: Array<Schemas['PollDto']['status']> = ['draft', 'open', 'closed', 'published'];

/** Every poll the console manages, by status; and a new one. */
export function ConsolePollsPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.polls.title')}>
      <PollsConsole />
    </RequireRole>
  );
}

function PollsConsole() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Schemas['PollDto']['status']>('draft');
  const polls = useConsolePolls(status);
  return (
    <>
      <PageTitle title={t('console.polls.title')} />
      <p>
        <Link to="/console">{t('console.back')}</Link> · <Link to="/console/polls/new">{t('console.polls.new')}</Link>
      </p>
      <div className="segmented" role="group" aria-label={t('console.polls.filter')}>
        {STATUSES.map((value) => (
          <button key={value} type="button" aria-pressed={status === value} onClick={() => setStatus(value)}>
            {t(`console.polls.statuses.${value}`)}
          </button>
        ))}
      </div>
      {polls.data === undefined ? (
        polls.error ? <ErrorMessage error={polls.error} /> : <Loading />
      ) : polls.data.length === 0 ? (
        <p className="empty">{t('console.polls.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t(`console.polls.statuses.${status}`)} tabIndex={0}>
          <table>
            <caption>{t(`console.polls.statuses.${status}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.polls.question')}</th>
                <th scope="col">{t('console.polls.audience')}</th>
                <th scope="col">{t('console.polls.window')}</th>
              </tr>
            </thead>
            <tbody>
              {polls.data.map((poll) => (
                <tr key={poll.id}>
                  <th scope="row">
                    <Link to={`/console/polls/${poll.id}`}>{poll.title}</Link>
                  </th>
                  <td>{t(`console.pollForm.audiences.${poll.audience === 'assembly' ? 'assembly' : 'residents'}`)}</td>
                  <td>
                    {poll.opensAt !== undefined ? <TimeText iso={poll.opensAt} /> : '—'} → {poll.closesAt !== undefined ? <TimeText iso={poll.closesAt} /> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A new poll: a draft first, opened from its page. */
export function NewPollPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.polls.newTitle')}>
      <NewPoll />
    </RequireRole>
  );
}

function NewPoll() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePoll();
  return (
    <>
      <PageTitle title={t('console.polls.newTitle')} />
      <p>
        <Link to="/console/polls">{t('console.polls.back')}</Link>
      </p>
      <p className="lead">{t('console.polls.newLead')}</p>
      <PollEditor
        initial={EMPTY_POLL}
        existing={false}
        pending={create.isPending}
        error={create.error}
        submitLabel={t('console.polls.saveDraft')}
        onSubmit={(body) => create.mutate(body, { onSuccess: (poll) => void navigate(`/console/polls/${poll.id}`) })}
      />
    </>
  );
}
