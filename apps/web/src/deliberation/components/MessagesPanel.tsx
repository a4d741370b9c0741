import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TextArea } from '../../ui/TextArea';
import { TimeText } from '../../ui/TimeText';
import { useRoomAction } from '../hooks/useRoomAction';
import type { Role, SessionRoom } from '../hooks/useSessionRoom';
import type { Message, MessageWindow, Reaction, RoomView } from '../utils/room-events';
import '../i18n/messages';

const REACTIONS: readonly Reaction[] = ['agree', 'disagree', 'unclear', 'applause'];
const MAX_LENGTH = 2000;

interface MessagesPanelProps {
  room: RoomView;
  window: MessageWindow | undefined;
  me: string | null;
  role: Role | null;
  live: boolean;
  send: SessionRoom['send'];
  loadOlder: () => Promise<void>;
  followLatest: () => void;
}

/** How close to the end of the list counts as "reading the latest" (px). */
const AT_BOTTOM = 48;

/**
 * The current item's messages, oldest first, with replies and reactions; hidden messages show the
 * chair's reason. Members post and react (not while muted: the panel says until when); the chair
 * hides a message with a public reason. The list scrolls in its own box and follows new messages
 * while the reader is at its end; scrolling to its top fetches older ones (a button does the same).
 */
export function MessagesPanel({ room, window, me, role, live, send, loadOlder, followLatest }: MessagesPanelProps) {
  const { t } = useTranslation();
  const action = useRoomAction(send);
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [hiding, setHiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const myMute = room.mutes.find((mute) => mute.accountId === me);
  const canPost = live && (role === 'member' || role === 'chair') && room.status === 'live' && myMute === undefined;
  const byId = new Map((window?.messages ?? []).map((message) => [message.id, message]));
  const scroll = useMessageScroll(window, loadOlder, followLatest);
  const authorOf = (message: Message): string => (message.authorId === me ? t('room.messages.you') : (message.authorName ?? t('room.member')));

  const post = async (): Promise<void> => {
    const text = body.trim();
    if (text === '') return setProblem(t('room.messages.empty'));
    if (text.length > MAX_LENGTH) return setProblem(t('room.messages.tooLong', { max: String(MAX_LENGTH) }));
    setProblem(null);
    const ack = await action.run('message.post', { body: text, ...(replyTo === null ? {} : { replyTo: replyTo.id }) });
    if (ack.ok) {
      setBody('');
      setReplyTo(null);
    }
  };

  const hide = async (messageId: string): Promise<void> => {
    if (reason.trim() === '') return setProblem(t('room.messages.reasonRequired'));
    setProblem(null);
    const ack = await action.run('message.hide', { messageId, reason: reason.trim() });
    if (ack.ok) {
      setHiding(null);
      setReason('');
    }
  };

  return (
    <section aria-labelledby="messages-heading" className="panel messages-panel">
      <h2 id="messages-heading">{room.currentItem === null ? t('room.messages.headingGeneral') : t('room.messages.heading', { title: room.currentItem.title })}</h2>
      {window === undefined ? (
        <p className="loading">{t('common.loading')}</p>
      ) : window.messages.length === 0 ? (
        <p className="empty">{t('room.messages.none')}</p>
      ) : (
        <div className="message-scroller" ref={scroll.scroller} onScroll={scroll.onScroll} tabIndex={0} role="region" aria-label={t('room.messages.scrollerLabel')}>
          {window.olderBefore !== null ? (
            <div ref={scroll.sentinel}>
              <button type="button" className="link-button" onClick={() => void scroll.older()}>
                {t('room.messages.older')}
              </button>
            </div>
          ) : null}
          <ol className="message-list" aria-label={t('room.messages.listLabel')}>
            {window.messages.map((message) => {
              const parent = message.replyTo === null ? undefined : byId.get(message.replyTo);
              return (
                <li key={message.id} className={`message${message.authorId === me ? ' message-mine' : ''}`} id={`message-${message.id}`}>
                  <p className="message-head">
                    <strong>{authorOf(message)}</strong> <span className="meta">{<TimeText iso={message.postedAt} timeOnly />}</span>
                  </p>
                  {message.replyTo !== null ? (
                    <p className="message-reply meta">
                      {t('room.messages.inReplyTo')} {parent === undefined ? t('room.messages.earlier') : <a href={`#message-${parent.id}`}>{authorOf(parent)}</a>}
                    </p>
                  ) : null}
                  {message.body === null ? <p className="message-hidden">{t('room.messages.hidden', { reason: message.hiddenReason ?? '—' })}</p> : <p className="message-body">{message.body}</p>}
                  {message.body !== null ? (
                    <div className="reactions" role="group" aria-label={t('room.messages.reactionsOf', { author: authorOf(message) })}>
                      {REACTIONS.map((reaction) => {
                        const on = message.mine.includes(reaction);
                        return (
                          <button
                            key={reaction}
                            type="button"
                            className="reaction small"
                            aria-pressed={on}
                            disabled={!canPost}
                            onClick={() => void action.run('message.react', { messageId: message.id, reaction, on: !on })}
                          >
                            {t(`room.reactions.${reaction}`)} <span className="reaction-count">{message.reactions[reaction]}</span>
                          </button>
                        );
                      })}
                      {canPost ? (
                        <button type="button" className="small link-button" onClick={() => setReplyTo(message)} aria-label={t('room.messages.replyTo', { author: authorOf(message) })}>
                          {t('room.messages.reply')}
                        </button>
                      ) : null}
                      {role === 'chair' && live ? (
                        <button type="button" className="small link-button" onClick={() => setHiding(message.id)} aria-label={t('room.messages.hideMessageOf', { author: authorOf(message) })}>
                          {t('room.messages.hide')}
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                  {hiding === message.id ? (
                    <form
                      className="inline-form"
                      onSubmit={(event) => {
                        event.preventDefault();
                        void hide(message.id);
                      }}
                    >
                      <TextArea label={t('room.messages.hideReason')} hint={t('room.messages.hideReasonHint')} value={reason} onChange={(event) => setReason(event.target.value)} rows={2} maxLength={500} />
                      <div className="actions">
                        <button type="button" onClick={() => setHiding(null)}>
                          {t('common.cancel')}
                        </button>
                        <button type="submit" className="danger">
                          {t('room.messages.hideConfirm')}
                        </button>
                      </div>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {window !== undefined && !scroll.atEnd ? (
        <p className="latest-messages">
          <button type="button" className="small" onClick={scroll.toLatest}>
            {t('room.messages.toLatest')}
          </button>
        </p>
      ) : null}
      {myMute !== undefined ? (
        <p className="notice notice-warning">
          {t('room.messages.muted')} <TimeText iso={myMute.until} />
        </p>
      ) : null}
      {role === 'member' || role === 'chair' ? (
        <form
          className="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void post();
          }}
        >
          {replyTo !== null ? (
            <p className="meta">
              {t('room.messages.replyingTo', { author: authorOf(replyTo) })}{' '}
              <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
                {t('room.messages.cancelReply')}
              </button>
            </p>
          ) : null}
          <TextArea label={t('room.messages.write')} value={body} onChange={(event) => setBody(event.target.value)} rows={3} maxLength={MAX_LENGTH + 100} disabled={!canPost} error={problem} />
          <button type="submit" className="primary" disabled={!canPost || action.pending}>
            {t('room.messages.send')}
          </button>
        </form>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </section>
  );
}

/**
 * The message box's scrolling: it stays at the end while the reader is there (new messages come into
 * view), keeps what they read in place when older messages are put above it, fetches older ones
 * when its top comes into view, and lets go of them when the reader is back at the end.
 */
function useMessageScroll(window: MessageWindow | undefined, loadOlder: () => Promise<void>, followLatest: () => void) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const sentinel = useRef<HTMLDivElement | null>(null);
  const following = useRef(true);
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const loading = useRef(false);
  const [atEnd, setAtEnd] = useState(true);
  const messages = window?.messages;
  const latest = useRef(messages);
  latest.current = messages;

  useLayoutEffect(() => {
    const box = scroller.current;
    if (box === null) return;
    const held = anchor.current;
    const element = held === null ? null : box.querySelector<HTMLElement>(`#message-${CSS.escape(held.id)}`);
    if (held !== null && element !== null) {
      box.scrollTop = element.offsetTop - held.offset;
      anchor.current = null;
    } else if (following.current) {
      box.scrollTop = box.scrollHeight;
    }
  }, [messages]);

  const older = useCallback(async (): Promise<void> => {
    const box = scroller.current;
    const first = latest.current?.[0];
    if (loading.current || box === null || first === undefined) return;
    loading.current = true;
    const element = box.querySelector<HTMLElement>(`#message-${CSS.escape(first.id)}`);
    anchor.current = element === null ? null : { id: first.id, offset: element.offsetTop - box.scrollTop };
    following.current = false;
    try {
      await loadOlder();
    } catch {
      anchor.current = null; // the button stays: the reader can try again
    } finally {
      loading.current = false;
    }
  }, [loadOlder]);

  useEffect(() => {
    const box = scroller.current;
    const top = sentinel.current;
    if (box === null || top === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      // Only when the reader scrolled up to it, not while the box is filling up at its end.
      if (entries.some((entry) => entry.isIntersecting) && !following.current) void older();
    }, { root: box });
    observer.observe(top);
    return () => observer.disconnect();
  }, [older, window?.olderBefore]);

  const onScroll = useCallback((): void => {
    const box = scroller.current;
    if (box === null) return;
    const end = box.scrollHeight - box.scrollTop - box.clientHeight < AT_BOTTOM;
    if (end && !following.current) followLatest();
    following.current = end;
    setAtEnd(end);
  }, [followLatest]);

  const toLatest = useCallback((): void => {
    const box = scroller.current;
    if (box === null) return;
    following.current = true;
    setAtEnd(true);
    box.scrollTop = box.scrollHeight;
    followLatest();
  }, [followLatest]);

  return { scroller, sentinel, onScroll, older, toLatest, atEnd };
}
