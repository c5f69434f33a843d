// Release-notes Markdown turned into HTML for the HTML report, by markdown-it (CommonMark) with
// everything that could reach outside the text switched off: raw HTML is escaped as text, and links,
// images, autolinks and link reference definitions are not syntax at all, so no output carries an
// href, a src or an event handler. Whatever a commit message says stays text.
// Why a library and not our own subset: docs/dependencies.md ("Markdown to HTML").
import MarkdownIt from 'markdown-it';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
markdown.disable(['link', 'image', 'autolink', 'reference', 'html_inline', 'html_block']);
// Text and code through our own escaper (all five characters), and code without a language class:
// the output has no attribute except an ordered list's numeric `start`.
markdown.renderer.rules.text = (tokens, index) => escapeHtml(tokens[index]!.content);
markdown.renderer.rules.code_inline = (tokens, index) => `<code>${escapeHtml(tokens[index]!.content)}</code>`;
markdown.renderer.rules.fence = (tokens, index) =>
  `<pre><code>${escapeHtml(tokens[index]!.content.replace(/\n$/, ''))}</code></pre>\n`;
markdown.renderer.rules.code_block = markdown.renderer.rules.fence;
markdown.renderer.rules.softbreak = () => ' ';

/** Markdown to HTML; headings are shifted so the shallowest becomes `<h{topLevel}>`. */
export function markdownToHtml(markdownText: string, topLevel = 3): string {
  const tokens = markdown.parse(markdownText, {});
  const headings = tokens.filter((token) => token.type === 'heading_open' || token.type === 'heading_close');
  if (headings.length > 0) {
    const shift = topLevel - Math.min(...headings.map((token) => Number(token.tag.slice(1))));
    for (const token of headings)
      token.tag = `h${Math.min(6, Math.max(1, Number(token.tag.slice(1)) + shift))}`;
  }
  return markdown.renderer.render(tokens, markdown.options, {}).trimEnd();
}
