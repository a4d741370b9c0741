import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { ProposalAction, ProposalState } from './proposal-lifecycle.js';

export interface ProposalTransitioned {
  type: 'proposal.transitioned';
  proposalId: string;
  assemblyId: string;
  action: ProposalAction;
  from: ProposalState;
  to: ProposalState;
}

/** Agenda events, for the deliberation room (issue #6) and anyone else in-process. */
@Injectable()
export class AgendaEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: ProposalTransitioned): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: ProposalTransitioned) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
