import 'reflect-metadata';
import cluster from 'node:cluster';
import { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, JsonLogger, loadConfig, type AppConfig } from '@app/shared';
import { createDataSourceOptions, openDatabaseServer } from '@app/persistence';
import { ApiModule } from './api.module.js';
import { createApiApp } from './configure-app.js';
import { configureSockets } from './socket-adapter.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);
  if (config.apiWorkers > 1 && cluster.isPrimary) return supervise(config, logger);
  const database = await openDatabaseServer(config, (message) => logger.log(message, 'Database'));

  let app: NestFastifyApplication;
  try {
    app = await createApiApp(ApiModule.forRoot({ config, databaseUrl: database.url }), config, logger);
    await configureSockets(app, config, logger);
    await app.listen(config.port, config.host);
  } catch (error) {
    await database.stop(); // do not leave an embedded server behind a failed start
    throw error;
  }
  logger.log({ msg: 'Pnyx API listening', url: `http://${config.host}:${config.port}/api`, docs: `/api/docs` }, 'Main');

  // Graceful shutdown: stop accepting, finish in-flight requests, close the pool, then the database.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal }, 'Main');
    const forced = setTimeout(() => process.exit(1), 25_000);
    forced.unref();
    void app
      .close()
      .then(() => database.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ msg: 'error during shutdown', err: error }, 'Main');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * API_WORKERS > 1: this process owns the database (embedded or not) and the migrations, and forks
 * that many HTTP workers sharing the port (node:cluster). Background jobs run in every worker; they
 * are already safe across instances (leases, SKIP LOCKED, row locks). A crashed worker is replaced.
 */
async function supervise(config: AppConfig, logger: JsonLogger): Promise<void> {
  const database = await openDatabaseServer(config, (message) => logger.log(message, 'Database'));
  try {
    if (config.databaseRunMigrations) {
      const dataSource = new DataSource(createDataSourceOptions({ url: database.url, poolSize: 1, applicationName: 'pnyx-migrations' }));
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
  let stopping = false;
  const fork = (): void => {
    cluster.fork({ DATABASE_URL: database.url, DATABASE_RUN_MIGRATIONS: 'false' });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn({ msg: 'API worker exited; starting another', pid: worker.process.pid, code, signal }, 'Main');
    fork();
  });
  for (let i = 0; i < config.apiWorkers; i += 1) fork();
  logger.log({ msg: 'Pnyx API supervising workers', workers: config.apiWorkers, url: `http://${config.host}:${config.port}/api` }, 'Main');

  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down workers', signal }, 'Main');
    const forced = setTimeout(() => process.exit(1), 30_000);
    forced.unref();
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    void Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    )
      .then(() => database.stop())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Pnyx API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
