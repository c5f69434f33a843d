// Shows Markdown as React elements, never as HTML: release notes, pipeline descriptions. The parser
// (markdown-it, ~40 kB gzipped) loads on first use, so the views that show Markdown do not weigh on
// the app's start; until it has loaded the text shows as it is.
import { lazy, Suspense } from 'react';
import './markdown.css';

const MarkdownContent = lazy(() =>
  import('./MarkdownContent.tsx').then((module) => ({ default: module.MarkdownContent })),
);

/** `headingLevel`: the HTML level of the Markdown's `##`, so the notes fit the page's outline. */
export function Markdown({ source, headingLevel = 3 }: { source: string; headingLevel?: number }) {
  return (
    <Suspense fallback={<div className="markdown markdown-loading">{source}</div>}>
      <MarkdownContent source={source} headingLevel={headingLevel} />
    </Suspense>
  );
}
