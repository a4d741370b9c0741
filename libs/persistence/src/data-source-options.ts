import type { MixedList } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface DataSourceSettings {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  entities?: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one set of DataSource options, used by the app, the CLI and ormconfig.ts (TypeORM CLI).
 * Schema changes only through migrations; query logging stays off because parameters can hold
 * secrets (hashes, receipts).
 */
export function createDataSourceOptions(settings: DataSourceSettings): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    logging: false,
    applicationName: settings.applicationName ?? 'pnyx',
    extra: {
      max: settings.poolSize ?? 20,
      connectionTimeoutMillis: 10_000,
      // A stuck statement must not hold a request (or a lock) forever.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
