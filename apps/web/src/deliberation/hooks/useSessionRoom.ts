import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { api, call } from '../../app/api/client';
import { openAuthedSocket, type AuthedSocket } from '../../app/live/authed-socket';
import { announcementFor, type Announcement } from '../utils/announcements';
import { clockOffset } from '../utils/countdown';
import { applyToMessages, applyToRoom, applyToVotes, followLatest, windowFromPage, withJoinAck, withOlder, type MessageWindow, type RoomSnapshot, type RoomView, type SessionEvent, type SessionVote } from '../utils/room-events';

export type Role = 'chair' | 'member' | 'observer';
export type Ack = { ok: true; seq?: number | null; pollId?: string } | { ok: false; code: string; message: string; retryAfterSeconds?: number };
/** `degraded`: connected, but the server is without its database for a moment; the page joins again by itself. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'degraded' | 'refused';

export const roomKeys = {
  snapshot: (sessionId: string) => ['session-room', sessionId] as const,
  messages: (sessionId: string, itemIndex: number | null) => ['session-room', sessionId, 'messages', itemIndex] as const,
  votes: (sessionId: string) => ['session-room', sessionId, 'votes'] as const,
};

export interface SessionRoom {
  status: ConnectionStatus;
  /** Why the room refused this person (members-only session, signed out…). */
  refusal: { code: string; message: string } | null;
  role: Role | null;
  /** Server time minus browser time (ms), measured at the last join. */
  offsetMs: number;
  /** The latest thing to say to screen readers (a new speaker, my turn, a vote opening). */
  announcement: { id: number; what: Announcement } | null;
  /** Sends a command; refused while the connection is down. */
  send: (event: string, payload?: Record<string, unknown>) => Promise<Ack>;
  loadOlderMessages: () => Promise<void>;
  /** Back to the latest messages: older ones fetched for reading are let go. */
  followLatestMessages: () => void;
}

const NOT_CONNECTED: Ack = { ok: false, code: 'NOT_CONNECTED', message: 'The connection to the room is down' };

/**
 * The live room of a session over socket.io (`/deliberation`). The room, the current item's
 * messages and the session's votes live in the query cache, fed by `session.event`s applied in
 * `seq` order on top of snapshots. After a lost connection, the page joins again with the last seq
 * it applied: the server sends exactly what was missed, before its acknowledgement. An expired
 * access token is refreshed (the session cookie) and the page rejoins.
 */
export function useSessionRoom(sessionId: string, me: string | null): SessionRoom {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [refusal, setRefusal] = useState<{ code: string; message: string } | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const [announcement, setAnnouncement] = useState<{ id: number; what: Announcement } | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const meRef = useRef(me);
  meRef.current = me;

  useEffect(() => {
    let disposed = false;
    let socket: Socket | null = null;
    let connection: AuthedSocket | null = null;
    const snapshotKey = roomKeys.snapshot(sessionId);
    const votesKey = roomKeys.votes(sessionId);
    // Events that came before what they apply to was loaded: the room before the join's answer,
    // votes before their list, messages before their page.
    let roomBacklog: SessionEvent[] = [];
    let votesBacklog: SessionEvent[] | null = [];
    const messageBacklog = new Map<number | null, SessionEvent[]>();
    let shownItem: number | null | undefined;
    let announcementId = 0;

    const messagesKey = (itemIndex: number | null) => roomKeys.messages(sessionId, itemIndex);

    const loadMessages = async (itemIndex: number | null): Promise<void> => {
      messageBacklog.set(itemIndex, messageBacklog.get(itemIndex) ?? []);
      const page = await call(api.GET('/api/sessions/{id}/messages', { params: { path: { id: sessionId }, query: { ...(itemIndex === null ? {} : { itemIndex }), limit: 50 } } }));
      if (disposed) return;
      let window = windowFromPage(itemIndex, page);
      for (const event of messageBacklog.get(itemIndex) ?? []) window = applyToMessages(window, event, meRef.current);
      messageBacklog.delete(itemIndex);
      queryClient.setQueryData(messagesKey(itemIndex), window);
    };

    /** The item whose messages are shown follows the room's current item. */
    const follow = (room: RoomView): void => {
      const itemIndex = room.currentItem?.index ?? null;
      if (itemIndex === shownItem) return;
      shownItem = itemIndex;
      if (queryClient.getQueryData(messagesKey(itemIndex)) === undefined) void loadMessages(itemIndex).catch(() => undefined);
    };

    const loadVotes = async (): Promise<void> => {
      const votes = await call(api.GET('/api/sessions/{id}/votes', { params: { path: { id: sessionId } } }));
      if (disposed) return;
      let state: SessionVote[] = votes;
      for (const event of votesBacklog ?? []) state = applyToVotes(state, event);
      votesBacklog = null;
      queryClient.setQueryData(votesKey, state);
    };

    const apply = (event: SessionEvent): void => {
      const snapshot = queryClient.getQueryData<RoomSnapshot>(snapshotKey);
      if (snapshot === undefined) {
        roomBacklog.push(event);
        return;
      }
      if (event.seq <= snapshot.seq) return; // already applied (a replay)
      const next = applyToRoom(snapshot, event);
      queryClient.setQueryData(snapshotKey, next);
      if (event.type.startsWith('message.')) {
        const itemIndex = shownItem ?? null;
        const window = queryClient.getQueryData<MessageWindow>(messagesKey(itemIndex));
        if (window === undefined) messageBacklog.get(itemIndex)?.push(event);
        else queryClient.setQueryData(messagesKey(itemIndex), applyToMessages(window, event, meRef.current));
      }
      if (event.type.startsWith('vote.')) {
        if (votesBacklog !== null) votesBacklog.push(event);
        else queryClient.setQueryData<SessionVote[]>(votesKey, (votes) => applyToVotes(votes ?? [], event));
      }
      follow(next.room);
      const said = announcementFor(event, meRef.current);
      if (said !== null) setAnnouncement({ id: (announcementId += 1), what: said });
    };

    const join = async (): Promise<void> => {
      if (socket === null) return;
      const held = queryClient.getQueryData<RoomSnapshot>(snapshotKey);
      const sentAt = Date.now();
      let ack: (Ack & { role?: Role; seq?: number; room?: RoomView }) | undefined;
      try {
        ack = (await socket.timeout(15_000).emitWithAck('session.join', { sessionId, ...(held === undefined ? {} : { lastSeq: held.seq }) })) as typeof ack;
      } catch {
        return; // no answer: the next reconnection joins again
      }
      if (disposed || ack === undefined) return;
      if (!ack.ok) {
        if (ack.code === 'SERVICE_UNAVAILABLE' || ack.code === 'SERVICE_BUSY') {
          // The server is briefly without its database: not a refusal; join again when told.
          setStatus('degraded');
          retryJoin(ack.retryAfterSeconds);
          return;
        }
        if (ack.code === 'REPLAY_TOO_LONG') {
          // Too much missed to replay: start again from the present.
          queryClient.removeQueries({ queryKey: snapshotKey });
          shownItem = undefined;
          await join();
          return;
        }
        setRefusal({ code: ack.code, message: ack.message });
        setStatus('refused');
        return;
      }
      const { seq, room, role: joinedAs } = ack as { seq: number; room: RoomView; role: Role };
      setOffsetMs(clockOffset(room.serverTime, sentAt, Date.now()));
      setRole(joinedAs);
      setRefusal(null);
      const snapshot = withJoinAck(held, { seq, room });
      queryClient.setQueryData(snapshotKey, snapshot);
      follow(snapshot.room);
      // Events that came before this answer: those after its seq apply on top, the others are in it.
      const backlog = roomBacklog;
      roomBacklog = [];
      for (const event of backlog) apply(event);
      if (votesBacklog !== null && queryClient.getQueryData(votesKey) === undefined) void loadVotes().catch(() => undefined);
      setStatus('live');
      if (joinedAs !== 'observer' && document.hidden) socket.emit('presence.away', { sessionId, away: true });
    };

    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    /** Joins again after `seconds` (the server's Retry-After), which reloads what was missed and goes live. */
    const retryJoin = (seconds = 5): void => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void join(), Math.max(1, seconds) * 1000);
    };

    const onOffline = (): void => {
      setStatus('reconnecting');
      socket?.disconnect(); // the browser knows the network is gone: do not wait for socket.io's heartbeat
    };
    const onOnline = (): void => {
      socket?.connect();
    };
    const onVisibility = (): void => {
      if (socket?.connected === true) socket.emit('presence.away', { sessionId, away: document.hidden });
    };

    void openAuthedSocket('/deliberation', {
      onSignInAgain: () => {
        if (disposed) return;
        setRefusal({ code: 'SIGN_IN_AGAIN', message: 'The session has ended' });
        setStatus('refused');
      },
      onRetrying: () => {
        if (!disposed) setStatus((current) => (current === 'refused' ? current : 'reconnecting'));
      },
    }).then((opened) => {
      if (disposed) {
        opened.close();
        return;
      }
      connection = opened;
      socket = opened.socket;
      socketRef.current = socket;
      socket.on('connect', () => void join());
      socket.on('disconnect', () => {
        if (!disposed) setStatus((current) => (current === 'refused' ? current : 'reconnecting'));
      });
      socket.on('session.event', (event: SessionEvent) => {
        if (event.sessionId === sessionId) apply(event);
      });
      socket.on('server.degraded', ({ retryAfterSeconds }: { retryAfterSeconds?: number }) => {
        if (disposed) return;
        setStatus((current) => (current === 'live' ? 'degraded' : current));
        retryJoin(retryAfterSeconds);
      });
    });
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
      connection?.close();
      socketRef.current = null;
      queryClient.removeQueries({ queryKey: ['session-room', sessionId] });
    };
  }, [sessionId, queryClient]);

  const send = useCallback(
    async (event: string, payload: Record<string, unknown> = {}): Promise<Ack> => {
      const socket = socketRef.current;
      if (socket === null || !socket.connected || status !== 'live') return NOT_CONNECTED;
      try {
        return (await socket.timeout(15_000).emitWithAck(event, { sessionId, ...payload })) as Ack;
      } catch {
        return NOT_CONNECTED;
      }
    },
    [sessionId, status],
  );

  const loadOlderMessages = useCallback(async (): Promise<void> => {
    const snapshot = queryClient.getQueryData<RoomSnapshot>(roomKeys.snapshot(sessionId));
    const itemIndex = snapshot?.room.currentItem?.index ?? null;
    const key = roomKeys.messages(sessionId, itemIndex);
    const window = queryClient.getQueryData<MessageWindow>(key);
    if (window?.olderBefore === null || window === undefined) return;
    const page = await call(api.GET('/api/sessions/{id}/messages', { params: { path: { id: sessionId }, query: { ...(itemIndex === null ? {} : { itemIndex }), before: window.olderBefore, limit: 50 } } }));
    queryClient.setQueryData<MessageWindow>(key, (current) => (current === undefined ? current : withOlder(current, page)));
  }, [queryClient, sessionId]);

  const followLatestMessages = useCallback((): void => {
    const itemIndex = queryClient.getQueryData<RoomSnapshot>(roomKeys.snapshot(sessionId))?.room.currentItem?.index ?? null;
    queryClient.setQueryData<MessageWindow>(roomKeys.messages(sessionId, itemIndex), (current) => (current === undefined ? current : followLatest(current)));
  }, [queryClient, sessionId]);

  return { status, refusal, role, offsetMs, announcement, send, loadOlderMessages, followLatestMessages };
}
