import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from './markdown.js';

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
