import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';
import type { MessageWindow, RoomSnapshot, SessionVote } from '../utils/room-events';
import { roomKeys } from './useSessionRoom';

/** The session itself (title, assembly, visibility) and its agenda: public reads. */
export function useSessionAgenda(sessionId: string) {
  return useQuery({ queryKey: ['session', sessionId, 'agenda'], queryFn: () => call(api.GET('/api/sessions/{id}/agenda', { params: { path: { id: sessionId } } })) });
}

/** The room, its shown messages and its votes, as the live connection keeps them (useSessionRoom). */
export function useRoomSnapshot(sessionId: string) {
  return useQuery<RoomSnapshot>({ queryKey: roomKeys.snapshot(sessionId), queryFn: () => Promise.reject(new Error('fed by the live connection')), enabled: false });
}

export function useMessageWindow(sessionId: string, itemIndex: number | null) {
  return useQuery<MessageWindow>({ queryKey: roomKeys.messages(sessionId, itemIndex), queryFn: () => Promise.reject(new Error('fed by the live connection')), enabled: false });
}

export function useSessionVotes(sessionId: string) {
  return useQuery<SessionVote[]>({ queryKey: roomKeys.votes(sessionId), queryFn: () => Promise.reject(new Error('fed by the live connection')), enabled: false });
}

/** For read-only screens (the projector): the room and votes by polling, without joining (no presence). */
export function usePolledRoom(sessionId: string) {
  return useQuery({ queryKey: ['session', sessionId, 'room', 'polled'], queryFn: () => call(api.GET('/api/sessions/{id}/room', { params: { path: { id: sessionId } } })), refetchInterval: 1000 });
}

export function usePolledVotes(sessionId: string) {
  return useQuery({ queryKey: ['session', sessionId, 'votes', 'polled'], queryFn: () => call(api.GET('/api/sessions/{id}/votes', { params: { path: { id: sessionId } } })), refetchInterval: 3000 });
}

export function useMinutes(sessionId: string) {
  return useQuery({ queryKey: ['session', sessionId, 'minutes'], queryFn: () => call(api.GET('/api/sessions/{id}/minutes', { params: { path: { id: sessionId }, query: { format: 'json' } } })) });
}

/** The plenary's workshops (groups, reporters, summaries, seeds) and the pool features a split can balance. */
export function useBreakouts(sessionId: string) {
  return useQuery({ queryKey: ['session', sessionId, 'breakouts'], queryFn: () => call(api.GET('/api/sessions/{id}/breakouts', { params: { path: { id: sessionId } } })) });
}
