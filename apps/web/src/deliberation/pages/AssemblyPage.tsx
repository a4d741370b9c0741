import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useSession } from '../../app/auth/useSession';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { TimeText } from '../../ui/TimeText';
import { InvitationDrawsPublished } from '../components/InvitationDrawsPublished';
import { useAssembly, useAssemblyPolls, useAssemblySessions, useDecisions, useMemberships, usePublishedInvitationDraws, useSessionAgendaOf, useShowMyName } from '../hooks/assemblies';
import '../i18n/messages';

/** An assembly: its sessions (live, to come, past) with their agendas, its members, its votes and adopted decisions. */
export function AssemblyPage() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const assembly = useAssembly(assemblyId);
  const sessions = useAssemblySessions(assemblyId);
  const memberships = useMemberships(assemblyId);
  const polls = useAssemblyPolls(assemblyId);
  const decisions = useDecisions(assemblyId);
  const invitationDraws = usePublishedInvitationDraws(assemblyId);
  const showName = useShowMyName(assemblyId);
  // While the choice is being saved (and the list reloaded), the box shows what was asked for: set
  // in the click's own render, so the box never flicks back before the request is under way.
  const [asked, setAsked] = useState<boolean | null>(null);

  if (assembly.data === undefined) return <PageFallback title={t('assembly.loading')} error={assembly.error} />;
  const now = Date.now();
  const all = sessions.data ?? [];
  const running = all.filter((s) => s.status === 'live' || s.status === 'paused');
  const coming = all.filter((s) => s.status === 'scheduled' && Date.parse(s.scheduledAt) >= now - 12 * 3600_000);
  const past = all.filter((s) => s.status === 'ended' || (s.status === 'scheduled' && Date.parse(s.scheduledAt) < now - 12 * 3600_000)).reverse();
  const members = (memberships.data ?? []).filter((m) => m.role === 'member' || m.role === 'alternate');
  const staff = (memberships.data ?? []).filter((m) => m.role === 'facilitator' || m.role === 'organiser');
  const mine = (memberships.data ?? []).find((m) => m.yours === true && (m.role === 'member' || m.role === 'alternate'));

  return (
    <>
      <PageTitle title={assembly.data.name} />
      {assembly.data.description !== '' ? <p className="lead">{assembly.data.description}</p> : null}
      <p className="meta">
        {t(`assembly.status.${assembly.data.status}`)} · {t('assembly.term')} <TimeText iso={assembly.data.termStart} dateOnly /> — <TimeText iso={assembly.data.termEnd} dateOnly />
      </p>

      <section aria-labelledby="assembly-sessions" className="section">
        <h2 id="assembly-sessions">{t('assembly.sessions')}</h2>
        {sessions.error ? <ErrorMessage error={sessions.error} /> : sessions.data === undefined ? <Loading /> : null}
        {running.length > 0 ? <SessionGroup title={t('assembly.live')} sessions={running} /> : null}
        <SessionGroup title={t('assembly.coming')} sessions={coming} empty={t('assembly.noComing')} />
        {past.length > 0 ? <SessionGroup title={t('assembly.past')} sessions={past} /> : null}
      </section>

      <section aria-labelledby="assembly-members" className="section">
        <h2 id="assembly-members">{t('assembly.members', { count: members.length })}</h2>
        <p className="hint">{t('assembly.namesHint')}</p>
        {mine !== undefined && session.status === 'signed-in' ? (
          <p>
            <Link className="button" to={`/assemblies/${assemblyId}/attendance`}>
              {t('assembly.myAttendance')}
            </Link>
          </p>
        ) : null}
        {mine !== undefined && session.status === 'signed-in' ? (
          <div className="notice">
            <p className="checkbox">
              <input
                id="show-my-name"
                type="checkbox"
                checked={asked ?? mine.nameShown}
                disabled={showName.isPending}
                onChange={(event) => {
                  setAsked(event.target.checked);
                  showName.mutate({ membershipId: mine.id, shown: event.target.checked }, { onSettled: () => setAsked(null) });
                }}
              />
              <label htmlFor="show-my-name">{t('assembly.showMyName')}</label>
            </p>
            {showName.error ? <ErrorMessage error={showName.error} /> : null}
          </div>
        ) : null}
        {memberships.data === undefined ? (
          <Loading />
        ) : (
          <ul className="member-list">
            {members.map((member, index) => (
              <li key={member.id}>
                {member.displayName ?? t('assembly.anonymousMember', { number: String(index + 1) })}
                {member.role === 'alternate' ? <span className="meta"> — {t('assembly.alternate')}</span> : null}
                {member.yours ? <span className="meta"> — {member.nameShown ? t('assembly.youShown') : t('assembly.youHidden')}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {staff.length > 0 ? (
          <>
            <h3>{t('assembly.staff')}</h3>
            <ul>
              {staff.map((member) => (
                <li key={member.id}>
                  {member.displayName ?? '—'} <span className="meta">— {t(`assembly.role.${member.role as 'facilitator' | 'organiser'}`)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="assembly-votes" className="section">
        <h2 id="assembly-votes">{t('assembly.votes')}</h2>
        {polls.data === undefined ? (
          <Loading />
        ) : polls.data.filter((poll) => poll.status !== 'draft').length === 0 ? (
          <p className="empty">{t('assembly.noVotes')}</p>
        ) : (
          <ul>
            {polls.data
              .filter((poll) => poll.status !== 'draft')
              .map((poll) => (
                <li key={poll.id}>
                  <Link to={poll.status === 'open' ? `/polls/${poll.id}` : `/polls/${poll.id}/results`}>{poll.title}</Link> <span className="meta">— {t(`assembly.pollStatus.${poll.status}`)}</span>
                </li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="assembly-decisions" className="section">
        <h2 id="assembly-decisions">{t('assembly.decisions')}</h2>
        <p>
          <Link to={`/assemblies/${assemblyId}/decisions`}>{t('assembly.tracker')}</Link>
        </p>
        {decisions.data === undefined ? (
          <Loading />
        ) : decisions.data.items.length === 0 ? (
          <p className="empty">{t('assembly.noDecisions')}</p>
        ) : (
          <ul>
            {decisions.data.items.map((decision) => (
              <li key={decision.id}>
                {decision.title}
                {decision.decisionPollId !== undefined ? (
                  <>
                    {' '}
                    — <Link to={`/polls/${decision.decisionPollId}/results`}>{t('assembly.decisionVote')}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {invitationDraws.data !== undefined && invitationDraws.data.length > 0 ? (
        <section aria-labelledby="assembly-recruitment" className="section">
          <h2 id="assembly-recruitment">{t('assembly.recruitment.heading')}</h2>
          <InvitationDrawsPublished draws={invitationDraws.data} />
        </section>
      ) : null}
    </>
  );
}

function SessionGroup({ title, sessions, empty }: { title: string; sessions: ReadonlyArray<Schemas['SessionDto']>; empty?: string }) {
  return (
    <>
      <h3>{title}</h3>
      {sessions.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="card-list">
          {sessions.map((session) => (
            <SessionCard key={session.id} session={session} />
          ))}
        </ul>
      )}
    </>
  );
}

function SessionCard({ session }: { session: Schemas['SessionDto'] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const agenda = useSessionAgendaOf(session.id, open);
  return (
    <li className="card">
      <p className="card-kind">
        {t(`room.status.${session.status}`)}
        {session.visibility === 'members' ? ` · ${t('assembly.membersOnly')}` : ''}
      </p>
      <h4 className="card-title">
        <Link to={`/sessions/${session.id}`}>{session.title}</Link>
      </h4>
      <p className="card-meta">
        <TimeText iso={session.scheduledAt} />
        {session.status === 'ended' ? (
          <>
            {' '}
            · <Link to={`/sessions/${session.id}/minutes`}>{t('room.minutesLink')}</Link>
          </>
        ) : null}
      </p>
      <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{t('assembly.agenda')}</summary>
        {agenda.data === undefined ? (
          agenda.error ? (
            <ErrorMessage error={agenda.error} />
          ) : (
            <Loading />
          )
        ) : agenda.data.items.length === 0 ? (
          <p className="empty">{t('assembly.emptyAgenda')}</p>
        ) : (
          <ol>
            {agenda.data.items.map((item) => (
              <li key={item.proposal.id}>
                {item.proposal.title}
                {item.allottedMinutes !== null ? <span className="meta"> — {t('room.agenda.minutes', { count: item.allottedMinutes })}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </details>
    </li>
  );
}
