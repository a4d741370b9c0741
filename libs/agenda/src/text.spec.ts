import { describe, expect, it } from '@jest/globals';
import { diffLines } from './text-diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks removals and additions', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
  });

  it('rebuilds both texts from the diff', () => {
    const before = 'Article 1\nLes vélos\nArticle 2\nLes arbres\nFin';
    const after = 'Article 1\nLes vélos cargos\nArticle 2\nFin\nAnnexe';
    const diff = diffLines(before, after);
    expect(diff.filter((l) => l.op !== 'added').map((l) => l.text).join('\n')).toBe(before);
    expect(diff.filter((l) => l.op !== 'removed').map((l) => l.text).join('\n')).toBe(after);
  });
});
