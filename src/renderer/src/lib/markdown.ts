// The small Markdown subset release notes use (headings, bullet lists, quotes, paragraphs, **bold**
// and `code`) parsed into plain data, so it is shown as React elements: never as HTML. Backslash
// escapes (the engine escapes everything a commit author wrote) are resolved for display.
import { unescapeMarkdown } from '../../../shared/markdown-text.ts';

export type Inline = { kind: 'text' | 'strong' | 'code'; text: string };

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'quote'; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] };

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  // An escaped star or backtick is text, not the start of bold or code.
  const pattern = /\\[!-/:-@[-`{-~]|\*\*(.+?)\*\*(?<!\\\*\*)|`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (match[0].startsWith('\\')) continue; // stays in the text around it
    if (at > last) parts.push({ kind: 'text', text: unescapeMarkdown(text.slice(last, at)) });
    if (match[1] !== undefined) parts.push({ kind: 'strong', text: unescapeMarkdown(match[1]) });
    else parts.push({ kind: 'code', text: match[2] ?? '' });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: unescapeMarkdown(text.slice(last)) });
  return parts;
}

export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Inline[][] | null = null;
  let quote: string[] = [];

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list });
    if (quote.length > 0) blocks.push({ kind: 'quote', content: parseInline(quote.join(' ')) });
    paragraph = [];
    list = null;
    quote = [];
  };

  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    const quoted = /^>\s?(.*)$/.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2] ?? '') });
    } else if (item) {
      if (!list) flush();
      list ??= [];
      list.push(parseInline(item[1] ?? ''));
    } else if (quoted) {
      if (quote.length === 0) flush();
      quote.push(quoted[1] ?? '');
    } else if (list && /^\s+/.test(raw)) {
      // A wrapped list item continues the last one.
      const lastItem = list[list.length - 1];
      if (lastItem) lastItem.push({ kind: 'text', text: ` ${line.trim()}` });
    } else {
      if (list || quote.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
