// The ANSI parser: SGR colours and attributes become data, everything else disappears.
import { describe, expect, it } from 'vitest';
import { applySgr, color256, parseAnsi, stripAnsi, type AnsiStyle } from './ansi.ts';

const base: AnsiStyle = {
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  strike: false,
  inverse: false,
};

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled segment', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world', style: null }]);
  });

  it('colours and resets', () => {
    const segments = parseAnsi('\u001b[31merror\u001b[0m: done');
    expect(segments).toEqual([
      { text: 'error', style: { ...base, fg: { kind: 'palette', index: 1 } } },
      { text: ': done', style: null },
    ]);
  });

  it('bright, background, bold, dim, italic, underline', () => {
    const [segment] = parseAnsi('\u001b[1;2;3;4;92;104mx');
    expect(segment?.style).toEqual({
      ...base,
      bold: true,
      dim: true,
      italic: true,
      underline: true,
      fg: { kind: 'palette', index: 10 },
      bg: { kind: 'palette', index: 12 },
    });
  });

  it('256 colours and truecolor, in both separators', () => {
    expect(parseAnsi('\u001b[38;5;208mx')[0]?.style?.fg).toEqual(color256(208));
    expect(parseAnsi('\u001b[38;5;3mx')[0]?.style?.fg).toEqual({ kind: 'palette', index: 3 });
    expect(parseAnsi('\u001b[48;2;10;20;30mx')[0]?.style?.bg).toEqual({ kind: 'rgb', r: 10, g: 20, b: 30 });
    expect(parseAnsi('\u001b[38:2::1:2:3mx')[0]?.style?.fg).toEqual({ kind: 'rgb', r: 1, g: 2, b: 3 });
    expect(parseAnsi('\u001b[38:5:232mx')[0]?.style?.fg).toEqual({ kind: 'rgb', r: 8, g: 8, b: 8 });
    // What follows an extended colour still applies.
    expect(parseAnsi('\u001b[38;2;1;2;3;1mx')[0]?.style).toMatchObject({ bold: true });
  });

  it('turns attributes off one by one', () => {
    const style = applySgr(applySgr(base, '1;3;4;31'), '22;23;24;39');
    expect(style).toEqual(base);
  });

  it('drops other escape sequences and control characters', () => {
    expect(stripAnsi('\u001b[2K\u001b[1Gnpm \u001b]0;title\u0007ok\u001b(B\u0007')).toBe('npm ok');
    expect(stripAnsi('\u001b]8;;https://example.com\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
    expect(stripAnsi('a\u0000b\u001fc\td')).toBe('abc\td');
    expect(stripAnsi('unterminated \u001b[31')).toBe('unterminated ');
  });

  it('a carriage return keeps what was drawn last', () => {
    expect(stripAnsi('progress 10%\rprogress 100%')).toBe('progress 100%');
    expect(stripAnsi('line\r')).toBe('line');
  });

  it('never yields markup: angle brackets stay text', () => {
    expect(parseAnsi('<img src=x onerror=alert(1)>')).toEqual([
      { text: '<img src=x onerror=alert(1)>', style: null },
    ]);
  });

  it('ignores nonsense colour values', () => {
    expect(parseAnsi('\u001b[38;5;999mx')[0]?.style).toBeNull();
    expect(parseAnsi('\u001b[38;2;300;0;0mx')[0]?.style).toBeNull();
  });
});
