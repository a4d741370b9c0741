export * from './data-source-options.js';
export * from './database.module.js';
export * from './database-server.js';
export * from './embedded-postgres.js';
export * from './snake-naming.strategy.js';
export * from './transaction.js';
export * from './postgres-errors.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './keyset-cursor.js';
