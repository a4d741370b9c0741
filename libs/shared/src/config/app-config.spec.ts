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
});
