import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfig } from '@app/shared';
import { openDatabaseServer } from '@app/persistence';
import { CliModule } from './cli.module.js';

/**
 * Runs `work` with the app's services, on DATABASE_URL or the embedded PostgreSQL (attached to if
 * the API already runs it), and always closes what it opened.
 */
export async function withAppContext<T>(
  work: (context: INestApplicationContext) => Promise<T>,
  options: { runMigrations?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env);
  const logger = new JsonLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  const database = await openDatabaseServer(config, (message) => logger.log(message, 'Database'));
  try {
    const context = await NestFactory.createApplicationContext(
      CliModule.forRoot(config, database.url, options.runMigrations ?? config.databaseRunMigrations),
      { logger, abortOnError: false },
    );
    try {
      return await work(context);
    } finally {
      await context.close();
    }
  } finally {
    await database.stop();
  }
}
