// Release-notes Markdown (parsed by lib/markdown.ts) as React elements, never as HTML: every element
// comes from a fixed set, every text is a React text node. Loaded on first use by Markdown.tsx.
import { createElement, type ReactNode } from 'react';
import { parseMarkdown, type MarkdownNode } from '../lib/markdown.ts';

function render(node: MarkdownNode, key: number, headingLevel: number): ReactNode {
  if (typeof node === 'string') return node;
  const children = node.children.map((child, index) => render(child, index, headingLevel));
  if (node.tag === 'heading') {
    const level = Math.min(6, Math.max(1, headingLevel + node.level - 2));
    return createElement(`h${level}`, { key, className: `markdown-h markdown-h${node.level}` }, ...children);
  }
  if (node.tag === 'hr' || node.tag === 'br') return createElement(node.tag, { key });
  return createElement(node.tag, { key, start: node.tag === 'ol' ? node.start : undefined }, ...children);
}

export function MarkdownContent({ source, headingLevel = 3 }: { source: string; headingLevel?: number }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((node, index) => render(node, index, headingLevel))}
    </div>
  );
}
