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
