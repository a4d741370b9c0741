import type { Socket } from 'socket.io-client';
import type { LiveEventName, LiveEvents, LiveTopic } from './live-events';

type Handler<K extends LiveEventName> = (payload: LiveEvents[K]) => void;
/** Handlers are stored by event name; each is only ever called with its own event's payload. */
type AnyHandler = (payload: unknown) => void;

/**
 * One socket.io connection to `/live` per tab, opened when a page first follows a topic (the
 * client library is loaded then, not with the page). Topics are counted, so pages can follow and
 * leave freely; after a reconnection every topic is followed again and `onResync` listeners
 * refetch what they show, since pushes made while disconnected are lost.
 */
class LiveClient {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private readonly topics = new Map<LiveTopic, number>();
  private readonly handlers = new Map<LiveEventName, Set<AnyHandler>>();
  private readonly resyncs = new Set<(topics: LiveTopic[]) => void>();

  follow(topic: LiveTopic): () => void {
    const count = this.topics.get(topic) ?? 0;
    this.topics.set(topic, count + 1);
    if (count === 0) void this.connect().then((socket) => this.watch(socket, [topic]));
    return () => {
      const left = (this.topics.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.topics.set(topic, left);
        return;
      }
      this.topics.delete(topic);
      if (this.socket?.connected === true) this.socket.emit('unwatch', { topics: [topic] });
    };
  }

  on<K extends LiveEventName>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(event, set);
      const name: string = event; // socket.io's typed overloads do not take a generic event name
      this.socket?.on(name, (payload: unknown) => this.dispatch(event, payload));
    }
    const stored = handler as AnyHandler;
    set.add(stored);
    return () => set.delete(stored);
  }

  onResync(listener: (topics: LiveTopic[]) => void): () => void {
    this.resyncs.add(listener);
    return () => this.resyncs.delete(listener);
  }

  private dispatch(event: LiveEventName, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  private connect(): Promise<Socket> {
    this.connecting ??= import('socket.io-client').then(({ io }) => {
      const socket = io('/live', { transports: ['websocket', 'polling'] });
      for (const event of this.handlers.keys()) socket.on(event, (payload: unknown) => this.dispatch(event, payload));
      let connectedBefore = false;
      socket.on('connect', () => {
        const topics = [...this.topics.keys()];
        if (connectedBefore && topics.length > 0) {
          this.watch(socket, topics);
          for (const listener of this.resyncs) listener(topics);
        }
        connectedBefore = true;
      });
      this.socket = socket;
      return socket;
    });
    return this.connecting;
  }

  private watch(socket: Socket, topics: LiveTopic[]): void {
    // Emitted before connecting, socket.io buffers it and sends it once connected.
    socket.emit('watch', { topics });
  }
}

export const live = new LiveClient();
