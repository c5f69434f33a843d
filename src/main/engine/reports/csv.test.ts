// RFC 4180 fields and spreadsheet formula injection, with the nastiest values we could think of.
import { describe, expect, it } from 'vitest';
import { csvField, isoTime, toCsv } from './csv.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['"', '""""'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tindent', "'\tindent"],
    ['=HYPERLINK("http://x","y"),z', `"'=HYPERLINK(""http://x"",""y""),z"`],
    ['a=b', 'a=b'],
    ['ünïcödé ✓', 'ünïcödé ✓'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers and booleans as they are, and nothing for null', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every record, the header included, with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 1],
          [null, '=2'],
        ],
      ),
    ).toBe('a,b\r\n"x,y",1\r\n,\'=2\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('writes times as ISO-8601 UTC', () => {
    expect(isoTime(Date.UTC(2026, 10, 26, 10, 0, 0, 5))).toBe('2026-11-26T10:00:00.005Z');
    expect(isoTime(null)).toBeNull();
  });
});
