import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useAssembly, useAssemblySessions } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { RequireRole } from '../components/RequireRole';
import { useCreateSession, useModerate, useProposalsIn, useReportQueue, useReviewTransition } from '../hooks/review';
import { parisToIso } from '../utils/paris-time';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';
import '../../deliberation/i18n/messages';

type Proposal = Schemas['ProposalDto'];

/**
 * The agenda's review: proposals waiting for an admissibility decision (given with a public
 * reason when refused), admissible ones to put on a session's agenda, the sessions themselves, and
 * the moderation queue of reported proposals.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.review.title')}>
      <Review />
    </RequireRole>
  );
}

function Review() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const submitted = useProposalsIn(assemblyId, 'submitted');
  const reached = useProposalsIn(assemblyId, 'threshold-reached');
  const underReview = useProposalsIn(assemblyId, 'under-review');
  const admissible = useProposalsIn(assemblyId, 'admissible');
  const sessions = useAssemblySessions(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('console.review.title')} error={assembly.error} />;
  const waiting = [...(submitted.data ?? []).filter((p) => p.kind === 'motion'), ...(reached.data ?? [])];
  const upcoming = (sessions.data ?? []).filter((session) => session.status === 'scheduled');
  return (
    <>
      <PageTitle title={t('console.review.titleOf', { assembly: assembly.data.name })} />
      <p>
        <Link to={`/console/assemblies/${assemblyId}`}>{t('console.sortition.back')}</Link>
      </p>
      <section aria-labelledby="waiting-heading" className="section">
        <h2 id="waiting-heading">{t('console.review.waiting', { count: waiting.length })}</h2>
        <p className="hint">{t('console.review.waitingHint')}</p>
        <ProposalList assemblyId={assemblyId} proposals={waiting} empty={t('console.review.noneWaiting')} actions={['start-review']} />
      </section>
      <section aria-labelledby="review-heading" className="section">
        <h2 id="review-heading">{t('console.review.underReview', { count: underReview.data?.length ?? 0 })}</h2>
        {underReview.error ? <ErrorMessage error={underReview.error} /> : null}
        <ProposalList assemblyId={assemblyId} proposals={underReview.data ?? []} empty={t('console.review.noneUnderReview')} actions={['admit', 'reject']} />
      </section>
      <section aria-labelledby="admissible-heading" className="section">
        <h2 id="admissible-heading">{t('console.review.admissible', { count: admissible.data?.length ?? 0 })}</h2>
        <ProposalList assemblyId={assemblyId} proposals={admissible.data ?? []} empty={t('console.review.noneAdmissible')} actions={['schedule']} sessions={upcoming} />
      </section>
      <SessionsSection assemblyId={assemblyId} sessions={sessions.data} error={sessions.error} />
      <ModerationQueue assemblyId={assemblyId} />
    </>
  );
}

function ProposalList({ assemblyId, proposals, empty, actions, sessions = [] }: { assemblyId: string; proposals: Proposal[]; empty: string; actions: Array<'start-review' | 'admit' | 'reject' | 'schedule'>; sessions?: Schemas['SessionDto'][] }) {
  const { t } = useTranslation();
  if (proposals.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="card-list">
      {proposals.map((proposal) => (
        <li key={proposal.id} className="card">
          <p className="card-kind">
            {t(`console.review.kinds.${proposal.kind}`)}
            {proposal.kind === 'petition' ? ` · ${t('console.review.supports', { count: proposal.supportCount })}` : ''}
          </p>
          <h3 className="card-title">{proposal.kind === 'petition' ? <Link to={`/petitions/${proposal.id}`}>{proposal.title}</Link> : proposal.title}</h3>
          {proposal.submittedAt !== undefined ? (
            <p className="card-meta">
              {t('console.review.submitted')} <TimeText iso={proposal.submittedAt} />
            </p>
          ) : null}
          <ReviewActions assemblyId={assemblyId} proposal={proposal} actions={actions} sessions={sessions} />
        </li>
      ))}
    </ul>
  );
}

function ReviewActions({ assemblyId, proposal, actions, sessions }: { assemblyId: string; proposal: Proposal; actions: Array<'start-review' | 'admit' | 'reject' | 'schedule'>; sessions: Schemas['SessionDto'][] }) {
  const { t } = useTranslation();
  const transition = useReviewTransition(assemblyId);
  const [open, setOpen] = useState<'admit' | 'reject' | 'schedule' | null>(null);
  const [reason, setReason] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [position, setPosition] = useState('1');
  const [minutes, setMinutes] = useState('30');
  const [problem, setProblem] = useState<string | null>(null);
  const run = (action: 'start-review' | 'admit' | 'reject' | 'schedule', body?: Schemas['TransitionDto']): void =>
    transition.mutate({ id: proposal.id, action, ...(body === undefined ? {} : { body }) }, { onSuccess: () => setOpen(null) });
  return (
    <>
      <div className="actions">
        {actions.map((action) => (
          <button key={action} type="button" className={action === 'reject' ? undefined : 'primary'} disabled={transition.isPending} onClick={() => (action === 'start-review' ? run(action) : setOpen(action))} aria-label={t(`console.review.actionOn.${action}`, { title: proposal.title })}>
            {t(`console.review.actions.${action}`)}
          </button>
        ))}
      </div>
      {open === 'admit' || open === 'reject' ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (open === 'reject' && reason.trim() === '') return setProblem(t('console.review.reasonRequired'));
            setProblem(null);
            run(open, reason.trim() === '' ? {} : { reason: reason.trim() });
          }}
        >
          <TextArea label={open === 'reject' ? t('console.review.rejectReason') : t('console.review.admitReason')} hint={t('console.review.reasonPublic')} value={reason} error={problem} rows={3} onChange={(event) => setReason(event.target.value)} />
          <div className="actions">
            <button type="button" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className={open === 'reject' ? 'danger' : 'primary'} disabled={transition.isPending}>
              {t(`console.review.confirm.${open}`)}
            </button>
          </div>
        </form>
      ) : null}
      {open === 'schedule' ? (
        sessions.length === 0 ? (
          <Notice>{t('console.review.noSession')}</Notice>
        ) : (
          <form
            className="inline-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const at = Number(position);
              const length = Number(minutes);
              if (sessionId === '') return setProblem(t('console.review.sessionRequired'));
              if (!Number.isInteger(at) || at < 1 || at > 999) return setProblem(t('console.review.positionInvalid'));
              if (!Number.isInteger(length) || length < 1 || length > 600) return setProblem(t('console.review.minutesInvalid'));
              setProblem(null);
              run('schedule', { sessionId, position: at, allottedMinutes: length });
            }}
          >
            <div className="field">
              <label htmlFor={`session-${proposal.id}`}>{t('console.review.session')}</label>
              <select id={`session-${proposal.id}`} value={sessionId} onChange={(event) => setSessionId(event.target.value)}>
                <option value="">{t('console.pollForm.chooseAssembly')}</option>
                {sessions.map((session) => (
                  <option key={session.id} value={session.id}>
                    {session.title}
                  </option>
                ))}
              </select>
            </div>
            <TextField label={t('console.review.position')} inputMode="numeric" value={position} onChange={(event) => setPosition(event.target.value)} />
            <TextField label={t('console.review.minutes')} inputMode="numeric" value={minutes} onChange={(event) => setMinutes(event.target.value)} />
            {problem !== null ? (
              <p className="field-error" role="alert">
                {problem}
              </p>
            ) : null}
            <div className="actions">
              <button type="button" onClick={() => setOpen(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={transition.isPending}>
                {t('console.review.confirm.schedule')}
              </button>
            </div>
          </form>
        )
      ) : null}
      {transition.error ? <ErrorMessage error={transition.error} /> : null}
    </>
  );
}

function SessionsSection({ assemblyId, sessions, error }: { assemblyId: string; sessions: Schemas['SessionDto'][] | undefined; error: unknown }) {
  const { t } = useTranslation();
  const create = useCreateSession(assemblyId);
  const [title, setTitle] = useState('');
  const [at, setAt] = useState('');
  const [ends, setEnds] = useState('');
  const [halfDays, setHalfDays] = useState<1 | 2>(1);
  const [remoteAttendance, setRemoteAttendance] = useState(false);
  const [visibility, setVisibility] = useState<'public' | 'members'>('public');
  const [problem, setProblem] = useState<{ title?: string; at?: string; ends?: string }>({});
  return (
    <section aria-labelledby="sessions-heading" className="section">
      <h2 id="sessions-heading">{t('console.review.sessions')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {sessions === undefined ? (
        <Loading />
      ) : sessions.length === 0 ? (
        <p className="empty">{t('console.review.noSessions')}</p>
      ) : (
        <ul>
          {sessions.map((session) => (
            <li key={session.id}>
              <Link to={`/sessions/${session.id}`}>{session.title}</Link> — <TimeText iso={session.scheduledAt} />–<TimeText iso={session.endsAt} timeOnly /> · {t(`room.status.${session.status}`)} ·{' '}
              <Link to={`/console/sessions/${session.id}/attendance`} aria-label={`${t('console.review.attendance')} : ${session.title}`}>
                {t('console.review.attendance')}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const scheduledAt = parisToIso(at);
          const endsAt = ends === '' ? undefined : parisToIso(ends);
          const found = {
            ...(title.trim() === '' ? { title: t('console.review.sessionTitleRequired') } : {}),
            ...(scheduledAt === null ? { at: t('console.pollForm.timeInvalid') } : {}),
            ...(endsAt === null || (endsAt !== undefined && scheduledAt !== null && endsAt <= scheduledAt) ? { ends: t('console.review.endsInvalid') } : {}),
          };
          setProblem(found);
          if (scheduledAt === null || endsAt === null || Object.keys(found).length > 0) return;
          create.mutate({ title: title.trim(), scheduledAt, ...(endsAt === undefined ? {} : { endsAt }), halfDays, remoteAttendance, visibility }, { onSuccess: () => setTitle('') });
        }}
      >
        <h3>{t('console.review.newSession')}</h3>
        <TextField label={t('console.review.sessionTitle')} value={title} error={problem.title} onChange={(event) => setTitle(event.target.value)} maxLength={200} />
        <TextField label={t('console.review.sessionAt')} hint={t('console.referendums.parisTime')} type="datetime-local" value={at} error={problem.at} onChange={(event) => setAt(event.target.value)} />
        <TextField label={t('console.review.sessionEnds')} hint={t('console.review.sessionEndsHint')} type="datetime-local" value={ends} error={problem.ends} onChange={(event) => setEnds(event.target.value)} />
        <div className="field">
          <label htmlFor="session-half-days">{t('console.review.halfDays')}</label>
          <select id="session-half-days" value={halfDays} onChange={(event) => setHalfDays(event.target.value === '2' ? 2 : 1)}>
            <option value={1}>{t('console.review.halfDay')}</option>
            <option value={2}>{t('console.review.fullDay')}</option>
          </select>
        </div>
        <p className="checkbox">
          <input id="session-remote" type="checkbox" checked={remoteAttendance} onChange={(event) => setRemoteAttendance(event.target.checked)} />
          <label htmlFor="session-remote">{t('console.review.remote')}</label>
        </p>
        <div className="field">
          <label htmlFor="session-visibility">{t('console.review.visibility')}</label>
          <select id="session-visibility" value={visibility} onChange={(event) => setVisibility(event.target.value as 'public' | 'members')}>
            <option value="public">{t('console.review.visibilities.public')}</option>
            <option value="members">{t('console.review.visibilities.members')}</option>
          </select>
        </div>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" disabled={create.isPending}>
          {t('console.review.createSession')}
        </button>
      </form>
    </section>
  );
}

function ModerationQueue({ assemblyId }: { assemblyId: string }) {
  const { t } = useTranslation();
  const queue = useReportQueue(assemblyId);
  const moderate = useModerate(assemblyId);
  const [deciding, setDeciding] = useState<{ id: string; decision: 'keep' | 'hide'; reason: string; problem: string | null } | null>(null);
  return (
    <section aria-labelledby="moderation-heading" className="section">
      <h2 id="moderation-heading">{t('console.review.moderation', { count: queue.data?.length ?? 0 })}</h2>
      {queue.data === undefined ? (
        queue.error ? <ErrorMessage error={queue.error} /> : <Loading />
      ) : queue.data.length === 0 ? (
        <p className="empty">{t('console.review.noReports')}</p>
      ) : (
        <ul className="card-list">
          {queue.data.map((entry) => (
            <li key={entry.proposal.id} className="card">
              <p className="card-kind">{t('console.review.reportsCount', { count: entry.openReports })}</p>
              <h3 className="card-title">{entry.proposal.title}</h3>
              {entry.proposal.hidden !== undefined ? <p className="meta">{t('console.review.alreadyHidden', { reason: entry.proposal.hidden.reason })}</p> : null}
              <details>
                <summary>{t('console.review.readText')}</summary>
                <p className="proposal-text">{entry.proposal.body ?? ''}</p>
              </details>
              <ul>
                {entry.reports
                  .filter((report) => report.reviewedAt === null)
                  .map((report) => (
                    <li key={report.id}>
                      <TimeText iso={report.createdAt} /> — {report.reason}
                    </li>
                  ))}
              </ul>
              {deciding?.id === entry.proposal.id ? (
                <form
                  className="inline-form"
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (deciding.reason.trim() === '') return setDeciding({ ...deciding, problem: t('console.review.reasonRequired') });
                    moderate.mutate({ id: deciding.id, decision: deciding.decision, reason: deciding.reason.trim() }, { onSuccess: () => setDeciding(null) });
                  }}
                >
                  <TextArea
                    label={deciding.decision === 'hide' ? t('console.review.hideReason') : t('console.review.keepReason')}
                    hint={deciding.decision === 'hide' ? t('console.review.reasonPublic') : t('console.review.keepReasonHint')}
                    value={deciding.reason}
                    error={deciding.problem}
                    rows={2}
                    onChange={(event) => setDeciding({ ...deciding, reason: event.target.value, problem: null })}
                  />
                  <div className="actions">
                    <button type="button" onClick={() => setDeciding(null)}>
                      {t('common.cancel')}
                    </button>
                    <button type="submit" className={deciding.decision === 'hide' ? 'danger' : 'primary'} disabled={moderate.isPending}>
                      {deciding.decision === 'hide' ? t('console.review.confirmHide') : t('console.review.confirmKeep')}
                    </button>
                  </div>
                </form>
              ) : (
                <div className="actions">
                  <button type="button" onClick={() => setDeciding({ id: entry.proposal.id, decision: 'keep', reason: '', problem: null })} aria-label={t('console.review.keepOn', { title: entry.proposal.title })}>
                    {t('console.review.keep')}
                  </button>
                  {entry.proposal.hidden === undefined ? (
                    <button type="button" className="danger" onClick={() => setDeciding({ id: entry.proposal.id, decision: 'hide', reason: '', problem: null })} aria-label={t('console.review.hideOn', { title: entry.proposal.title })}>
                      {t('console.review.hide')}
                    </button>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {moderate.error ? <ErrorMessage error={moderate.error} /> : null}
    </section>
  );
}
