/**
 * The life of an agenda proposal, as a pure state machine (no I/O): which action moves a proposal
 * from which state to which, who may take it, and the stable code of every refusal.
 *
 *   draft → submitted → (motion) under-review
 *                     → (petition) collecting → threshold-reached → under-review
 *                                             → expired → archived
 *   under-review → admissible → scheduled → deliberated → decided → archived
 *                → inadmissible (public reason) → archived
 *   the author withdraws at any point before scheduling.
 */
export const PROPOSAL_STATES = [
  'draft',
  'submitted',
  'collecting',
  'threshold-reached',
  'expired',
  'under-review',
  'admissible',
  'inadmissible',
  'scheduled',
  'deliberated',
  'decided',
  'archived',
  'withdrawn',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_KINDS = ['motion', 'petition'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_ACTIONS = [
  'submit',
  'open-supports',
  'reach-threshold',
  'expire',
  'start-review',
  'admit',
  'reject',
  'schedule',
  'unschedule',
  'mark-deliberated',
  'decide',
  'archive',
  'withdraw',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** Who acts: the author, the assembly's organisers or facilitators ("chair"), or the system (supports, deadlines). */
export type Actor = 'author' | 'organiser' | 'facilitator' | 'system';

interface Rule {
  from: readonly ProposalState[];
  to: ProposalState;
  by: readonly Actor[];
  kinds?: readonly ProposalKind[];
}

const CHAIR: readonly Actor[] = ['organiser', 'facilitator'];

export const RULES: Record<ProposalAction, Rule> = {
  submit: { from: ['draft'], to: 'submitted', by: ['author'] },
  'open-supports': { from: ['submitted'], to: 'collecting', by: ['system'], kinds: ['petition'] },
  'reach-threshold': { from: ['collecting'], to: 'threshold-reached', by: ['system'], kinds: ['petition'] },
  expire: { from: ['collecting'], to: 'expired', by: ['system'], kinds: ['petition'] },
  'start-review': { from: ['submitted', 'threshold-reached'], to: 'under-review', by: ['organiser'] },
  admit: { from: ['under-review'], to: 'admissible', by: ['organiser'] },
  reject: { from: ['under-review'], to: 'inadmissible', by: ['organiser'] },
  schedule: { from: ['admissible'], to: 'scheduled', by: CHAIR },
  unschedule: { from: ['scheduled'], to: 'admissible', by: CHAIR },
  'mark-deliberated': { from: ['scheduled'], to: 'deliberated', by: CHAIR },
  decide: { from: ['deliberated'], to: 'decided', by: CHAIR },
  archive: { from: ['decided', 'inadmissible', 'expired', 'withdrawn'], to: 'archived', by: ['organiser'] },
  withdraw: { from: ['draft', 'submitted', 'collecting', 'threshold-reached', 'under-review', 'admissible'], to: 'withdrawn', by: ['author'] },
};

export type RefusalCode = 'TRANSITION_NOT_ALLOWED' | 'NOT_ALLOWED_TO_ACT' | 'WRONG_PROPOSAL_KIND' | 'CANNOT_WITHDRAW_SCHEDULED' | 'REASON_REQUIRED';

export class TransitionRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionRefused';
  }
}

export interface TransitionRequest {
  state: ProposalState;
  kind: ProposalKind;
  action: ProposalAction;
  /** Every capacity the caller holds (an organiser may also be the author). */
  actors: readonly Actor[];
  /** Required to reject (the public reason of inadmissibility). */
  reason?: string;
}

/** The next state, or a `TransitionRefused` saying why not. */
export function nextState(request: TransitionRequest): ProposalState {
  const rule = RULES[request.action];
  if (rule.kinds !== undefined && !rule.kinds.includes(request.kind)) {
    throw new TransitionRefused('WRONG_PROPOSAL_KIND', `${request.action} applies to ${rule.kinds.join(' and ')}s only`);
  }
  if (!rule.from.includes(request.state)) {
    if (request.action === 'withdraw' && ['scheduled', 'deliberated', 'decided'].includes(request.state)) {
      throw new TransitionRefused('CANNOT_WITHDRAW_SCHEDULED', 'A proposal on the agenda can no longer be withdrawn');
    }
    throw new TransitionRefused('TRANSITION_NOT_ALLOWED', `A ${request.state} proposal cannot ${request.action.replace(/-/g, ' ')}`);
  }
  if (!rule.by.some((actor) => request.actors.includes(actor))) {
    throw new TransitionRefused('NOT_ALLOWED_TO_ACT', `Only ${rule.by.join(' or ')} may ${request.action.replace(/-/g, ' ')} this proposal`);
  }
  if (request.action === 'reject' && (request.reason ?? '').trim() === '') {
    throw new TransitionRefused('REASON_REQUIRED', 'Declaring a proposal inadmissible needs a public reason');
  }
  return rule.to;
}

/** Whether residents may still support (or withdraw support from) a proposal in this state. */
export function acceptsSupports(kind: ProposalKind, state: ProposalState): boolean {
  return kind === 'petition' && state === 'collecting';
}

/** Amendments are proposed to submitted motions until they are scheduled. */
export function acceptsAmendments(kind: ProposalKind, state: ProposalState): boolean {
  return kind === 'motion' && ['submitted', 'under-review', 'admissible'].includes(state);
}
