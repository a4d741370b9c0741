import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TextField } from '../../ui/TextField';
import { useBreakouts } from '../hooks/sessions';
import { useRoomAction } from '../hooks/useRoomAction';
import type { SessionRoom } from '../hooks/useSessionRoom';
import { breakoutRequest, type BreakoutDraft, type BreakoutProblem } from '../utils/breakout-form';
import type { RoomView } from '../utils/room-events';
import { Countdown } from './Countdown';
import '../i18n/messages';

/**
 * The plenary chair's workshops: split the members present into groups (at random, balanced on pool
 * features, or by hand), then follow the groups — who is where, who reports, who has reported —
 * speak to all of them, and close them.
 */
export function WorkshopsPanel({ sessionId, room, offsetMs, live, send }: { sessionId: string; room: RoomView; offsetMs: number; live: boolean; send: SessionRoom['send'] }) {
  const { t } = useTranslation();
  const action = useRoomAction(send);
  const breakout = room.breakout;
  const [text, setText] = useState('');
  const [confirmClose, setConfirmClose] = useState(false);
  return (
    <section aria-labelledby="workshops-heading" className="panel">
      <h2 id="workshops-heading">{t('room.workshops.heading')}</h2>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {breakout === null ? (
        room.status === 'live' ? (
          <SplitForm sessionId={sessionId} room={room} disabled={!live || action.pending} run={action.run} />
        ) : (
          <p className="hint">{t('room.workshops.whenLive')}</p>
        )
      ) : (
        <>
          <Countdown endsAt={breakout.endsAt} frozenMs={null} offsetMs={offsetMs} warningSeconds={120} label={t('room.workshops.returnIn')} />
          <ol className="plain-list workshop-groups">
            {breakout.groups.map((group) => (
              <li key={group.sessionId}>
                <p>
                  <Link to={`/sessions/${group.sessionId}`}>{t('room.workshops.group', { index: group.index })}</Link> — {group.members.map((member) => member.name ?? '—').join(', ')}
                </p>
                <p className="meta">
                  {group.facilitator !== null ? `${t('room.workshops.facilitator', { name: group.facilitator.name ?? '—' })} · ` : ''}
                  {group.reporter === null ? t('room.workshops.noReporter') : t('room.workshops.reporter', { name: group.reporter.name ?? '—' })} · {group.reported ? t('room.workshops.reported') : t('room.workshops.notReported')}
                </p>
              </li>
            ))}
          </ol>
          <form
            className="inline-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (text.trim() === '') return;
              void action.run('breakout.broadcast', { text: text.trim() }).then((ack) => ack.ok && setText(''));
            }}
          >
            <TextField label={t('room.workshops.broadcast')} hint={t('room.workshops.broadcastHint')} value={text} maxLength={500} onChange={(event) => setText(event.target.value)} />
            <button type="submit" disabled={!live || action.pending || text.trim() === ''}>
              {t('room.workshops.send')}
            </button>
          </form>
          {confirmClose ? (
            <p className="actions">
              <span>{t('room.workshops.closeConfirm')}</span>
              <button type="button" onClick={() => setConfirmClose(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="danger" disabled={!live || action.pending} onClick={() => void action.run('breakout.close').then(() => setConfirmClose(false))}>
                {t('room.workshops.closeNow')}
              </button>
            </p>
          ) : (
            <button type="button" disabled={!live || action.pending} onClick={() => setConfirmClose(true)}>
              {t('room.workshops.close')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function SplitForm({ sessionId, room, disabled, run }: { sessionId: string; room: RoomView; disabled: boolean; run: ReturnType<typeof useRoomAction>['run'] }) {
  const { t } = useTranslation();
  const breakouts = useBreakouts(sessionId);
  const [draft, setDraft] = useState<BreakoutDraft>({ method: 'random', groups: '3', minutes: '30', features: [], assignment: {} });
  const [problems, setProblems] = useState<BreakoutProblem[]>([]);
  const candidates = breakouts.data?.candidates ?? [];
  const groupCount = Number(draft.groups) >= 2 && Number(draft.groups) <= 50 ? Number(draft.groups) : 2;
  // Staff present (not placed in a group) may facilitate one.
  const staff = room.present.filter((person) => !candidates.some((candidate) => candidate.accountId === person.accountId));
  const problem = (which: BreakoutProblem): string | null => (problems.includes(which) ? t(`room.workshops.problems.${which}`, { present: candidates.length }) : null);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void breakouts.refetch().then(({ data }) => {
          const request = breakoutRequest(draft, (data?.candidates ?? []).map((person) => person.accountId));
          setProblems(request.problems);
          if (request.payload !== null) void run('breakout.open', request.payload);
        });
      }}
    >
      <p className="hint">{t('room.workshops.present', { count: candidates.length })}</p>
      <fieldset>
        <legend>{t('room.workshops.how')}</legend>
        {(['random', 'manual'] as const).map((method) => (
          <p key={method} className="checkbox">
            <input id={`split-${method}`} type="radio" name="split-method" checked={draft.method === method} onChange={() => setDraft({ ...draft, method })} />
            <label htmlFor={`split-${method}`}>{t(`room.workshops.methods.${method}`)}</label>
          </p>
        ))}
      </fieldset>
      <TextField label={t('room.workshops.groups')} inputMode="numeric" value={draft.groups} error={problem('groups')} onChange={(event) => setDraft({ ...draft, groups: event.target.value })} />
      <TextField label={t('room.workshops.minutes')} inputMode="numeric" value={draft.minutes} error={problem('minutes')} onChange={(event) => setDraft({ ...draft, minutes: event.target.value })} />
      {draft.method === 'random' ? (
        (breakouts.data?.features ?? []).length > 0 ? (
          <fieldset>
            <legend>{t('room.workshops.balance')}</legend>
            {(breakouts.data?.features ?? []).map((feature) => (
              <p key={feature} className="checkbox">
                <input
                  id={`balance-${feature}`}
                  type="checkbox"
                  checked={draft.features.includes(feature)}
                  disabled={!draft.features.includes(feature) && draft.features.length >= 3}
                  onChange={(event) => setDraft({ ...draft, features: event.target.checked ? [...draft.features, feature] : draft.features.filter((f) => f !== feature) })}
                />
                <label htmlFor={`balance-${feature}`}>{feature}</label>
              </p>
            ))}
            <p className="hint">{t('room.workshops.balanceHint')}</p>
          </fieldset>
        ) : null
      ) : (
        <fieldset>
          <legend>{t('room.workshops.byHand')}</legend>
          {problem('assignment') !== null ? (
            <p className="field-error" role="alert">
              {problem('assignment')}
            </p>
          ) : null}
          {candidates.map((person) => (
            <div key={person.accountId} className="field">
              <label htmlFor={`assign-${person.accountId}`}>{t('room.workshops.groupOf', { name: person.name ?? '—' })}</label>
              <select
                id={`assign-${person.accountId}`}
                value={draft.assignment[person.accountId] ?? ''}
                onChange={(event) => setDraft({ ...draft, assignment: { ...draft.assignment, [person.accountId]: Number(event.target.value) } })}
              >
                <option value="">—</option>
                {Array.from({ length: groupCount }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    {t('room.workshops.group', { index: i + 1 })}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      )}
      {staff.length > 0 ? (
        <fieldset>
          <legend>{t('room.workshops.facilitators')}</legend>
          {Array.from({ length: groupCount }, (_, i) => (
            <div key={i + 1} className="field">
              <label htmlFor={`facilitator-${i + 1}`}>{t('room.workshops.facilitatorOf', { index: i + 1 })}</label>
              <select
                id={`facilitator-${i + 1}`}
                value={draft.facilitators?.[i + 1] ?? ''}
                onChange={(event) => {
                  const facilitators = { ...draft.facilitators };
                  if (event.target.value === '') delete facilitators[i + 1];
                  else facilitators[i + 1] = event.target.value;
                  setDraft({ ...draft, facilitators });
                }}
              >
                <option value="">{t('room.workshops.noFacilitator')}</option>
                {staff.map((person) => (
                  <option key={person.accountId} value={person.accountId}>
                    {person.name ?? person.accountId}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}
      {breakouts.error ? <ErrorMessage error={breakouts.error} /> : null}
      <button type="submit" className="primary" disabled={disabled}>
        {t('room.workshops.open')}
      </button>
    </form>
  );
}
