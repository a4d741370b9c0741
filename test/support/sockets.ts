import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';

export interface SessionEvent {
  sessionId: string;
  seq: number;
  type: string;
  at: string;
  actorId: string | null;
  data: Record<string, unknown>;
  room?: Record<string, unknown>;
}

export type Ack = { ok: true; seq?: number | null; [key: string]: unknown } | { ok: false; code: string; message: string };

/** Listens on a free port (once) and returns the `/deliberation` namespace URL. */
export async function deliberationUrl(app: INestApplication): Promise<string> {
  const server = app.getHttpServer() as Server;
  if (!server.listening) await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/deliberation`;
}

/** A socket.io client that records every `session.event` it receives. */
export class RoomClient {
  readonly events: SessionEvent[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('session.event', (event: SessionEvent) => this.events.push(event));
  }

  static async connect(url: string, token: string | undefined): Promise<RoomClient> {
    const socket = io(url, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return new RoomClient(socket);
  }

  emit(event: string, payload: unknown): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>;
  }

  /** Emits and expects `{ ok: true }`. */
  async ok(event: string, payload: unknown): Promise<Ack & { ok: true }> {
    const ack = await this.emit(event, payload);
    if (!ack.ok) throw new Error(`${event} refused: ${ack.code} ${ack.message}`);
    return ack;
  }

  /** Waits until an event matching `predicate` has arrived (polling the record, 10 s at most). */
  async waitFor(predicate: (event: SessionEvent) => boolean, what = 'event'): Promise<SessionEvent> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.events.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.events.map((e) => `${e.seq}:${e.type}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  types(): string[] {
    return this.events.map((event) => event.type);
  }

  close(): void {
    this.socket.close();
  }
}
