// The release-notes subset of Markdown as HTML: structure kept, nothing a commit message says runs.
import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToHtml } from './markdown-html.ts';

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
    expect(html).toBe(
      [
        '<h4>v1.2.0 (since v1.1.0)</h4>',
        '<blockquote><p>⚠ v1.1.0 is not an ancestor</p></blockquote>',
        '<h5>Features</h5>',
        '<ul><li><strong>cart:</strong> pay <code>fast</code> (#12)</li><li>second continued</li></ul>',
        '<ol><li>one</li></ol>',
        '<p>Authors: Ann (2), Bob (1)</p>',
      ].join('\n'),
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
});
