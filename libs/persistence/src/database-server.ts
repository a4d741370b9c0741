import { EmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  url: string;
  /** True when this process runs an embedded PostgreSQL it must stop on shutdown. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when given; otherwise the embedded PostgreSQL under `dataDir` (started, or
 * attached to when another pnyx process already runs it).
 */
export async function openDatabaseServer(
  settings: { databaseUrl: string | undefined; dataDir: string },
  log: (message: string) => void = () => undefined,
): Promise<DatabaseServer> {
  if (settings.databaseUrl !== undefined) {
    return { url: settings.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const server = new EmbeddedPostgres({ dataDir: settings.dataDir, log });
  const url = await server.start();
  return { url, embedded: server.owned, stop: () => server.stop() };
}
