import { apiErrorFrom, NetworkError } from '../api/errors';
import type { components } from '../api/schema';

type Tokens = components['schemas']['TokensDto'];
type Account = components['schemas']['AccountDto'];

/**
 * The browser's session. The access token lives in this module's memory only (never in storage);
 * the refresh token is an HttpOnly cookie the page cannot read, sent only to /api/auth. A reload
 * restores the session by one refresh; refreshes are serialised across tabs (Web Locks), since
 * each refresh token works once and a replayed one ends the session for safety.
 */
export interface SessionState {
  status: 'restoring' | 'signed-in' | 'signed-out';
  account: Account | null;
}

let state: SessionState = { status: 'restoring', account: null };
let accessToken: string | null = null;
/** When the access token expires (ms since the epoch, by this browser's clock). */
let accessTokenExpiresAt = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
// Other tabs of this site hear about sign-in and sign-out, so none keeps acting on an ended session.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('pnyx-session');

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getSession(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Adopts a token pair from a login or a refresh, and plans the next refresh before expiry. */
export function adopt(tokens: Tokens): void {
  accessToken = tokens.accessToken;
  accessTokenExpiresAt = Date.now() + tokens.expiresIn * 1000;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(plannedRefresh, Math.max(5, tokens.expiresIn * 0.8) * 1000);
  setState({ status: 'signed-in', account: tokens.account });
}

/** How soon a planned refresh that could not reach the server tries again. */
const RETRY_REFRESH_MS = 10_000;

/**
 * The refresh planned before the token expires. Offline or with the server away it tries again
 * shortly (meanwhile the API client refreshes on demand, and the live room when it reconnects).
 */
function plannedRefresh(): void {
  refresh().then(
    () => (refreshOverdue = false),
    () => {
      refreshOverdue = true;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(plannedRefresh, RETRY_REFRESH_MS);
    },
  );
}
let refreshOverdue = false;
// Back online with a refresh overdue: do it now, before the old token runs out.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (refreshOverdue) plannedRefresh();
  });
}

function forget(): void {
  accessToken = null;
  clearTimeout(refreshTimer);
  setState({ status: 'signed-out', account: null });
}

/** Exchanges the refresh cookie for a new pair; false when there is no live session. */
export function refresh(): Promise<boolean> {
  inFlight ??= withLock(async () => {
    let response: Response;
    try {
      response = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'pnyx-web' },
        body: '{}',
      });
    } catch {
      throw new NetworkError();
    }
    if (response.ok) {
      adopt((await response.json()) as Tokens);
      return true;
    }
    if (response.status === 401 || response.status === 403) {
      forget();
      return false;
    }
    throw apiErrorFrom(response, await response.json().catch(() => null));
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** On page load: restore the session from the cookie, or settle as signed out (offline included). */
export async function restore(): Promise<void> {
  try {
    await refresh();
  } catch {
    forget();
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, refreshTokenIn: 'cookie' }),
  }).catch(() => {
    throw new NetworkError();
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response, body);
  adopt(body as Tokens);
  channel?.postMessage('signed-in');
}

/** Creates a resident account, then signs in with it. */
export async function signUp(account: components['schemas']['RegisterDto']): Promise<void> {
  const response = await fetch('/api/auth/register', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  }).catch(() => {
    throw new NetworkError();
  });
  if (!response.ok) throw apiErrorFrom(response, await response.json().catch(() => null));
  await signIn(account.email, account.password);
}

/** Ends the session on the server (its tokens stop working at once) and here; other tabs follow. */
export async function signOut(): Promise<void> {
  const token = accessToken;
  forget();
  channel?.postMessage('signed-out');
  if (token !== null) {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
  }
}

/** The account was deleted (its sessions ended on the server): forget the session here and in other tabs. */
export function forgetDeletedAccount(): void {
  forget();
  channel?.postMessage('signed-out');
}

channel?.addEventListener('message', (event: MessageEvent) => {
  if (event.data === 'signed-out') forget();
  else if (event.data === 'signed-in' && state.status !== 'signed-in') void restore();
});

/**
 * fetch for the API client: adds the access token, and when it has expired meanwhile, refreshes
 * once and retries the same request (cloned before sending, as a body can be read only once).
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  if (accessToken === null) return fetch(request);
  const retry = request.clone();
  request.headers.set('Authorization', `Bearer ${accessToken}`);
  const response = await fetch(request);
  if (response.status !== 401) return response;
  const code = ((await response.clone().json().catch(() => null)) as { code?: string } | null)?.code;
  if (code !== 'TOKEN_EXPIRED') {
    if (code === 'SESSION_REVOKED') forget();
    return response;
  }
  if (!(await refresh()) || accessToken === null) return response;
  retry.headers.set('Authorization', `Bearer ${accessToken}`);
  return fetch(retry);
}

/** The current access token, for the socket handshake of pages that need one. */
export function currentAccessToken(): string | null {
  return accessToken;
}

/**
 * The access token for a socket's (re)connection: refreshed first when it would run out within
 * `marginMs` (back from offline with the planned refresh missed), so the server does not end the
 * new connection at the old token's expiry a moment later. Falls back to the current one when the
 * refresh cannot be made (the handshake then says why).
 */
export async function accessTokenForSocket(marginMs = 10_000): Promise<string | null> {
  if (accessToken !== null && accessTokenExpiresAt - Date.now() < marginMs) await refresh().catch(() => false);
  return accessToken;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) return navigator.locks.request('pnyx-refresh', work);
  return work();
}
