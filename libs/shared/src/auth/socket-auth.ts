import type { Namespace, Socket } from 'socket.io';
import { DomainException } from '../errors/domain.exception.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';

/**
 * Socket handshakes are authenticated by the same Authenticator as HTTP requests: the access token
 * comes in `auth: { token }` (or an Authorization header). A refused socket gets a `connect_error`
 * whose `data.code` says why (UNAUTHENTICATED, TOKEN_EXPIRED...); an accepted one carries its
 * principal in `socket.data.principal`.
 */
export function authenticateSockets(namespace: Namespace, authenticator: Authenticator): void {
  namespace.use((socket, next) => {
    const credential = (socket.handshake.auth as { token?: unknown }).token ?? socket.handshake.headers.authorization;
    authenticator.authenticate(typeof credential === 'string' ? credential : undefined).then(
      (principal) => {
        (socket.data as { principal?: Principal }).principal = principal;
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
