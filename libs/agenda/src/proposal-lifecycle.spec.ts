import { describe, expect, it } from '@jest/globals';
import { acceptsAmendments, acceptsSupports, nextState, PROPOSAL_ACTIONS, PROPOSAL_KINDS, PROPOSAL_STATES, RULES, TransitionRefused, type Actor, type ProposalAction, type ProposalKind, type ProposalState } from './proposal-lifecycle.js';

const ALL_ACTORS: Actor[] = ['author', 'organiser', 'facilitator', 'system'];

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TransitionRefused) return error.code;
    throw error;
  }
  return undefined;
}

describe('proposal lifecycle', () => {
  it('walks a petition from draft to archive', () => {
    const steps: Array<[ProposalAction, Actor, ProposalState]> = [
      ['submit', 'author', 'submitted'],
      ['open-supports', 'system', 'collecting'],
      ['reach-threshold', 'system', 'threshold-reached'],
      ['start-review', 'organiser', 'under-review'],
      ['admit', 'organiser', 'admissible'],
      ['schedule', 'facilitator', 'scheduled'],
      ['mark-deliberated', 'facilitator', 'deliberated'],
      ['decide', 'organiser', 'decided'],
      ['archive', 'organiser', 'archived'],
    ];
    let state: ProposalState = 'draft';
    for (const [action, actor, expected] of steps) {
      state = nextState({ state, kind: 'petition', action, actors: [actor] });
      expect(state).toBe(expected);
    }
  });

  it('walks a motion straight from submitted to review, and to inadmissible with a reason', () => {
    expect(nextState({ state: 'submitted', kind: 'motion', action: 'start-review', actors: ['organiser'] })).toBe('under-review');
    expect(refusal(() => nextState({ state: 'under-review', kind: 'motion', action: 'reject', actors: ['organiser'], reason: '  ' }))).toBe('REASON_REQUIRED');
    expect(nextState({ state: 'under-review', kind: 'motion', action: 'reject', actors: ['organiser'], reason: 'Outside the city’s powers' })).toBe('inadmissible');
  });

  // Every (state, kind, actor) for each action: allowed exactly when the rule table says so, with a stable code otherwise.
  for (const action of PROPOSAL_ACTIONS) {
    it(`${action}: allowed or refused with its code, in every state, for every kind and actor`, () => {
      const rule = RULES[action];
      for (const state of PROPOSAL_STATES) {
        for (const kind of PROPOSAL_KINDS) {
          for (const actor of ALL_ACTORS) {
            const run = () => nextState({ state, kind, action, actors: [actor], reason: 'a reason' });
            const kindOk = rule.kinds === undefined || rule.kinds.includes(kind);
            const stateOk = rule.from.includes(state);
            const actorOk = rule.by.includes(actor);
            let expected: string;
            if (kindOk && stateOk && actorOk) expected = rule.to;
            else if (!kindOk) expected = 'WRONG_PROPOSAL_KIND';
            else if (!stateOk) expected = action === 'withdraw' && ['scheduled', 'deliberated', 'decided'].includes(state) ? 'CANNOT_WITHDRAW_SCHEDULED' : 'TRANSITION_NOT_ALLOWED';
            else expected = 'NOT_ALLOWED_TO_ACT';
            const outcome = refusal(run) ?? run();
            expect([state, kind, actor, outcome]).toEqual([state, kind, actor, expected]);
          }
        }
      }
    });
  }

  it('takes supports only while a petition collects, and amendments only on a motion not yet scheduled', () => {
    const kinds: ProposalKind[] = ['motion', 'petition'];
    for (const kind of kinds) {
      for (const state of PROPOSAL_STATES) {
        expect(acceptsSupports(kind, state)).toBe(kind === 'petition' && state === 'collecting');
        expect(acceptsAmendments(kind, state)).toBe(kind === 'motion' && ['submitted', 'under-review', 'admissible'].includes(state));
      }
    }
  });
});
