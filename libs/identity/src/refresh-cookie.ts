import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser's refresh token travels in a cookie the page's scripts cannot read (HttpOnly), sent
 * only to the auth routes (Path) of this site (SameSite=Strict) over HTTPS (Secure; browsers also
 * accept it from http://localhost and 127.0.0.1 for development). Other clients keep the token in
 * the JSON body.
 */
export const REFRESH_COOKIE = 'pnyx_refresh';
const COOKIE_PATH = '/api/auth';

/**
 * Requests that use the cookie must also carry this header. A cross-site form cannot set it and a
 * cross-origin script cannot send it without a CORS preflight we refuse, so the cookie alone never
 * acts (defence in depth beside SameSite=Strict).
 */
export const COOKIE_REQUEST_HEADER = 'x-requested-with';

/** A cookie of the request by name (undefined when absent or empty). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  return readCookie(request, REFRESH_COOKIE);
}

export function setRefreshCookie(response: FastifyReply, token: string, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  void response.header('Set-Cookie', `${REFRESH_COOKIE}=${token}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`);
}

export function clearRefreshCookie(response: FastifyReply): void {
  void response.header('Set-Cookie', `${REFRESH_COOKIE}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Strict`);
}
