/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate`), built from the same options as
 * the app (libs/persistence). Uses DATABASE_URL, else the embedded PostgreSQL under ./data (started
 * if needed and left running for the next command).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, openDatabaseServer } from '@app/persistence';
import { loadConfig } from '@app/shared';
import { ALL_ENTITIES } from './apps/cli/src/entities.js';

const config = loadConfig(process.env);
const server = await openDatabaseServer(config, (message) => process.stderr.write(`${message}\n`));

export default new DataSource(createDataSourceOptions({ url: server.url, entities: ALL_ENTITIES, applicationName: 'pnyx-typeorm-cli' }));
