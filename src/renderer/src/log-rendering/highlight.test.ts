// Search matches are cut out of styled segments without losing their styles.
import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi.ts';
import { highlightQuery } from './highlight.ts';

describe('highlightQuery', () => {
  it('marks every match, case-insensitively, across segment boundaries', () => {
    const pieces = highlightQuery(parseAnsi('Error: \u001b[31mERR\u001b[0mor here, error'), 'error');
    expect(pieces.filter((piece) => piece.match).map((piece) => piece.text)).toEqual([
      'Error',
      'ERR',
      'or',
      'error',
    ]);
    expect(pieces.map((piece) => piece.text).join('')).toBe('Error: ERRor here, error');
    expect(pieces.find((piece) => piece.text === 'ERR')?.style?.fg).toEqual({ kind: 'palette', index: 1 });
  });

  it('leaves lines without a match alone', () => {
    expect(highlightQuery(parseAnsi('all good'), 'fail')).toEqual([
      { text: 'all good', style: null, match: false },
    ]);
    expect(highlightQuery(parseAnsi('all good'), '')).toEqual([
      { text: 'all good', style: null, match: false },
    ]);
  });
});
