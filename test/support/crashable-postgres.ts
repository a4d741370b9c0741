import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '@app/persistence';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface CrashablePostgres {
  url: string;
  /** SIGKILL to the postmaster: no shutdown, no checkpoint, as a power cut would leave it. */
  kill(): void;
  /** Starts it again on the same port and data (crash recovery replays the WAL). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL of a test's own (embedded, on a free port), so it can be killed without harming the
 * other tests: for the "acknowledged means durable" tests of every vote path.
 */
export async function startCrashablePostgres(prefix: string): Promise<CrashablePostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), `pnyx-crash-${prefix}-`));
  chmodSync(dataDir, 0o755); // as root the embedded server runs as `postgres`, which must reach it
  const port = await freePort();
  let server = new EmbeddedPostgres({ dataDir, database: 'pnyx', port });
  const url = await server.start();
  return {
    url,
    kill: () => process.kill(server.pid!, 'SIGKILL'),
    restart: async () => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const candidate = new EmbeddedPostgres({ dataDir, database: 'pnyx', port });
        try {
          await candidate.start();
          server = candidate;
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 500)); // the old server's processes are still exiting
        }
      }
      throw new Error('PostgreSQL did not restart');
    },
    stop: () => server.stop(),
  };
}
