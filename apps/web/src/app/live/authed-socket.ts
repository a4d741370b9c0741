import type { Socket } from 'socket.io-client';
import { accessTokenForSocket, currentAccessToken, refresh, subscribeSession } from '../auth/session';

export interface AuthedSocketCallbacks {
  /** The session has really ended (revoked, signed out elsewhere): the person must sign in again. */
  onSignInAgain(): void;
  /** The socket is down and will try again (network, server away). */
  onRetrying?(): void;
}

export interface AuthedSocket {
  socket: Socket;
  close(): void;
}

/** How soon a refresh that could not reach the server tries again. */
const RETRY_MS = 3_000;

/**
 * A socket.io connection to an authenticated namespace (`/deliberation`, `/sortition`) that follows
 * the session: it sends the current access token at every (re)connection, carries on with a
 * refreshed one in place (`auth.renew`), and when the server ends it at the token's expiry, or
 * refuses an expired token, refreshes with the cookie and connects again. Only a session that has
 * really ended calls `onSignInAgain`.
 */
export async function openAuthedSocket(namespace: string, callbacks: AuthedSocketCallbacks): Promise<AuthedSocket> {
  const { io } = await import('socket.io-client');
  let closed = false;
  /** The access token the socket was authenticated (or renewed) with. */
  let socketToken: string | null = null;
  const socket = io(namespace, {
    auth: (give) => {
      void accessTokenForSocket().then((token) => {
        socketToken = token;
        give({ token: token ?? '' });
      });
    },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });

  const reconnectWithFreshToken = async (): Promise<void> => {
    let signedIn: boolean;
    try {
      signedIn = await refresh();
    } catch {
      // Offline, or the server away: not a reason to sign in again. Try again shortly.
      if (closed) return;
      callbacks.onRetrying?.();
      setTimeout(() => void (closed ? undefined : reconnectWithFreshToken()), RETRY_MS);
      return;
    }
    if (closed) return;
    if (!signedIn) callbacks.onSignInAgain();
    else socket.connect();
  };

  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    const code = error.data?.code;
    if (code === 'TOKEN_EXPIRED' || code === 'UNAUTHENTICATED') void reconnectWithFreshToken();
    else if (code === 'SESSION_REVOKED' || code === 'TOKEN_INVALID') callbacks.onSignInAgain();
    else callbacks.onRetrying?.();
  });
  // The server ends a socket when its token expires (it was not renewed in time): refresh, connect again.
  socket.on('auth.expired', () => void reconnectWithFreshToken());

  // The session refreshed the token before it expired: carry on with it, no reconnection.
  const unsubscribe = subscribeSession(() => {
    const token = currentAccessToken();
    if (!socket.connected || token === null || token === socketToken) return;
    socketToken = token;
    socket
      .timeout(15_000)
      .emitWithAck('auth.renew', { token })
      .then(
        (ack: { ok: boolean }) => {
          if (!ack.ok && !closed) socket.disconnect().connect();
        },
        () => undefined, // no answer: the connection is going; the reconnection uses the new token
      );
  });

  return {
    socket,
    close: () => {
      closed = true;
      unsubscribe();
      socket.disconnect();
    },
  };
}
