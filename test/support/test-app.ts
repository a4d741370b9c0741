import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { JsonLogger, loadConfig, type AppConfig, type Clock } from '@app/shared';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { createApiApp } from '../../apps/api/src/configure-app.js';
import { configureSockets } from '../../apps/api/src/socket-adapter.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Silences logs in tests, but keeps them inspectable. */
export class MemoryLogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}

/**
 * The real app, configured by the same `configureApp()` as main.ts, on a database of its own.
 * `env` overrides configuration variables as the environment would.
 */
export async function startTestApp(options: { env?: Record<string, string>; clock?: Clock; logSink?: MemoryLogSink; database?: TestDatabase } = {}): Promise<TestApp> {
  // A second instance of the same deployment shares the first one's database (and does not drop it).
  const shared = options.database;
  const database = shared ?? (await createTestDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: database.url, ...options.env });
  const logger = new JsonLogger(config.logLevel, options.logSink ?? new MemoryLogSink());
  const app = await createApiApp(ApiModule.forRoot({ config, databaseUrl: database.url, clock: options.clock }), config, logger);
  await configureSockets(app, config, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    database,
    close: async () => {
      await app.close();
      if (shared === undefined) await database.drop();
    },
  };
}
