import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { SortitionProgress } from '@app/sortition';
import type { DrawStatus } from './entities/draw.entity.js';

export interface DrawUpdate {
  drawId: string;
  assemblyId: string;
  status: DrawStatus;
  progress: SortitionProgress | null;
}

/** Draw progress and status changes, for the socket gateway (and anyone else in-process). */
@Injectable()
export class DrawEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(update: DrawUpdate): void {
    this.emitter.emit('update', update);
  }

  subscribe(listener: (update: DrawUpdate) => void): () => void {
    this.emitter.on('update', listener);
    return () => this.emitter.off('update', listener);
  }
}
