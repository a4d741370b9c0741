import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { ReferendumStatus } from './entities/referendum.entity.js';

export type ReferendumEvent =
  /** Someone voted (online or on paper): turnout changed; read it afresh, events may cross. */
  | { type: 'referendum.voted'; referendumId: string }
  | { type: 'referendum.status'; referendumId: string; status: ReferendumStatus };

/** Referendum events, for live pages and anyone else in-process. */
@Injectable()
export class ReferendumEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: ReferendumEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: ReferendumEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
