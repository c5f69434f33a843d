// Values a report writes into Markdown stay text: no link, code, emphasis, HTML or broken table.
import { describe, expect, it } from 'vitest';
import { md } from './markdown-report.ts';

describe('md', () => {
  it('escapes what would make markup, and keeps a value inside its table cell', () => {
    expect(md('a|b *c* [d](e) <script> `f` \\g')).toBe('a\\|b \\*c\\* \\[d\\](e) \\<script\\> \\`f\\` \\\\g');
    expect(md('two\nlines\r\nthree')).toBe('two lines three');
  });

  it('turns what GFM would link by itself into code spans', () => {
    expect(md('see https://evil.example/x?a=1 now')).toBe('see `https://evil.example/x?a=1` now');
    expect(md('www.example.com and alice@example.com')).toBe('`www.example.com` and `alice@example.com`');
    expect(md('http://a.example|b')).toBe('`http://a.example`\\|b');
    expect(md('(see https://a.example/x.)')).toBe('(see `https://a.example/x`.)');
  });
});
