import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type SessionState } from './session';

/** The browser's session (restoring, signed in with the account, or signed out). */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession);
}
