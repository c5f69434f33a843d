// Release-notes Markdown parsed by markdown-it (CommonMark, as the engine's HTML report reads it) into
// plain data, so it is shown as React elements: never as HTML. Raw HTML, links, images, autolinks and
// reference definitions are not syntax here; they stay text. Why a library: docs/dependencies.md.
import MarkdownIt from 'markdown-it';

export type MarkdownTag =
  'p' | 'ul' | 'ol' | 'li' | 'blockquote' | 'strong' | 'em' | 'code' | 'pre' | 'hr' | 'br';

/** Text, or an element from a fixed set; `heading` carries the Markdown level (1 for `#`). */
export type MarkdownNode =
  | string
  | { tag: MarkdownTag; children: MarkdownNode[]; start?: number }
  | { tag: 'heading'; level: number; children: MarkdownNode[] };

type Element = Exclude<MarkdownNode, string>;

const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
markdown.disable(['link', 'image', 'autolink', 'reference', 'html_inline', 'html_block']);

type Token = ReturnType<typeof markdown.parse>[number];

/** markdown-it's open/close token pairs (`bullet_list_open` …) and the element each becomes. */
const containers: Record<string, MarkdownTag> = {
  paragraph: 'p',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  blockquote: 'blockquote',
  strong: 'strong',
  em: 'em',
};

function append(parent: Element, child: MarkdownNode): void {
  const last = parent.children.at(-1);
  if (typeof child === 'string' && typeof last === 'string')
    parent.children[parent.children.length - 1] = last + child;
  else if (child !== '') parent.children.push(child);
}

function walk(tokens: Token[], stack: Element[]): void {
  for (const token of tokens) {
    const parent = stack.at(-1)!;
    const pair = /^(.*)_(open|close)$/.exec(token.type);
    if (pair && (pair[1] === 'heading' || containers[pair[1]!])) {
      // A tight list's paragraphs are hidden: their text belongs to the list item.
      if (token.hidden) continue;
      if (pair[2] === 'close') {
        stack.pop();
        continue;
      }
      const node: Element =
        pair[1] === 'heading'
          ? { tag: 'heading', level: Number(token.tag.slice(1)), children: [] }
          : { tag: containers[pair[1]!]!, children: [] };
      const start = token.attrGet('start');
      if (node.tag === 'ol' && start !== null) node.start = Number(start);
      append(parent, node);
      stack.push(node);
    } else if (token.type === 'inline') walk(token.children ?? [], stack);
    else if (token.type === 'text') append(parent, token.content);
    else if (token.type === 'softbreak') append(parent, ' ');
    else if (token.type === 'hardbreak') append(parent, { tag: 'br', children: [] });
    else if (token.type === 'code_inline') append(parent, { tag: 'code', children: [token.content] });
    else if (token.type === 'fence' || token.type === 'code_block') {
      append(parent, {
        tag: 'pre',
        children: [{ tag: 'code', children: [token.content.replace(/\n$/, '')] }],
      });
    } else if (token.type === 'hr') append(parent, { tag: 'hr', children: [] });
    else if (token.content) append(parent, token.content); // anything else shows its text
  }
}

export function parseMarkdown(source: string): MarkdownNode[] {
  const root: Element = { tag: 'p', children: [] };
  walk(markdown.parse(source, {}), [root]);
  return root.children;
}
