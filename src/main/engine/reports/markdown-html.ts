// Release-notes Markdown turned into HTML for the HTML report, by markdown-it (CommonMark) with
// everything that could reach outside the text switched off: raw HTML is escaped as text, and links,
// images, autolinks and link reference definitions are not syntax at all, so no output carries an
// href, a src or an event handler. Whatever a commit message says stays text.
// Why a library and not our own subset: docs/dependencies.md ("Markdown to HTML").
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import { withoutControls } from '../../../shared/markdown-text.ts';

/** Text as HTML text: the five special characters escaped, control characters dropped. */
export function escapeHtml(text: string): string {
  return withoutControls(text).replace(/[&<>"']/g, (char) => entities[char]!);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

type Parser = InstanceType<typeof MarkdownIt>;

let markdownIt: Parser | undefined;

/**
 * The configured parser, loaded on first use: only HTML reports need it, and importing it costs every
 * start of the CLI and the web host time they would spend for nothing (a synchronous require keeps
 * `markdownToHtml` synchronous).
 */
function parser(): Parser {
  if (markdownIt) return markdownIt;
  const MarkdownItClass = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
  const markdown = new MarkdownItClass('commonmark', { html: false, linkify: false, typographer: false });
  markdown.disable(['link', 'image', 'autolink', 'reference', 'html_inline', 'html_block']);
  // Text and code through our own escaper (all five characters), and code without a language class:
  // the output has no attribute except an ordered list's numeric `start`.
  const rules = markdown.renderer.rules;
  rules.text = (tokens, index) => escapeHtml(tokens[index]!.content);
  rules.code_inline = (tokens, index) => `<code>${escapeHtml(tokens[index]!.content)}</code>`;
  rules.fence = (tokens, index) =>
    `<pre><code>${escapeHtml(tokens[index]!.content.replace(/\n$/, ''))}</code></pre>\n`;
  rules.code_block = rules.fence;
  rules.softbreak = () => ' ';
  return (markdownIt = markdown);
}

/** Markdown to HTML; headings are shifted so the shallowest becomes `<h{topLevel}>`. */
export function markdownToHtml(markdownText: string, topLevel = 3): string {
  const markdown = parser();
  const tokens = markdown.parse(markdownText, {});
  const headings = tokens.filter((token) => token.type === 'heading_open' || token.type === 'heading_close');
  if (headings.length > 0) {
    const shift = topLevel - Math.min(...headings.map((token) => Number(token.tag.slice(1))));
    for (const token of headings)
      token.tag = `h${Math.min(6, Math.max(1, Number(token.tag.slice(1)) + shift))}`;
  }
  return markdown.renderer.render(tokens, markdown.options, {}).trimEnd();
}
