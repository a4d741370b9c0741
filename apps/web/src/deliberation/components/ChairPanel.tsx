import { useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { useRoomAction } from '../hooks/useRoomAction';
import type { SessionRoom } from '../hooks/useSessionRoom';
import type { RoomView, SessionVote } from '../utils/room-events';
import '../i18n/messages';

interface ChairPanelProps {
  room: RoomView;
  votes: readonly SessionVote[];
  /** The chair's own account: not listed for moderation. */
  me: string | null;
  live: boolean;
  send: SessionRoom['send'];
}

/**
 * What the session's chair and facilitators do: run the session, move through the agenda, give
 * and take the floor and its time, mute, open and close votes, set the room's rules. Every refusal
 * the server sends is said in words beside the controls.
 */
export function ChairPanel({ room, votes, me, live, send }: ChairPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useRoomAction(send);
  const [ending, setEnding] = useState(false);
  const [muting, setMuting] = useState<{ accountId: string; minutes: string; reason: string } | null>(null);
  const [voteDraft, setVoteDraft] = useState<{ title: string; options: string; preset: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const status = room.status;
  const running = status === 'live';
  const nextItem = room.items.find((item) => !item.done && item.index !== room.currentItem?.index);
  const openVotes = votes.filter((vote) => vote.status === 'open');
  const others = room.present.filter((person) => person.accountId !== me);
  const disabled = !live || action.pending;
  const act = (event: string, payload?: Record<string, unknown>) => void action.run(event, payload);

  const openVote = async (): Promise<void> => {
    if (voteDraft === null) return;
    const options = voteDraft.options
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (voteDraft.title.trim() === '' || options.length < 2) return setProblem(t('room.chair.voteNeeds'));
    setProblem(null);
    const ack = await action.run('vote.open', { title: voteDraft.title.trim(), options: options.map((label) => ({ label })), gradePreset: voteDraft.preset });
    if (ack.ok) setVoteDraft(null);
  };

  // The server counts the minutes from when it applies the mute; the hint shows the time it will end.
  const muteUntilHint = (minutes: string): string | undefined => {
    const count = Number(minutes);
    if (!Number.isInteger(count) || count < 1 || count > 480) return undefined;
    return t('room.chair.muteUntilHint', { time: format.dateTime(new Date(Date.now() + count * 60_000).toISOString()) });
  };

  const mute = async (): Promise<void> => {
    if (muting === null) return;
    const minutes = Number(muting.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480 || muting.reason.trim() === '') return setProblem(t('room.chair.muteNeeds'));
    setProblem(null);
    const ack = await action.run('member.mute', { accountId: muting.accountId, minutes, reason: muting.reason.trim() });
    if (ack.ok) setMuting(null);
  };

  return (
    <section aria-labelledby="chair-heading" className="panel chair-panel">
      <h2 id="chair-heading">{t('room.chair.heading')}</h2>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {problem !== null ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}

      <h3>{t('room.chair.session')}</h3>
      <div className="actions">
        {status === 'scheduled' ? (
          <button type="button" className="primary" disabled={disabled} onClick={() => act('session.start')}>
            {t('room.chair.start')}
          </button>
        ) : null}
        {running ? (
          <button type="button" disabled={disabled} onClick={() => act('session.pause')}>
            {t('room.chair.pause')}
          </button>
        ) : null}
        {status === 'paused' ? (
          <button type="button" className="primary" disabled={disabled} onClick={() => act('session.resume')}>
            {t('room.chair.resume')}
          </button>
        ) : null}
        {running || status === 'paused' ? (
          ending ? (
            <>
              <button type="button" onClick={() => setEnding(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="danger" disabled={disabled} onClick={() => act('session.end')}>
                {t('room.chair.endConfirm')}
              </button>
            </>
          ) : (
            <button type="button" disabled={disabled} onClick={() => setEnding(true)}>
              {t('room.chair.end')}
            </button>
          )
        ) : null}
      </div>

      <h3>{t('room.chair.agenda')}</h3>
      <div className="actions">
        {nextItem !== undefined ? (
          <button type="button" className="primary" disabled={disabled || !running} onClick={() => act('item.start', { index: nextItem.index })}>
            {t('room.chair.nextItem', { title: nextItem.title })}
          </button>
        ) : null}
        {room.currentItem !== null ? (
          <>
            <button type="button" disabled={disabled || !running} onClick={() => act('item.end')}>
              {t('room.chair.endItem')}
            </button>
            {room.currentItem.endsAt !== null || room.currentItem.remainingMs !== null ? (
              <button type="button" disabled={disabled || !running} onClick={() => act('item.extend', { minutes: 5 })}>
                {t('room.chair.extendItem')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>

      <h3>{t('room.chair.floor')}</h3>
      <div className="actions">
        <button type="button" disabled={disabled || !running || room.queue.length === 0} onClick={() => act('floor.grant')}>
          {t('room.chair.grantNext')}
        </button>
        {room.floor !== null ? (
          <>
            <button type="button" disabled={disabled || !running} onClick={() => act('floor.end')}>
              {t('room.chair.endTurn')}
            </button>
            <button type="button" disabled={disabled || !running} onClick={() => act('floor.extend', { seconds: 30 })}>
              {t('room.chair.extendTurn')}
            </button>
          </>
        ) : null}
      </div>

      <h3>{t('room.chair.moderation')}</h3>
      {others.length === 0 ? <p className="empty">{t('room.chair.nobodyPresent')}</p> : null}
      <ul className="moderation-list">
        {others.map((person) => {
          const muted = room.mutes.find((entry) => entry.accountId === person.accountId);
          const name = person.name ?? t('room.member');
          return (
            <li key={person.accountId}>
              <span>{name}</span>{' '}
              {muted !== undefined ? (
                <span className="meta">
                  {t('room.chair.mutedUntil')} <TimeText iso={muted.until} />{' '}
                </span>
              ) : null}
              {muted !== undefined ? (
                <button type="button" className="small" disabled={disabled} onClick={() => act('member.unmute', { accountId: person.accountId })} aria-label={t('room.chair.unmuteName', { name })}>
                  {t('room.chair.unmute')}
                </button>
              ) : (
                <button type="button" className="small" disabled={disabled} onClick={() => setMuting({ accountId: person.accountId, minutes: '10', reason: '' })} aria-label={t('room.chair.muteName', { name })}>
                  {t('room.chair.mute')}
                </button>
              )}
              {muting?.accountId === person.accountId ? (
                <form
                  className="inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void mute();
                  }}
                >
                  <TextField
                    label={t('room.chair.muteMinutes')}
                    hint={muteUntilHint(muting.minutes)}
                    inputMode="numeric"
                    value={muting.minutes}
                    onChange={(event) => setMuting({ ...muting, minutes: event.target.value })}
                  />
                  <TextField label={t('room.chair.muteReason')} value={muting.reason} onChange={(event) => setMuting({ ...muting, reason: event.target.value })} maxLength={500} />
                  <div className="actions">
                    <button type="button" onClick={() => setMuting(null)}>
                      {t('common.cancel')}
                    </button>
                    <button type="submit" className="danger">
                      {t('room.chair.muteConfirm')}
                    </button>
                  </div>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>

      <h3>{t('room.chair.votes')}</h3>
      {openVotes.map((vote) => (
        <p key={vote.pollId}>
          <button type="button" disabled={disabled} onClick={() => act('vote.close', { pollId: vote.pollId })}>
            {t('room.chair.closeVote', { title: vote.title })}
          </button>
        </p>
      ))}
      {voteDraft === null ? (
        <button type="button" disabled={disabled || !running} onClick={() => setVoteDraft({ title: '', options: '', preset: 'fr-5' })}>
          {t('room.chair.openVote')}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void openVote();
          }}
        >
          <TextField label={t('room.chair.voteTitle')} value={voteDraft.title} onChange={(event) => setVoteDraft({ ...voteDraft, title: event.target.value })} maxLength={300} />
          <TextArea label={t('room.chair.voteOptions')} hint={t('room.chair.voteOptionsHint')} value={voteDraft.options} onChange={(event) => setVoteDraft({ ...voteDraft, options: event.target.value })} rows={4} />
          <div className="field">
            <label htmlFor="vote-preset">{t('room.chair.voteGrades')}</label>
            <select id="vote-preset" value={voteDraft.preset} onChange={(event) => setVoteDraft({ ...voteDraft, preset: event.target.value })}>
              <option value="fr-5">{t('room.chair.presetFr5')}</option>
              <option value="fr-7">{t('room.chair.presetFr7')}</option>
              <option value="en-5">{t('room.chair.presetEn5')}</option>
              <option value="en-7">{t('room.chair.presetEn7')}</option>
            </select>
          </div>
          <div className="actions">
            <button type="button" onClick={() => setVoteDraft(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={disabled}>
              {t('room.chair.openVoteConfirm')}
            </button>
          </div>
        </form>
      )}

      <details className="settings">
        <summary>{t('room.chair.settings')}</summary>
        <RoomSettingsForm room={room} disabled={disabled} save={(settings) => act('settings.change', settings)} />
      </details>
    </section>
  );
}

function RoomSettingsForm({ room, disabled, save }: { room: RoomView; disabled: boolean; save: (settings: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const [turn, setTurn] = useState(String(room.settings.turnSeconds));
  const [warning, setWarning] = useState(String(room.settings.warningSeconds));
  const [priority, setPriority] = useState(room.settings.firstSpeakerPriority);
  const [autoNext, setAutoNext] = useState(room.settings.autoNext);
  const [checked, setChecked] = useState(false);
  // The server's limits (RoomSettingsDto), said beside each field before anything is sent.
  const turnSeconds = wholeNumberIn(turn, 10, 3600);
  const warningSeconds = wholeNumberIn(warning, 0, 600);
  const turnError = checked && turnSeconds === null ? t('room.chair.turnSecondsInvalid') : null;
  const warningError = checked && warningSeconds === null ? t('room.chair.warningSecondsInvalid') : null;
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (turnSeconds === null || warningSeconds === null) return;
        save({ turnSeconds, warningSeconds, firstSpeakerPriority: priority, autoNext });
      }}
    >
      <TextField label={t('room.chair.turnSeconds')} hint={t('room.chair.turnSecondsHint')} error={turnError} inputMode="numeric" value={turn} onChange={(event) => setTurn(event.target.value)} />
      <TextField label={t('room.chair.warningSeconds')} hint={t('room.chair.warningSecondsHint')} error={warningError} inputMode="numeric" value={warning} onChange={(event) => setWarning(event.target.value)} />
      <p className="checkbox">
        <input id="first-speaker" type="checkbox" checked={priority} onChange={(event) => setPriority(event.target.checked)} />
        <label htmlFor="first-speaker">{t('room.chair.firstSpeakerPriority')}</label>
      </p>
      <p className="checkbox">
        <input id="auto-next" type="checkbox" checked={autoNext} onChange={(event) => setAutoNext(event.target.checked)} />
        <label htmlFor="auto-next">{t('room.chair.autoNext')}</label>
      </p>
      <button type="submit" disabled={disabled}>
        {t('room.chair.saveSettings')}
      </button>
    </form>
  );
}

function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}
