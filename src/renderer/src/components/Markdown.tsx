// Shows Markdown (the subset lib/markdown.ts reads) as React elements, never as HTML: release notes,
// pipeline descriptions.
import { Fragment } from 'react';
import { parseMarkdown, type Inline } from '../lib/markdown.ts';
import './markdown.css';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'strong' ? (
          <strong key={index}>{part.text}</strong>
        ) : part.kind === 'code' ? (
          <code key={index}>{part.text}</code>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** `headingLevel`: the HTML level of the Markdown's `##`, so the notes fit the page's outline. */
export function Markdown({ source, headingLevel = 3 }: { source: string; headingLevel?: number }) {
  const blocks = parseMarkdown(source);
  return (
    <div className="markdown">
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, Math.max(1, headingLevel + block.level - 2));
            const Tag = `h${level}` as 'h2';
            return (
              <Tag key={index} className={`markdown-h markdown-h${block.level}`}>
                <InlineText parts={block.content} />
              </Tag>
            );
          }
          case 'list':
            return (
              <ul key={index}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <InlineText parts={item} />
                  </li>
                ))}
              </ul>
            );
          case 'quote':
            return (
              <blockquote key={index}>
                <InlineText parts={block.content} />
              </blockquote>
            );
          case 'paragraph':
            return (
              <p key={index}>
                <InlineText parts={block.content} />
              </p>
            );
        }
      })}
    </div>
  );
}
