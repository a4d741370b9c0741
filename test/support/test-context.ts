import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JsonLogger, loadConfig, type Clock } from '@app/shared';
import { CoreModule } from '@app/shared';
import { DatabaseModule } from '@app/persistence';
import { IdentityModule } from '@app/identity';
import { Module, type DynamicModule } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { MemoryLogSink } from './test-app.js';

@Module({})
class IntegrationModule {
  static forRoot(databaseUrl: string, clock?: Clock): DynamicModule {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl });
    return {
      module: IntegrationModule,
      imports: [CoreModule.forRoot({ config, clock }), DatabaseModule.forRoot({ url: databaseUrl, runMigrations: false, poolSize: 30 }), IdentityModule],
    };
  }
}

export interface TestContext {
  context: INestApplicationContext;
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The services of the libraries, without HTTP, on a database of their own. */
export async function startTestContext(options: { clock?: Clock } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const context = await NestFactory.createApplicationContext(IntegrationModule.forRoot(database.url, options.clock), {
    logger: new JsonLogger('warn', new MemoryLogSink()),
    abortOnError: false,
  });
  return {
    context,
    dataSource: context.get<DataSource>(getDataSourceToken()),
    database,
    close: async () => {
      await context.close();
      await database.drop();
    },
  };
}
