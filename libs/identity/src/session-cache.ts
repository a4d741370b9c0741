import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { APP_CONFIG, type AppConfig, type GlobalRole } from '@app/shared';

/** The channel the `pnyx_notify_session_change` trigger speaks on (migration SessionNotifications). */
export const SESSION_CHANNEL = 'pnyx_sessions';
/** Enough for a city's busiest hour; past it the oldest entries go first. */
const MAX_ENTRIES = 200_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 30_000;

export interface LiveSession {
  accountId: string;
  roles: GlobalRole[];
  /** When the session itself ends (epoch ms). */
  expiresAt: number;
}

interface Entry extends LiveSession {
  /** After this (performance.now() ms) the entry is not trusted: asked again of the database. */
  staleAt: number;
}

/**
 * Live sessions recently checked, so an authenticated request costs no query, and yet a logout, a
 * demotion or a disabled account takes effect at once on every instance:
 * - a trigger in PostgreSQL notifies `pnyx_sessions` on every change that can end or narrow a
 *   session, whoever makes it; each instance LISTENs on a connection of its own and drops what changed
 *   (notifications arrive at commit, a few milliseconds later);
 * - the instance that makes the change drops it itself right after commit, so its own next request
 *   never sees the old state;
 * - while the listening connection is down nothing is served from memory (notifications could be
 *   missed), and reconnecting empties the cache;
 * - a lookup that raced an invalidation is not stored (`epoch`), and every entry is asked again after
 *   SESSION_CACHE_SECONDS, which bounds staleness should a connection die without telling.
 * SESSION_CACHE_SECONDS=0 turns the cache off: one query per request, as before.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly sessionsByAccount = new Map<string, Set<string>>();
  private readonly ttlMs: number;
  /** Bumped by every invalidation: a lookup started before one is not stored. */
  private epoch = 0;
  private listening = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private hits = 0;
  private misses = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.sessionCacheSeconds * 1000;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Served from memory only while the invalidations are surely heard. */
  get usable(): boolean {
    return this.enabled && this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.goDeaf();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** A snapshot, for the tests. */
  stats(): { listening: boolean; entries: number; hits: number; misses: number } {
    return { listening: this.listening, entries: this.entries.size, hits: this.hits, misses: this.misses };
  }

  /** The cached session, when it is still trusted, belongs to this account and has not ended at `now`. */
  get(sessionId: string, accountId: string, now: number): LiveSession | null {
    if (!this.usable) return null;
    const entry = this.entries.get(sessionId);
    if (entry === undefined || entry.accountId !== accountId || entry.expiresAt <= now || entry.staleAt <= performance.now()) {
      this.misses += 1;
      return null;
    }
    this.hits += 1;
    return entry;
  }

  /** The moment a lookup starts: pass it back to `store`. */
  mark(): number {
    return this.epoch;
  }

  /** Keeps what a lookup found, unless an invalidation arrived since it started (`mark`). */
  store(sessionId: string, session: LiveSession, mark: number): void {
    if (!this.usable || mark !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.evictOldest();
    this.entries.delete(sessionId); // re-inserted last: Map order is the eviction order
    this.entries.set(sessionId, { ...session, staleAt: performance.now() + this.ttlMs });
    let sessions = this.sessionsByAccount.get(session.accountId);
    if (sessions === undefined) this.sessionsByAccount.set(session.accountId, (sessions = new Set()));
    sessions.add(sessionId);
  }

  forgetSession(sessionId: string): void {
    this.epoch += 1;
    const entry = this.entries.get(sessionId);
    if (entry === undefined) return;
    this.entries.delete(sessionId);
    const sessions = this.sessionsByAccount.get(entry.accountId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.sessionsByAccount.delete(entry.accountId);
  }

  forgetAccount(accountId: string): void {
    this.epoch += 1;
    for (const sessionId of this.sessionsByAccount.get(accountId) ?? []) this.entries.delete(sessionId);
    this.sessionsByAccount.delete(accountId);
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done !== true) this.forgetSession(oldest.value);
  }

  private clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.sessionsByAccount.clear();
  }

  private goDeaf(): void {
    this.listening = false;
    this.clear();
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    const client = new pg.Client({ connectionString: options.url, application_name: 'pnyx-session-listener', keepAlive: true });
    this.client = client; // from now on, only this connection's events count
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL && message.payload !== undefined) this.onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return; // lost (or stopped) while connecting
    this.clear(); // whatever happened while deaf is unknown
    this.listening = true;
    if (this.reconnectDelay > RECONNECT_MIN_MS) this.logger.log({ msg: 'session cache listening again' });
    this.reconnectDelay = RECONNECT_MIN_MS;
  }

  private onNotification(payload: string): void {
    const id = payload.slice(2);
    if (payload.startsWith('s:')) this.forgetSession(id);
    else if (payload.startsWith('a:')) this.forgetAccount(id);
    else this.clear(); // unknown: be safe
  }

  /** The listening connection failed or ended: stop serving from memory, try again with backoff. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return; // an older connection's late event, or already handled
    this.client = null;
    const wasListening = this.listening;
    this.goDeaf();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasListening || this.reconnectDelay === RECONNECT_MIN_MS) {
      this.logger.warn({
        msg: 'session cache not listening: every request checks its session in the database until it reconnects',
        err: error instanceof Error ? error.message : undefined,
      });
    }
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(RECONNECT_MAX_MS, this.reconnectDelay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
