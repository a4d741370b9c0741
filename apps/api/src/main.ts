import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, JsonLogger, loadConfig } from '@app/shared';
import { openDatabaseServer } from '@app/persistence';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';

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
  const database = await openDatabaseServer(config, (message) => logger.log(message, 'Database'));

  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot({ config, databaseUrl: database.url }), {
      logger,
      bodyParser: false,
      abortOnError: false,
    });
    configureApp(app, config, logger);
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

main().catch((error: unknown) => {
  process.stderr.write(`Pnyx API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
