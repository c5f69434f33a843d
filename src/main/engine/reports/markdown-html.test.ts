// The release-notes subset of Markdown as HTML: structure kept, nothing a commit message says runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToHtml } from './markdown-html.ts';

/** The HTML without the line breaks markdown-it puts between tags (they render as nothing). */
const compact = (html: string) => html.replace(/>\n|\n</g, (around) => around.trim());

describe('markdownToHtml', () => {
  it('renders headings (shifted), lists, quotes, paragraphs, bold and code', () => {
    const html = markdownToHtml(
      [
        '## v1.2.0 (since v1.1.0)',
        '',
        '> ⚠ v1.1.0 is not an ancestor',
        '',
        '### Features',
        '',
        '- **cart:** pay `fast` (#12)',
        '- second',
        '  continued',
        '1. one',
        '',
        'Authors: Ann (2),',
        'Bob (1)',
      ].join('\n'),
      4,
    );
    expect(compact(html)).toBe(
      [
        '<h4>v1.2.0 (since v1.1.0)</h4>',
        '<blockquote><p>⚠ v1.1.0 is not an ancestor</p></blockquote>',
        '<h5>Features</h5>',
        '<ul><li><strong>cart:</strong> pay <code>fast</code> (#12)</li><li>second continued</li></ul>',
        '<ol><li>one</li></ol>',
        '<p>Authors: Ann (2), Bob (1)</p>',
      ].join(''),
    );
  });

  it('keeps every tag, attribute and link as text', () => {
    const html = markdownToHtml(
      [
        '- <script>alert(1)</script>',
        '- <img src=x onerror=alert(1)>',
        '- [click](javascript:alert(1)) "quoted" & \'single\'',
        '- `<b>in code</b>`',
        '```',
        '<script>fenced</script>',
        '```',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<(script|img|a)\b/);
    expect(html).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).toContain('<li>[click](javascript:alert(1)) &quot;quoted&quot; &amp; &#39;single&#39;</li>');
    expect(html).toContain('<li><code>&lt;b&gt;in code&lt;/b&gt;</code></li>');
    expect(html).toContain('<pre><code>&lt;script&gt;fenced&lt;/script&gt;</code></pre>');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  // Each of these was wrong in the hand-written subset this module replaced (docs/dependencies.md).
  it.each([
    // A "# comment" inside a code block is not a heading, so it does not shift the real ones.
    [
      'a # line in a code block',
      '```sh\n# install\n```\n\n## Title',
      '<pre><code># install</code></pre><h3>Title</h3>',
    ],
    // Any ASCII punctuation can be backslash-escaped (the reports escape what commit text says).
    ['backslash escapes', '1\\. not a list \\(see\\) \\_x\\_ \\#1', '<p>1. not a list (see) _x_ #1</p>'],
    ['a code span holding a backtick', 'run ``a`b`` now', '<p>run <code>a`b</code> now</p>'],
    // Emphasis as any Markdown viewer shows the .md report; intraword underscores stay text.
    ['emphasis', '*really* fix snake_case_name', '<p><em>really</em> fix snake_case_name</p>'],
    // An entity means its character: AT&amp;T shows "AT&T", not "AT&amp;T".
    ['an entity', 'AT&amp;T', '<p>AT&amp;T</p>'],
    ['a nested list', '- a\n  - b', '<ul><li>a<ul><li>b</li></ul></li></ul>'],
  ])('follows CommonMark: %s', (_, source, expected) => {
    expect(compact(markdownToHtml(source, 3))).toBe(expected);
  });
});

describe('markdownToHtml never produces markup from the text', () => {
  /** Every tag in the output, with its attributes. */
  const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
  const allowed = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote']);
  for (const tag of ['strong', 'em', 'code', 'pre', 'hr', 'br']) allowed.add(tag);
  const safe = (html: string) =>
    tags(html).every(
      ([, name, attributes]) => allowed.has(name!) && /^( start="\d+")?\s*\/?$/.test(attributes!),
    );

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['an HTML block', '<div onclick="alert(1)">\n\n*x*\n\n</div>'],
    ['an svg', '<svg/onload=alert(1)>'],
    ['a comment', '<!-- <script>alert(1)</script> -->'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['an entity-encoded javascript: link', '[click](&#106;avascript:alert(1))'],
    ['a javascript: image', '![x](javascript:alert(1))'],
    ['a data: image', '![x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['an autolink', '<javascript:alert(1)>'],
    ['a web autolink', '<https://example.com> and www.example.com'],
    ['a reference link', '[click][x]\n\n[x]: javascript:alert(1)'],
    ['an attribute in a code fence info string', '```" onmouseover="alert(1)\ncode\n```'],
    ['a tag split over lines', '<a\nhref="javascript:alert(1)">x</a>'],
  ])('keeps %s as text', (_, source) => {
    const html = markdownToHtml(source);
    expect(safe(html), html).toBe(true);
    // Outside the allowed tags no "<" or ">" is left: everything else was escaped.
    expect(html.replace(/<\/?[a-z][\w-]*[^>]*>/g, '')).not.toMatch(/[<>]/);
  });

  it('holds for any text (property test)', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '`',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '!',
      '#',
      '\n',
      ' ',
      '-',
      '1.',
      '>',
      'javascript:',
      'a',
      'script',
      'img',
      'href=',
      'onerror=',
      '&#60;',
      '\\',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => safe(markdownToHtml(pieces.join('')))),
      { numRuns: 500 },
    );
  });
});
