/**
 * Process configuration, read once from the environment and validated before anything starts.
 * A bad value stops start-up with a message naming the variable (see `loadConfig`).
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** PostgreSQL server; `undefined` means "start the embedded PostgreSQL under dataDir". */
  databaseUrl: string | undefined;
  /** Run pending migrations when the app starts. */
  databaseRunMigrations: boolean;
  databasePoolSize: number;
  dataDir: string;
  /** When set, socket.io runs over Redis Streams so several API instances share rooms. */
  redisUrl: string | undefined;
  /** Prefix of Pnyx's Redis keys (several deployments can share one Redis). */
  redisKeyPrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /**
   * How long a checked session is trusted from memory before it is asked of the database again;
   * logouts, role changes and disabled accounts still apply at once (LISTEN/NOTIFY). 0 = no cache.
   */
  sessionCacheSeconds: number;
  /** Exact origins allowed by CORS; empty means no cross-origin browser access. */
  corsOrigins: string[];
  logLevel: LogLevel;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Login attempts per client address per minute before 429. */
  loginRatePerMinute: number;
  /** Answer with the `X-Forwarded-For` address (set when behind a reverse proxy you trust). */
  trustProxy: boolean;
  /** Largest pool or quota file accepted by an upload, in bytes. */
  poolUploadLimitBytes: number;
  /** Largest source list (electoral roll…) for an invitation draw, in bytes; streamed, never held whole. */
  sourceListLimitBytes: number;
  /** The web app's public address, printed on invitation letters (default: the address the request came to). */
  publicUrl: string | undefined;
  /** ILP solver for sortition pricing problems (glpk is faster on them; highs is the alternative). */
  sortitionSolver: 'glpk' | 'highs';
  /** Draw jobs one API instance runs at once (each takes a worker thread and most of a core). */
  sortitionConcurrency: number;
  /** A draw job that runs longer fails with DRAW_TIME_BUDGET_EXCEEDED. */
  sortitionTimeBudgetSeconds: number;
  /** HTTP worker processes sharing the port (node:cluster); 1 = this process serves alone. */
  apiWorkers: number;
  /** The built web app (`npm run build`), served at `/`. */
  webDir: string;
  /** Email-and-password accounts (registration and login); off where residents sign in through a provider only. */
  passwordLogin: boolean;
  /** OpenID Connect providers offered on the sign-in page, in the order of OIDC_PROVIDERS. */
  oidcProviders: OidcProviderConfig[];
  /** Personal data kept no longer than these periods (docs/personal-data.md). */
  retention: RetentionConfig;
}

/** One OpenID Connect provider (FranceConnect, the city's resident accounts…), from OIDC_<ID>_* variables. */
export interface OidcProviderConfig {
  /** Lower-case id in URLs and on linked identities (`franceconnect`). */
  id: string;
  /** The button's text ("FranceConnect"). */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  /** Claims read and kept from the ID token and userinfo (of given_name, family_name, birthdate, email). */
  claims: OidcClaim[];
}

export const OIDC_CLAIMS = ['given_name', 'family_name', 'birthdate', 'email'] as const;
export type OidcClaim = (typeof OIDC_CLAIMS)[number];

export interface RetentionConfig {
  /** Pools' personal columns, source lists, invitations' names and addresses, respondents' contacts: months after the assembly's term ends. */
  poolMonths: number;
  /** Electoral rolls' names and birth dates and voting codes: days after the referendum's results are published. */
  rollDays: number;
  /** Ended sessions (sign-ins) and their refresh tokens: days after they ended or expired. */
  sessionDays: number;
  /** Hours between two runs of the purge job; 0 = only `pnyx data purge`. */
  jobIntervalHours: number;
}

/** The development secret. Refused when NODE_ENV=production. */
export const DEFAULT_JWT_SECRET = 'pnyx-local-development-secret-change-me-in-production';
const MIN_PRODUCTION_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a `ConfigError` listing every bad variable. */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const found = allowed.find((candidate) => candidate === raw);
    if (found === undefined) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return found;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push(`${name} must be a URL such as ${protocols[0]}//host:port/... (the value could not be parsed)`);
      return undefined;
    }
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      return undefined;
    }
    return raw;
  };

  const keyPrefix = (name: string, fallback: string): string => {
    const raw = read(name) ?? fallback;
    if (!/^[A-Za-z0-9:_-]{1,64}$/.test(raw)) problems.push(`${name} must be 1 to 64 letters, digits, ':', '_' or '-' (got "${raw}")`);
    return raw;
  };

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const jwtSecret = read('JWT_SECRET') ?? DEFAULT_JWT_SECRET;
  if (nodeEnv === 'production') {
    if (jwtSecret === DEFAULT_JWT_SECRET) {
      problems.push('JWT_SECRET must be set in production (the built-in development secret is refused)');
    } else if (jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      problems.push(`JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
    }
  }

  const corsOrigins: string[] = [];
  for (const origin of (read('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      problems.push(`CORS_ORIGINS must be a comma-separated list of origins like https://pnyx.example.org (bad entry "${origin}")`);
    } else {
      corsOrigins.push(origin);
    }
  }

  const config: AppConfig = {
    nodeEnv,
    host: read('HOST') ?? '127.0.0.1',
    port: integer('PORT', 3000, 0, 65535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseRunMigrations: boolean('DATABASE_RUN_MIGRATIONS', true),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 20, 1, 500),
    dataDir: read('PNYX_DATA_DIR') ?? './data',
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: keyPrefix('REDIS_KEY_PREFIX', 'pnyx'),
    jwtSecret,
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    sessionCacheSeconds: integer('SESSION_CACHE_SECONDS', 60, 0, 3600),
    corsOrigins,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    loginRatePerMinute: integer('LOGIN_RATE_PER_MINUTE', 20, 1, 100_000),
    trustProxy: boolean('TRUST_PROXY', false),
    poolUploadLimitBytes: integer('POOL_UPLOAD_LIMIT_BYTES', 20 * 1_048_576, 1024, 1024 * 1_048_576),
    sourceListLimitBytes: integer('SOURCE_LIST_LIMIT_BYTES', 512 * 1_048_576, 1024, 16 * 1024 * 1_048_576),
    publicUrl: url('PUBLIC_URL', ['http:', 'https:']),
    sortitionSolver: oneOf('SORTITION_SOLVER', ['glpk', 'highs'] as const, 'glpk'),
    sortitionConcurrency: integer('SORTITION_CONCURRENCY', 1, 1, 64),
    sortitionTimeBudgetSeconds: integer('SORTITION_TIME_BUDGET_SECONDS', 3600, 1, 7 * 86_400),
    apiWorkers: integer('API_WORKERS', 1, 1, 64),
    webDir: read('PNYX_WEB_DIR') ?? './dist/web',
    passwordLogin: boolean('PASSWORD_LOGIN', true),
    oidcProviders: readOidcProviders(read, problems),
    retention: {
      poolMonths: integer('RETENTION_POOL_MONTHS', 12, 0, 240),
      rollDays: integer('RETENTION_ROLL_DAYS', 90, 0, 3650),
      sessionDays: integer('RETENTION_SESSION_DAYS', 30, 0, 3650),
      jobIntervalHours: integer('RETENTION_JOB_INTERVAL_HOURS', 24, 0, 24 * 31),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * OIDC_PROVIDERS=franceconnect,city, then per provider OIDC_FRANCECONNECT_ISSUER, _CLIENT_ID,
 * _CLIENT_SECRET, _NAME, _SCOPES (default "openid profile") and _CLAIMS (default all four).
 * Plain http only for a provider on this machine (tests, development).
 */
function readOidcProviders(read: (name: string) => string | undefined, problems: string[]): OidcProviderConfig[] {
  const ids = (read('OIDC_PROVIDERS') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const providers: OidcProviderConfig[] = [];
  for (const id of ids) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(id)) {
      problems.push(`OIDC_PROVIDERS must list ids of lower-case letters, digits and '-' (bad entry "${id}")`);
      continue;
    }
    if (providers.some((p) => p.id === id)) {
      problems.push(`OIDC_PROVIDERS lists "${id}" twice`);
      continue;
    }
    const prefix = `OIDC_${id.toUpperCase().replace(/-/g, '_')}_`;
    const issuer = read(`${prefix}ISSUER`);
    const clientId = read(`${prefix}CLIENT_ID`);
    if (issuer === undefined || clientId === undefined) {
      problems.push(`${prefix}ISSUER and ${prefix}CLIENT_ID must be set for the provider "${id}"`);
      continue;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(issuer);
    } catch {
      parsed = undefined;
    }
    const loopback = parsed !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed === undefined || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback))) {
      problems.push(`${prefix}ISSUER must be an https URL (http only on this machine) (got "${issuer}")`);
      continue;
    }
    const claims: OidcClaim[] = [];
    for (const claim of (read(`${prefix}CLAIMS`) ?? OIDC_CLAIMS.join(',')).split(',').map((c) => c.trim()).filter(Boolean)) {
      const known = OIDC_CLAIMS.find((candidate) => candidate === claim);
      if (known === undefined) problems.push(`${prefix}CLAIMS may list only ${OIDC_CLAIMS.join(', ')} (got "${claim}")`);
      else if (!claims.includes(known)) claims.push(known);
    }
    const scopes = read(`${prefix}SCOPES`) ?? 'openid profile';
    if (!scopes.split(/\s+/).includes('openid')) problems.push(`${prefix}SCOPES must include openid (got "${scopes}")`);
    providers.push({ id, name: read(`${prefix}NAME`) ?? id, issuer, clientId, clientSecret: read(`${prefix}CLIENT_SECRET`), scopes, claims });
  }
  return providers;
}
