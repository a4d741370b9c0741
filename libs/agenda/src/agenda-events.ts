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

/** A petition's support count changed (committed); read the count afresh, events may cross. */
export interface SupportsChanged {
  type: 'proposal.supports-changed';
  proposalId: string;
  assemblyId: string;
}

export type AgendaEvent = ProposalTransitioned | SupportsChanged;

/** Agenda events, for the deliberation room (issue #6), live pages and anyone else in-process. */
@Injectable()
export class AgendaEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: AgendaEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: AgendaEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
