// Release notes Markdown as data: the structure the engine writes, and nothing a commit says as markup.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.ts';

describe('parseMarkdown', () => {
  it('shows what the engine escaped as the text the commit author wrote, never as markup', () => {
    expect(
      parseMarkdown('**\\<b\\>:** \\[x\\](javascript:y) \\*\\*not bold\\*\\* \\`not code\\` a\\\\b'),
    ).toEqual([
      {
        tag: 'p',
        children: [{ tag: 'strong', children: ['<b>:'] }, ' [x](javascript:y) **not bold** `not code` a\\b'],
      },
    ]);
  });

  it('reads release notes as the engine writes them', () => {
    const notes = [
      '## v1.2.0 (since v1.1.0)',
      '',
      '> ⚠ v1.1.0 is not an ancestor of v1.2.0',
      '',
      '### Features',
      '',
      '- **cart:** add coupons (a1b2c3d, #12)',
      '- faster `GET /items` (b2c3d4e)',
      '',
      'Authors: Ann (2)',
      '',
    ].join('\n');
    expect(parseMarkdown(notes)).toEqual([
      { tag: 'heading', level: 2, children: ['v1.2.0 (since v1.1.0)'] },
      { tag: 'blockquote', children: [{ tag: 'p', children: ['⚠ v1.1.0 is not an ancestor of v1.2.0'] }] },
      { tag: 'heading', level: 3, children: ['Features'] },
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: [{ tag: 'strong', children: ['cart:'] }, ' add coupons (a1b2c3d, #12)'] },
          { tag: 'li', children: ['faster ', { tag: 'code', children: ['GET /items'] }, ' (b2c3d4e)'] },
        ],
      },
      { tag: 'p', children: ['Authors: Ann (2)'] },
    ]);
  });

  it('keeps HTML, links and images as text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([
      { tag: 'p', children: ['<img src=x onerror=alert(1)>'] },
    ]);
    expect(parseMarkdown('<div onclick="alert(1)">\n\nx\n\n</div>')).toEqual([
      { tag: 'p', children: ['<div onclick="alert(1)">'] },
      { tag: 'p', children: ['x'] },
      { tag: 'p', children: ['</div>'] },
    ]);
    expect(parseMarkdown('[a](javascript:alert(1)) ![b](x.png) <https://example.com>')).toEqual([
      { tag: 'p', children: ['[a](javascript:alert(1)) ![b](x.png) <https://example.com>'] },
    ]);
  });

  it('joins paragraph lines and ends a list at a blank line', () => {
    expect(parseMarkdown('one\ntwo\n\n- a\n- b\n\nafter')).toEqual([
      { tag: 'p', children: ['one two'] },
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: ['a'] },
          { tag: 'li', children: ['b'] },
        ],
      },
      { tag: 'p', children: ['after'] },
    ]);
    // Without the blank line a line continues the item, as in every Markdown viewer.
    expect(parseMarkdown('- b\nafter')).toEqual([
      { tag: 'ul', children: [{ tag: 'li', children: ['b after'] }] },
    ]);
  });

  // Each of these was wrong in the hand-written subset this module replaced (docs/dependencies.md).
  it('reads numbered lists, escapes, emphasis and code blocks', () => {
    expect(parseMarkdown('3. three\n4. four')).toEqual([
      {
        tag: 'ol',
        start: 3,
        children: [
          { tag: 'li', children: ['three'] },
          { tag: 'li', children: ['four'] },
        ],
      },
    ]);
    expect(parseMarkdown('\\*not bold\\* \\[x\\] *em*')).toEqual([
      { tag: 'p', children: ['*not bold* [x] ', { tag: 'em', children: ['em'] }] },
    ]);
    expect(parseMarkdown('```\n**x** <b>\n```')).toEqual([
      { tag: 'pre', children: [{ tag: 'code', children: ['**x** <b>'] }] },
    ]);
  });
});
