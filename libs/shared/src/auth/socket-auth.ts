import type { Namespace, Socket } from 'socket.io';
import { DomainException } from '../errors/domain.exception.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';
import { systemClock, type Clock } from '../clock/clock.js';

/** The event a client sends, with `{ token }`, to carry on with a fresh access token. */
export const SOCKET_AUTH_RENEW = 'auth.renew';

/** The answer to `auth.renew`. */
export type SocketRenewAck = { ok: true; expiresAt: string } | { ok: false; code: string; message: string };

interface SocketAuthData {
  principal?: Principal;
  expiry?: NodeJS.Timeout;
}

/**
 * Socket handshakes are authenticated by the same Authenticator as HTTP requests: the access token
 * comes in `auth: { token }` (or an Authorization header). A refused socket gets a `connect_error`
 * whose `data.code` says why (UNAUTHENTICATED, TOKEN_EXPIRED...); an accepted one carries its
 * principal in `socket.data.principal`. A socket lives no longer than its token: a client that has
 * refreshed its token sends `auth.renew { token }` (same account) and the socket lives on to the new
 * token's expiry, with no reconnection; otherwise, when the token expires, the server sends
 * `auth.expired` and disconnects it, and the client reconnects with a fresh token (in deliberation,
 * with its last seq, so it misses nothing).
 */
export function authenticateSockets(namespace: Namespace, authenticator: Authenticator, clock: Clock = systemClock): void {
  namespace.use((socket, next) => {
    const credential = (socket.handshake.auth as { token?: unknown }).token ?? socket.handshake.headers.authorization;
    authenticator.authenticateUntil(typeof credential === 'string' ? credential : undefined).then(
      ({ principal, expiresAt }) => {
        (socket.data as SocketAuthData).principal = principal;
        expireAt(socket, expiresAt, clock);
        socket.once('disconnect', () => clearTimeout((socket.data as SocketAuthData).expiry));
        socket.on(SOCKET_AUTH_RENEW, (payload: unknown, ack?: unknown) => {
          const reply = typeof ack === 'function' ? (ack as (answer: SocketRenewAck) => void) : () => undefined;
          void renew(socket, payload, authenticator, clock).then(reply);
        });
        next();
      },
      (error: unknown) => {
        const refusal = new Error(error instanceof DomainException ? error.message : 'authentication failed') as Error & { data?: unknown };
        refusal.data = { code: error instanceof DomainException ? error.code : 'UNAUTHENTICATED' };
        next(refusal);
      },
    );
  });
}

function expireAt(socket: Socket, expiresAt: number, clock: Clock): void {
  const data = socket.data as SocketAuthData;
  clearTimeout(data.expiry);
  data.expiry = setTimeout(
    () => {
      socket.emit('auth.expired', { code: 'TOKEN_EXPIRED', message: 'The access token has expired: reconnect with a fresh one' });
      socket.disconnect(true);
    },
    Math.min(Math.max(0, expiresAt - clock.now().getTime()), 2 ** 31 - 1),
  );
  data.expiry.unref();
}

/** A fresh token for the same account: the socket's principal and expiry follow it. */
async function renew(socket: Socket, payload: unknown, authenticator: Authenticator, clock: Clock): Promise<SocketRenewAck> {
  const token = (payload as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') return { ok: false, code: 'VALIDATION_FAILED', message: 'auth.renew takes { token }' };
  try {
    const { principal, expiresAt } = await authenticator.authenticateUntil(token);
    if (principal.accountId !== socketPrincipal(socket).accountId) return { ok: false, code: 'ACCOUNT_MISMATCH', message: 'The token is for another account: connect again instead' };
    if (!socket.connected) return { ok: false, code: 'NOT_CONNECTED', message: 'The socket has closed' };
    (socket.data as SocketAuthData).principal = principal;
    expireAt(socket, expiresAt, clock);
    return { ok: true, expiresAt: new Date(expiresAt).toISOString() };
  } catch (error) {
    // The old token stays in force until it expires.
    if (error instanceof DomainException) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'UNAUTHENTICATED', message: 'authentication failed' };
  }
}

/** The principal the handshake established (every socket past the middleware has one). */
export function socketPrincipal(socket: Socket): Principal {
  return (socket.data as { principal: Principal }).principal;
}
