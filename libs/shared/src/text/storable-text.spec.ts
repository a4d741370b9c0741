import { describe, expect, it } from '@jest/globals';
import { findUnstorableText, textProblem } from './storable-text.js';

describe('text PostgreSQL cannot store', () => {
  it('finds NUL characters and lone surrogates, and nothing else', () => {
    expect(textProblem('Camille\u0000')).toBe('nul');
    expect(textProblem('\uD83D')).toBe('lone-surrogate'); // half of an emoji
    expect(textProblem('x\uDE00y')).toBe('lone-surrogate');
    expect(textProblem('Émile 😀 — ok\u0001\t')).toBeNull(); // other control characters are storable
    expect(textProblem('')).toBeNull();
  });

  it('names the field, to any depth, keys included', () => {
    expect(findUnstorableText({ title: 'ok', questions: [{ text: 'fine' }, { options: ['a', 'b\u0000'] }] })).toEqual({ field: 'questions[1].options[1]', problem: 'nul' });
    expect(findUnstorableText({ answers: { ['\uD800']: 'x' } })).toEqual({ field: 'answers.\uD800', problem: 'lone-surrogate' });
    expect(findUnstorableText('\u0000')).toEqual({ field: '(value)', problem: 'nul' });
    expect(findUnstorableText({ a: 1, b: null, c: true, d: ['x'] })).toBeNull();
  });
});
