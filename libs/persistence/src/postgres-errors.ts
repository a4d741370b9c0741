/** The SQLSTATE of a PostgreSQL error, whether raw from `pg` or wrapped by TypeORM. */
export function sqlStateOf(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const candidate = error as { driverError?: { code?: unknown }; code?: unknown };
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** True when `error` is PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlStateOf(error) !== '23505') return false;
  if (constraint === undefined) return true;
  const driverError = (error as { driverError?: { constraint?: unknown } }).driverError;
  return driverError?.constraint === constraint;
}

/** SQLSTATEs of a server that is going away, starting, recovering or full: the request did not run. */
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
/** What node-postgres and the OS say when the server cannot be reached or the connection broke. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

/**
 * True when `error` means PostgreSQL could not be reached or the connection broke (an outage, not a
 * bug in the request): refused, reset, timed out, terminated, or the server starting or recovering.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause !== null && typeof cause === 'object' && depth < 4; depth += 1) {
    const candidate = cause as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const state = sqlStateOf(cause);
    if (state !== undefined && UNAVAILABLE_SQLSTATE.has(state)) return true;
    if (typeof candidate.code === 'string' && CONNECTION_CODES.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && CONNECTION_MESSAGES.test(candidate.message)) return true;
    cause = candidate.driverError ?? candidate.cause;
  }
  return false;
}
