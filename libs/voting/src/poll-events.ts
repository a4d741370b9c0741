import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export type PollEvent =
  | { type: 'poll.opened'; pollId: string; assemblyId: string | null }
  | { type: 'poll.closed'; pollId: string; assemblyId: string | null; ballots: number }
  | { type: 'poll.published'; pollId: string; assemblyId: string | null }
  | { type: 'poll.turnout'; pollId: string; assemblyId: string | null; participants: number; eligible: number | null };

/** Domain events of polls, for the deliberation room (issue #6) and anyone else in-process. */
@Injectable()
export class PollEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: PollEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: PollEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
