import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../app/api/client';
import { useTranslation } from '../../app/i18n/i18n';
import { useAssembly, useMemberships } from '../../deliberation/hooks/assemblies';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageFallback } from '../../ui/PageFallback';
import { PageTitle } from '../../ui/PageTitle';
import { ReasonForm } from '../../ui/ReasonForm';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { InvitationLetter } from '../components/InvitationLetter';
import { RequireRole } from '../components/RequireRole';
import { useAddStaff, useEndMembership, useInvite, useUpdateAssembly } from '../hooks/assemblies';
import { CONSOLE_ROLES } from '../utils/roles';
import '../i18n/messages';
import '../../deliberation/i18n/messages';

type Membership = Schemas['MembershipDto'];

/** One assembly as its organisers run it: status, seats, the way to its draw, its members and staff. */
export function ConsoleAssemblyPage() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={CONSOLE_ROLES.organise} title={t('console.assembly.loading')}>
      <AssemblyConsole />
    </RequireRole>
  );
}

function AssemblyConsole() {
  const { assemblyId = '' } = useParams();
  const { t } = useTranslation();
  const assembly = useAssembly(assemblyId);
  const memberships = useMemberships(assemblyId);
  if (assembly.data === undefined) return <PageFallback title={t('console.assembly.loading')} error={assembly.error} />;
  const data = assembly.data;
  const all = memberships.data ?? [];
  const drawn = all.filter((m) => m.role === 'member' || m.role === 'alternate');
  const seated = drawn.filter((m) => m.endedAt === undefined);
  const departed = drawn.filter((m) => m.endedAt !== undefined);
  const staff = all.filter((m) => (m.role === 'organiser' || m.role === 'facilitator') && m.endedAt === undefined);

  return (
    <>
      <PageTitle title={data.name} />
      <p>
        <Link to="/console/assemblies">{t('console.assembly.back')}</Link> · <Link to={`/assemblies/${data.id}`}>{t('console.assembly.publicPage')}</Link>
      </p>
      <AssemblyStatus assembly={data} />
      <nav aria-label={t('console.assembly.tasks')} className="task-links">
        <ul>
          <li>
            <Link className="button" to={`/console/assemblies/${data.id}/recruitment`}>
              {t('console.assembly.recruitment')}
            </Link>
          </li>
          <li>
            <Link className="button" to={`/console/assemblies/${data.id}/sortition`}>
              {t('console.assembly.sortition')}
            </Link>
          </li>
          <li>
            <Link className="button" to={`/console/assemblies/${data.id}/review`}>
              {t('console.assembly.review')}
            </Link>
          </li>
          <li>
            <Link className="button" to={`/console/assemblies/${data.id}/indemnities`}>
              {t('console.assembly.indemnities')}
            </Link>
          </li>
          <li>
            <Link className="button" to={`/console/assemblies/${data.id}/decisions`}>
              {t('console.assembly.decisions')}
            </Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="members-heading" className="section">
        <h2 id="members-heading">{t('console.assembly.members', { seated: seated.filter((m) => m.role === 'member').length, seats: data.seats })}</h2>
        {memberships.error ? <ErrorMessage error={memberships.error} /> : null}
        {memberships.data === undefined ? <Loading /> : seated.length === 0 ? <p className="empty">{t('console.assembly.noMembers')}</p> : <MembersTable assembly={data} members={seated} />}
        {seated.filter((m) => m.role === 'member').length < data.seats && drawn.length > 0 ? (
          <Notice kind="warning">
            <p>{t('console.assembly.vacancies', { count: data.seats - seated.filter((m) => m.role === 'member').length })}</p>
            <p>
              <Link to={`/console/assemblies/${data.id}/sortition`}>{t('console.assembly.replace')}</Link>
            </p>
          </Notice>
        ) : null}
      </section>

      {departed.length > 0 ? (
        <section aria-labelledby="departures-heading" className="section">
          <h2 id="departures-heading">{t('console.assembly.departures')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="departures-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('console.assembly.person')}</th>
                  <th scope="col">{t('console.assembly.endedAt')}</th>
                  <th scope="col">{t('console.assembly.endKind')}</th>
                  <th scope="col">{t('console.assembly.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {departed.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.displayName ?? m.personId}</th>
                    <td>{m.endedAt !== undefined ? <TimeText iso={m.endedAt} dateOnly /> : null}</td>
                    <td>{m.endKind === undefined ? '—' : t(`console.assembly.endKinds.${m.endKind}`)}</td>
                    <td>{m.endReason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <StaffSection assemblyId={data.id} staff={staff} />
    </>
  );
}

function AssemblyStatus({ assembly }: { assembly: Schemas['AssemblyDto'] }) {
  const { t } = useTranslation();
  const update = useUpdateAssembly(assembly.id);
  const [confirmEnd, setConfirmEnd] = useState(false);
  return (
    <section aria-labelledby="status-heading" className="section">
      <h2 id="status-heading" className="visually-hidden">
        {t('console.assembly.statusHeading')}
      </h2>
      <p>
        {t(`assembly.status.${assembly.status}`)} · {t('console.assembly.seatsCount', { count: assembly.seats })} · {t('assembly.term')} <TimeText iso={assembly.termStart} dateOnly /> —{' '}
        <TimeText iso={assembly.termEnd} dateOnly />
      </p>
      <div className="actions">
        {assembly.status === 'forming' ? (
          <button type="button" disabled={update.isPending} onClick={() => update.mutate({ status: 'active' })}>
            {t('console.assembly.activate')}
          </button>
        ) : null}
        {assembly.status !== 'ended' ? (
          confirmEnd ? (
            <>
              <button type="button" onClick={() => setConfirmEnd(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="danger" disabled={update.isPending} onClick={() => update.mutate({ status: 'ended' }, { onSuccess: () => setConfirmEnd(false) })}>
                {t('console.assembly.endConfirm')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmEnd(true)}>
              {t('console.assembly.end')}
            </button>
          )
        ) : null}
      </div>
      {update.error ? <ErrorMessage error={update.error} /> : null}
    </section>
  );
}

function MembersTable({ assembly, members }: { assembly: Schemas['AssemblyDto']; members: Membership[] }) {
  const { t } = useTranslation();
  const invite = useInvite(assembly.id);
  const end = useEndMembership(assembly.id);
  const [invitation, setInvitation] = useState<{ membership: Membership; code: string } | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  return (
    <>
      {invitation !== null ? <InvitationLetter assembly={assembly} personId={invitation.membership.personId ?? ''} code={invitation.code} onClose={() => setInvitation(null)} /> : null}
      {invite.error ? <ErrorMessage error={invite.error} /> : null}
      {end.error ? <ErrorMessage error={end.error} /> : null}
      <div className="table-scroll" role="region" aria-labelledby="members-heading" tabIndex={0}>
        <table className="members-table">
          <thead>
            <tr>
              <th scope="col">{t('console.assembly.person')}</th>
              <th scope="col">{t('console.assembly.role')}</th>
              <th scope="col">{t('console.assembly.account')}</th>
              <th scope="col">{t('console.assembly.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const who = m.displayName === undefined ? (m.personId ?? m.id) : `${m.displayName} (${m.personId ?? ''})`;
              return (
                <tr key={m.id}>
                  <th scope="row">{who}</th>
                  <td>{t(`console.assembly.roles.${m.role}`)}</td>
                  <td>
                    {m.linked === true ? (
                      t('console.assembly.linked')
                    ) : m.invitationIssuedAt !== undefined ? (
                      <>
                        {t('console.assembly.invited')} <TimeText iso={m.invitationIssuedAt} dateOnly />
                      </>
                    ) : (
                      t('console.assembly.notInvited')
                    )}
                  </td>
                  <td>
                    <div className="actions">
                      {m.linked !== true ? (
                        <button
                          type="button"
                          className="small"
                          disabled={invite.isPending}
                          aria-label={m.invitationIssuedAt === undefined ? t('console.assembly.inviteWho', { who }) : t('console.assembly.reinviteWho', { who })}
                          onClick={() => invite.mutate(m.id, { onSuccess: (issued) => setInvitation({ membership: issued.membership, code: issued.code }) })}
                        >
                          {m.invitationIssuedAt === undefined ? t('console.assembly.invite') : t('console.assembly.reinvite')}
                        </button>
                      ) : null}
                      <button type="button" className="small" aria-label={t('console.assembly.endWho', { who })} onClick={() => setEnding(m.id)}>
                        {t('console.assembly.endMembership')}
                      </button>
                    </div>
                    {ending === m.id ? (
                      <ReasonForm
                        label={t('console.assembly.endReason')}
                        hint={t('console.assembly.endReasonHint')}
                        required={t('console.assembly.reasonRequired')}
                        confirm={t('console.assembly.endConfirmMember')}
                        pending={end.isPending}
                        onCancel={() => setEnding(null)}
                        onSubmit={(reason) => end.mutate({ membershipId: m.id, reason }, { onSuccess: () => setEnding(null) })}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function StaffSection({ assemblyId, staff }: { assemblyId: string; staff: Membership[] }) {
  const { t } = useTranslation();
  const add = useAddStaff(assemblyId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'facilitator' | 'organiser'>('facilitator');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section aria-labelledby="staff-heading" className="section">
      <h2 id="staff-heading">{t('console.assembly.staff')}</h2>
      <ul>
        {staff.map((m) => (
          <li key={m.id}>
            {m.displayName ?? '—'} <span className="meta">— {t(`console.assembly.roles.${m.role}`)}</span>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setProblem(t('console.assembly.emailInvalid'));
          setProblem(null);
          add.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
        }}
      >
        <TextField label={t('console.assembly.staffEmail')} hint={t('console.assembly.staffEmailHint')} type="email" autoComplete="off" value={email} error={problem} onChange={(event) => setEmail(event.target.value)} />
        <div className="field">
          <label htmlFor="staff-role">{t('console.assembly.role')}</label>
          <select id="staff-role" value={role} onChange={(event) => setRole(event.target.value as 'facilitator' | 'organiser')}>
            <option value="facilitator">{t('console.assembly.roles.facilitator')}</option>
            <option value="organiser">{t('console.assembly.roles.organiser')}</option>
          </select>
        </div>
        {add.error ? <ErrorMessage error={add.error} /> : null}
        <button type="submit" disabled={add.isPending}>
          {t('console.assembly.addStaff')}
        </button>
      </form>
    </section>
  );
}
