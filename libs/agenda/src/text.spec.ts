import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from './markdown.js';
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

describe('renderMarkdown', () => {
  it('renders the supported subset', () => {
    expect(renderMarkdown('# Titre\n\nDu **gras**, de l’*italique* et un [lien](https://paris.fr).\n\n- un\n- deux')).toBe(
      '<h3>Titre</h3>\n<p>Du <strong>gras</strong>, de l&#39;<em>italique</em> et un <a href="https://paris.fr" rel="nofollow noopener">lien</a>.</p>\n<ul><li>un</li><li>deux</li></ul>'.replace('l&#39;', 'l’'),
    );
  });

  it('escapes HTML and drops script links', () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });
});
