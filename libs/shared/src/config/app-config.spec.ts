import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_JWT_SECRET, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults that run locally with the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databaseRunMigrations: true,
      dataDir: './data',
      redisUrl: undefined,
      redisKeyPrefix: 'pnyx',
      jwtSecret: DEFAULT_JWT_SECRET,
      corsOrigins: [],
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/pnyx',
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_URL: 'redis://cache:6379',
      REDIS_KEY_PREFIX: 'pnyx-staging',
      CORS_ORIGINS: 'https://a.example.org, https://b.example.org',
      LOG_LEVEL: 'debug',
      ACCESS_TOKEN_TTL_SECONDS: '300',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/pnyx',
      databaseRunMigrations: false,
      redisUrl: 'redis://cache:6379',
      redisKeyPrefix: 'pnyx-staging',
      corsOrigins: ['https://a.example.org', 'https://b.example.org'],
      logLevel: 'debug',
      accessTokenTtlSeconds: 300,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be/],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL must use postgres: or postgresql:/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ REDIS_URL: 'http://cache' }, /^REDIS_URL must use redis: or rediss:/],
    [{ REDIS_KEY_PREFIX: 'a b' }, /^REDIS_KEY_PREFIX must be 1 to 64/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace/],
    [{ CORS_ORIGINS: 'https://ok.example.org,*' }, /^CORS_ORIGINS must be a comma-separated list of origins.*"\*"/],
    [{ CORS_ORIGINS: 'https://example.org/path' }, /^CORS_ORIGINS/],
    [{ DATABASE_RUN_MIGRATIONS: 'maybe' }, /^DATABASE_RUN_MIGRATIONS must be true or false/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of development, test, production/],
  ])('names the variable when %j is bad', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y', REDIS_URL: 'z' })).toHaveLength(3);
  });

  it('refuses the default or a short secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^JWT_SECRET must be set in production/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEFAULT_JWT_SECRET })).toEqual([expect.stringMatching(/^JWT_SECRET must be set/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/at least 32 characters/)]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
  });

  it('says which variables are wrong in the error message', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/Invalid configuration:\n {2}- PORT must be/);
  });

  it('reads identity providers from OIDC_PROVIDERS and their OIDC_<ID>_* variables', () => {
    const config = loadConfig({
      OIDC_PROVIDERS: 'franceconnect, city-accounts',
      OIDC_FRANCECONNECT_ISSUER: 'https://fcp.integ01.dev-franceconnect.fr/api/v2',
      OIDC_FRANCECONNECT_CLIENT_ID: 'abc',
      OIDC_FRANCECONNECT_CLIENT_SECRET: 's3cret',
      OIDC_FRANCECONNECT_NAME: 'FranceConnect',
      OIDC_FRANCECONNECT_SCOPES: 'openid given_name family_name birthdate',
      OIDC_FRANCECONNECT_CLAIMS: 'given_name,family_name,birthdate',
      OIDC_CITY_ACCOUNTS_ISSUER: 'http://127.0.0.1:9000',
      OIDC_CITY_ACCOUNTS_CLIENT_ID: 'pnyx',
    });
    expect(config.oidcProviders).toEqual([
      { id: 'franceconnect', name: 'FranceConnect', issuer: 'https://fcp.integ01.dev-franceconnect.fr/api/v2', clientId: 'abc', clientSecret: 's3cret', scopes: 'openid given_name family_name birthdate', claims: ['given_name', 'family_name', 'birthdate'] },
      { id: 'city-accounts', name: 'city-accounts', issuer: 'http://127.0.0.1:9000', clientId: 'pnyx', clientSecret: undefined, scopes: 'openid profile', claims: ['given_name', 'family_name', 'birthdate', 'email'] },
    ]);
    expect(config.passwordLogin).toBe(true);
    expect(loadConfig({ PASSWORD_LOGIN: 'false' }).passwordLogin).toBe(false);
  });

  it('refuses identity providers it could not use safely', () => {
    expect(problemsOf({ OIDC_PROVIDERS: 'Bad_Id' })).toEqual([expect.stringMatching(/OIDC_PROVIDERS must list ids/)]);
    expect(problemsOf({ OIDC_PROVIDERS: 'city' })).toEqual([expect.stringMatching(/OIDC_CITY_ISSUER and OIDC_CITY_CLIENT_ID must be set/)]);
    expect(problemsOf({ OIDC_PROVIDERS: 'city', OIDC_CITY_ISSUER: 'http://idp.example.org', OIDC_CITY_CLIENT_ID: 'x' })).toEqual([expect.stringMatching(/must be an https URL \(http only on this machine\)/)]);
    expect(problemsOf({ OIDC_PROVIDERS: 'city', OIDC_CITY_ISSUER: 'https://idp.example.org', OIDC_CITY_CLIENT_ID: 'x', OIDC_CITY_SCOPES: 'profile' })).toEqual([expect.stringMatching(/must include openid/)]);
    expect(problemsOf({ OIDC_PROVIDERS: 'city', OIDC_CITY_ISSUER: 'https://idp.example.org', OIDC_CITY_CLIENT_ID: 'x', OIDC_CITY_CLAIMS: 'phone_number' })).toEqual([expect.stringMatching(/may list only given_name/)]);
    expect(problemsOf({ OIDC_PROVIDERS: 'city,city', OIDC_CITY_ISSUER: 'https://idp.example.org', OIDC_CITY_CLIENT_ID: 'x' })).toEqual([expect.stringMatching(/lists "city" twice/)]);
  });

  it('reads retention periods, refusing negative ones', () => {
    expect(loadConfig({}).retention).toEqual({ poolMonths: 12, rollDays: 90, sessionDays: 30, jobIntervalHours: 24 });
    expect(loadConfig({ RETENTION_POOL_MONTHS: '36', RETENTION_ROLL_DAYS: '0', RETENTION_JOB_INTERVAL_HOURS: '0' }).retention).toMatchObject({ poolMonths: 36, rollDays: 0, jobIntervalHours: 0 });
    expect(problemsOf({ RETENTION_ROLL_DAYS: '-1' })).toEqual([expect.stringMatching(/RETENTION_ROLL_DAYS must be an integer/)]);
  });
});
