/**
 * A small, safe Markdown subset rendered to HTML for display: paragraphs, line breaks, `- ` lists,
 * `#`–`###` headings, **bold**, *italic*, `code` and [links](https://…). Everything else is text:
 * all HTML in the source is escaped first, and only http(s) and mailto links survive, so a proposal
 * cannot inject markup or scripts.
 */
export function renderMarkdown(source: string): string {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const inline = (text: string): string =>
    escape(text)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*]+)\*/g, '<em>$1</em>')
      .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g, '<a href="$2" rel="nofollow noopener">$1</a>');
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return blocks
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => {
      const heading = /^(#{1,3})\s+(.*)$/.exec(block);
      if (heading !== null && !block.includes('\n')) return `<h${heading[1].length + 2}>${inline(heading[2])}</h${heading[1].length + 2}>`;
      const lines = block.split('\n');
      if (lines.every((line) => /^[-*]\s+/.test(line))) return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^[-*]\s+/, ''))}</li>`).join('')}</ul>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('\n');
}
