// Saved release notes are Markdown the cockpit wrote, but notes saved by older versions carry commit
// text raw. Before notes go into a report or an evidence pack, every line keeps its structure
// (heading, list item, quote, **bold**, `code`) and everything else is escaped as text. Text that is
// already escaped stays as it is, so sanitising is idempotent and current notes come out unchanged.
import { markdownText } from '../../../shared/markdown-text.ts';

/** Backslash escapes (kept), code spans (kept: their content is literal), `**` (kept), and text. */
const token = /\\[!-/:-@[-`{-~]|(`+)(?:(?!\1)[\s\S])*?\1(?!`)|\*\*/g;
const block = /^( {0,3}(?:#{1,6}(?=\s|$)|[-*+](?=\s)|\d{1,9}[.)](?=\s)|>)\s*)?(.*)$/;

export function sanitizeMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const [, marker = '', rest = ''] = block.exec(line) ?? [];
      return marker + sanitizeInline(rest);
    })
    .join('\n');
}

function sanitizeInline(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(token)) {
    out += markdownText(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + markdownText(text.slice(last));
}
