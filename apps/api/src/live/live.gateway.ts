import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LiveFeed } from './live-feed.js';

const TOPIC = /^(poll|proposal|referendum):[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Topics one socket may follow at once: a page shows a few; a list page a few dozen. */
export const MAX_TOPICS_PER_SOCKET = 100;

export type LiveReply = { ok: true; topics: string[] } | { ok: false; code: string; message: string };

/**
 * socket.io namespace `/live` (public, no token): figures every page may show anyway — poll and
 * referendum turnout, petitions' support counts, status changes — pushed as they change.
 * `watch { topics: ["poll:<id>", "proposal:<id>", "referendum:<id>"] }` follows topics (acknowledged
 * with the topics followed); `unwatch { topics }` stops. Rooms cross instances through the adapter.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit {
  constructor(private readonly feed: LiveFeed) {}

  afterInit(namespace: Namespace): void {
    this.feed.start((topic, event, payload) => namespace.to(topic).emit(event, payload));
  }

  @SubscribeMessage('watch')
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveReply> {
    const topics = topicsOf(body);
    if (topics === null) return { ok: false, code: 'VALIDATION_FAILED', message: 'topics must be a list of "poll:<uuid>", "proposal:<uuid>" or "referendum:<uuid>"' };
    const following = [...socket.rooms].filter((room) => room !== socket.id);
    const fresh = topics.filter((topic) => !socket.rooms.has(topic));
    if (following.length + fresh.length > MAX_TOPICS_PER_SOCKET) {
      return { ok: false, code: 'TOO_MANY_TOPICS', message: `A connection follows at most ${MAX_TOPICS_PER_SOCKET} topics; unwatch some first` };
    }
    await socket.join(fresh);
    return { ok: true, topics };
  }

  @SubscribeMessage('unwatch')
  async unwatch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveReply> {
    const topics = topicsOf(body);
    if (topics === null) return { ok: false, code: 'VALIDATION_FAILED', message: 'topics must be a list of topics' };
    for (const topic of topics) await socket.leave(topic);
    return { ok: true, topics };
  }
}

function topicsOf(body: unknown): string[] | null {
  const topics = (body as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(topics) || topics.length === 0 || topics.length > MAX_TOPICS_PER_SOCKET) return null;
  if (!topics.every((topic): topic is string => typeof topic === 'string' && TOPIC.test(topic))) return null;
  return [...new Set(topics.map((topic) => topic.toLowerCase()))];
}
