import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig, JsonLogger } from '@app/shared';

/** Socket payloads are small commands; a megabyte (socket.io's default) is only an attack surface. */
const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

/**
 * socket.io for every gateway. With REDIS_URL, namespaces share rooms and server-side events across
 * API instances through the Redis Streams adapter, which resumes from its last stream offset after
 * a Redis outage instead of losing what was published meanwhile. Without it, one instance runs alone.
 */
export class PnyxIoAdapter extends IoAdapter {
  private adapterFactory: ReturnType<typeof createAdapter> | undefined;
  private redis: { isOpen: boolean; close(): Promise<void> } | undefined;

  constructor(
    app: INestApplication,
    private readonly config: AppConfig,
    private readonly log: JsonLogger,
  ) {
    super(app);
  }

  async connectRedis(): Promise<void> {
    if (this.config.redisUrl === undefined) return;
    const client = createClient({ url: this.config.redisUrl });
    // node-redis reconnects by itself (every half second at most) and reports each failed attempt as
    // an error: the outage is logged when it begins and when it ends, with the attempts in between,
    // never thrown at the process. Meanwhile the rooms read across instances from the database.
    let failedAttempts: number | undefined;
    client.on('error', (error: unknown) => {
      if (failedAttempts === undefined) this.log.warn({ msg: 'Redis connection lost: live rooms fall back to the database across instances', err: error instanceof Error ? error.message : String(error) }, 'Sockets');
      failedAttempts = (failedAttempts ?? 0) + 1;
    });
    client.on('ready', () => {
      if (failedAttempts !== undefined) this.log.log({ msg: 'Redis connection restored', failedAttempts }, 'Sockets');
      failedAttempts = undefined;
    });
    await client.connect();
    this.redis = client;
    this.adapterFactory = createAdapter(client, { streamName: `${this.config.redisKeyPrefix}:socket.io`, maxLen: 100_000 });
    this.log.log({ msg: 'socket.io runs over Redis Streams', stream: `${this.config.redisKeyPrefix}:socket.io` }, 'Sockets');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, { ...options, maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES } as ServerOptions);
    if (this.adapterFactory !== undefined) server.adapter(this.adapterFactory);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    if (this.redis?.isOpen === true) await this.redis.close();
  }
}

/** Installs the adapter; call before `listen()` / `init()`. */
export async function configureSockets(app: INestApplication, config: AppConfig, logger: JsonLogger): Promise<PnyxIoAdapter> {
  const adapter = new PnyxIoAdapter(app, config, logger);
  await adapter.connectRedis();
  app.useWebSocketAdapter(adapter);
  return adapter;
}
