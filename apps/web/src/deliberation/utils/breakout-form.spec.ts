import { describe, expect, it } from '@jest/globals';
import { breakoutRequest, type BreakoutDraft } from './breakout-form';

const present = ['a', 'b', 'c', 'd'];
const draft = (changes: Partial<BreakoutDraft>): BreakoutDraft => ({ method: 'random', groups: '2', minutes: '30', features: ['gender'], assignment: {}, ...changes });

describe('the workshop form', () => {
  it('asks for a random split with its features', () => {
    expect(breakoutRequest(draft({}), present)).toEqual({ payload: { groups: 2, minutes: 30, features: ['gender'] }, problems: [] });
  });

  it('names what is wrong: too many groups for the people present, a length out of range', () => {
    expect(breakoutRequest(draft({ groups: '5' }), present).problems).toEqual(['groups']);
    expect(breakoutRequest(draft({ groups: '1', minutes: '0' }), present).problems).toEqual(['groups', 'minutes']);
    expect(breakoutRequest(draft({ minutes: 'une heure' }), present).problems).toEqual(['minutes']);
  });

  it('names a facilitator for the groups that have one', () => {
    expect(breakoutRequest(draft({ groups: '3', facilitators: { 2: 'f' } }), ['a', 'b', 'c']).payload).toEqual({ groups: 3, minutes: 30, features: ['gender'], facilitators: [null, 'f', null] });
  });

  it('makes the groups by hand: everyone placed, no group empty', () => {
    expect(breakoutRequest(draft({ method: 'manual', assignment: { a: 1, b: 2, c: 1, d: 2 } }), present)).toEqual({ payload: { assignment: [['a', 'c'], ['b', 'd']], minutes: 30 }, problems: [] });
    expect(breakoutRequest(draft({ method: 'manual', assignment: { a: 1, b: 1, c: 1 } }), present).problems).toEqual(['assignment']);
    expect(breakoutRequest(draft({ method: 'manual', assignment: { a: 1, b: 1, c: 1, d: 1 } }), present).problems).toEqual(['assignment']);
  });
});
