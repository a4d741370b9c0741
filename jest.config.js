import { findRedis } from './test/support/redis.mjs';

// Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through SWC with decorator metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@app/(shared|persistence|identity|sortition|assembly|majority-judgment|budget-rules|indemnities|voting|agenda|deliberation|referendum|budget)$': '<rootDir>/libs/$1/src/index.ts',
    '^@pure/voting-code-check$': '<rootDir>/libs/referendum/src/voting-code-check.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // ESM only; see the file.
    '^content-disposition$': '<rootDir>/test/support/content-disposition.cjs',
  },
  testEnvironment: 'node',
  rootDir: '.',
};

// Tests of several API instances need a Redis (test/support/redis.mjs); without any they are left out, loudly.
const redis = await findRedis();
process.env.PNYX_TEST_REDIS_MODE = redis.mode;
if (redis.mode === 'url') process.env.PNYX_TEST_REDIS_URL = redis.url;
if (redis.mode === 'none') {
  process.stderr.write('\n[tests] NO REDIS (no REDIS_URL, nothing on 127.0.0.1:6379, no redis-server): the multi-instance tests (*.redis.e2e.ts) are NOT run\n');
}

/** @type {import('jest').Config} */
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'], testPathIgnorePatterns: redis.mode === 'none' ? ['\\.redis\\.e2e\\.ts$'] : [] },
  ],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};
