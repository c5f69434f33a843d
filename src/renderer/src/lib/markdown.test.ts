// The release notes Markdown subset.
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('parseMarkdown', () => {
  it('shows what the engine escaped as the text the commit author wrote, never as markup', () => {
    expect(
      parseInline('**\\<b\\>:** \\[x\\](javascript:y) \\*\\*not bold\\*\\* \\`not code\\` a\\\\b'),
    ).toEqual([
      { kind: 'strong', text: '<b>:' },
      { kind: 'text', text: ' [x](javascript:y) **not bold** `not code` a\\b' },
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
      { kind: 'heading', level: 2, content: [{ kind: 'text', text: 'v1.2.0 (since v1.1.0)' }] },
      { kind: 'quote', content: [{ kind: 'text', text: '⚠ v1.1.0 is not an ancestor of v1.2.0' }] },
      { kind: 'heading', level: 3, content: [{ kind: 'text', text: 'Features' }] },
      {
        kind: 'list',
        items: [
          [
            { kind: 'strong', text: 'cart:' },
            { kind: 'text', text: ' add coupons (a1b2c3d, #12)' },
          ],
          [
            { kind: 'text', text: 'faster ' },
            { kind: 'code', text: 'GET /items' },
            { kind: 'text', text: ' (b2c3d4e)' },
          ],
        ],
      },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Authors: Ann (2)' }] },
    ]);
  });

  it('keeps HTML as text', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('joins paragraph lines and ends a list at a blank line', () => {
    expect(parseMarkdown('one\ntwo\n\n- a\n- b\nafter')).toEqual([
      { kind: 'paragraph', content: [{ kind: 'text', text: 'one two' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'after' }] },
    ]);
  });
});
