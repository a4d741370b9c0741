import { type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { authenticateSockets, Authenticator, DomainException } from '@app/shared';
import { DrawEvents, type DrawUpdate } from './draw-events.js';
import { DrawService } from './draw.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export type WatchReply = { ok: true; draw: { id: string; status: string; progress: unknown } } | { ok: false; code: string; message: string };

/**
 * socket.io namespace `/sortition`: draw progress pushed live. The handshake carries the access token
 * (`auth: { token }`), checked by the same Authenticator as HTTP (`authenticateSockets`). `draw.watch { drawId }` joins the draw's room and
 * acknowledges with its current state; then `draw.update` events follow.
 */
@WebSocketGateway({ namespace: '/sortition' })
export class SortitionGateway implements OnGatewayInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly events: DrawEvents,
    private readonly draws: DrawService,
  ) {}

  afterInit(namespace: Namespace): void {
    authenticateSockets(namespace, this.authenticator);
    this.unsubscribe = this.events.subscribe((update: DrawUpdate) => {
      namespace.to(`draw:${update.drawId}`).emit('draw.update', update);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  @SubscribeMessage('draw.watch')
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<WatchReply> {
    const drawId = (body as { drawId?: unknown } | null)?.drawId;
    if (typeof drawId !== 'string' || !UUID.test(drawId)) return { ok: false, code: 'VALIDATION_FAILED', message: 'drawId must be a UUID' };
    try {
      const draw = await this.draws.get(drawId);
      await socket.join(`draw:${drawId}`);
      return { ok: true, draw: { id: draw.id, status: draw.status, progress: draw.progress } };
    } catch (error) {
      if (error instanceof DomainException) return { ok: false, code: error.code, message: error.message };
      return { ok: false, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' };
    }
  }

  @SubscribeMessage('draw.unwatch')
  async unwatch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ ok: true }> {
    const drawId = (body as { drawId?: unknown } | null)?.drawId;
    if (typeof drawId === 'string') await socket.leave(`draw:${drawId}`);
    return { ok: true };
  }
}
