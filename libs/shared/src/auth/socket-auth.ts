import type { Namespace, Socket } from 'socket.io';
import { DomainException } from '../errors/domain.exception.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';
import { systemClock, type Clock } from '../clock/clock.js';

/**
 * Socket handshakes are authenticated by the same Authenticator as HTTP requests: the access token
 * comes in `auth: { token }` (or an Authorization header). A refused socket gets a `connect_error`
 * whose `data.code` says why (UNAUTHENTICATED, TOKEN_EXPIRED...); an accepted one carries its
 * principal in `socket.data.principal`. A socket lives no longer than its token: when the token
 * expires the server sends `auth.expired` and disconnects it; the client reconnects with a fresh
 * token (and, in deliberation, its last seq, so it misses nothing).
 */
export function authenticateSockets(namespace: Namespace, authenticator: Authenticator, clock: Clock = systemClock): void {
  namespace.use((socket, next) => {
    const credential = (socket.handshake.auth as { token?: unknown }).token ?? socket.handshake.headers.authorization;
    authenticator.authenticateUntil(typeof credential === 'string' ? credential : undefined).then(
      ({ principal, expiresAt }) => {
        (socket.data as { principal?: Principal }).principal = principal;
        const expiry = setTimeout(
          () => {
            socket.emit('auth.expired', { code: 'TOKEN_EXPIRED', message: 'The access token has expired: reconnect with a fresh one' });
            socket.disconnect(true);
          },
          Math.min(Math.max(0, expiresAt - clock.now().getTime()), 2 ** 31 - 1),
        );
        expiry.unref();
        socket.once('disconnect', () => clearTimeout(expiry));
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

/** The principal the handshake established (every socket past the middleware has one). */
export function socketPrincipal(socket: Socket): Principal {
  return (socket.data as { principal: Principal }).principal;
}
