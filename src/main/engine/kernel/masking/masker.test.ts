import { describe, expect, it } from 'vitest';
import { createMasker, secretForms, secretWarning } from './masker.ts';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('createMasker', () => {
  it('is inactive and free without secrets (or with only too-short ones)', () => {
    for (const masker of [createMasker([]), createMasker(['', 'abc'])]) {
      expect(masker.active).toBe(false);
      expect(masker.longest).toBe(0);
      const text = 'nothing to see here abc';
      expect(masker.mask(text)).toBe(text);
    }
  });

  it('masks every occurrence, preferring the longest pattern', () => {
    const masker = createMasker(['hunter22', 'hunter22-and-more']);
    expect(masker.active).toBe(true);
    expect(masker.longest).toBeGreaterThanOrEqual('hunter22-and-more'.length);
    expect(masker.mask('a hunter22 b hunter22-and-more c hunter22')).toBe('a *** b *** c ***');
  });

  it('treats regular expression characters in a value literally', () => {
    const masker = createMasker(['a.b*c(d)[e]$^\\/-']);
    expect(masker.mask('x a.b*c(d)[e]$^\\/- y')).toBe('x *** y');
    expect(masker.mask('aXbbc(d)[e]')).toBe('aXbbc(d)[e]');
  });

  it('masks base64 (standard and URL-safe, with and without padding) and URL-encoded forms', () => {
    const secret = 's3cr?t>>~?'; // its base64 holds "+" and "/" and ends in "="
    const standard = base64(secret);
    expect(standard).toMatch(/[+/].*=$/);
    const urlSafe = standard.replaceAll('+', '-').replaceAll('/', '_');
    const masker = createMasker([secret]);
    for (const form of [
      secret,
      standard,
      standard.replace(/=+$/, ''),
      urlSafe,
      urlSafe.replace(/=+$/, ''),
      encodeURIComponent(secret),
    ]) {
      expect(masker.mask(`before ${form} after`)).toBe('before *** after');
    }
  });

  it('masks a value inside longer base64 text, at every byte alignment', () => {
    const token = 'tok_9f8e7d6c5b4a';
    const masker = createMasker([token]);
    for (const user of ['u', 'us', 'use', 'user']) {
      const header = `Authorization: Basic ${base64(`${user}:${token}`)}`;
      const masked = masker.mask(header);
      expect(masked).toContain('***');
      // What is left visible no longer decodes to anything containing the token's middle.
      const visible = masked.slice('Authorization: Basic '.length).replace('***', '');
      expect(Buffer.from(visible, 'base64').toString('latin1')).not.toContain(token.slice(2, -2));
    }
  });

  it('masks each line of a multi-line value (lines of 4 characters or more)', () => {
    const key = '-----BEGIN KEY-----\r\nMIIEabcdefgh\nxy\n-----END KEY-----';
    const masker = createMasker([key]);
    expect(masker.mask('-----BEGIN KEY-----')).toBe('***');
    expect(masker.mask('  MIIEabcdefgh')).toBe('  ***');
    expect(masker.mask('xy')).toBe('xy');
    expect(masker.mask(encodeURIComponent(key))).toBe('***');
    expect(secretForms(key)).not.toContain(key);
  });

  it('finds a cut that does not split a secret', () => {
    const masker = createMasker(['SECRET12']);
    const text = 'xxxxSECRET12yyyy';
    expect(masker.safeCut!(text, 6)).toBe(4);
    expect(masker.safeCut!(text, 12)).toBe(12);
    expect(masker.safeCut!(text, 2)).toBe(2);
  });
});

describe('maskUnfinished', () => {
  const masker = createMasker(['sk_live_1234567890']);

  it('masks a trailing beginning of a secret form, from its first character', () => {
    expect(masker.maskUnfinished!('token=sk_live_12')).toBe('token=***');
    expect(
      masker.maskUnfinished!(`basic ${Buffer.from('sk_live_1234567890').toString('base64').slice(0, 9)}`),
    ).toBe('basic ***');
  });

  it('leaves text alone that does not end in one, or ends in fewer than four of its characters', () => {
    expect(masker.maskUnfinished!('token=sk_')).toBe('token=sk_');
    expect(masker.maskUnfinished!('nothing to hide')).toBe('nothing to hide');
    expect(masker.maskUnfinished!('sk_live_1234567890 done')).toBe('sk_live_1234567890 done'); // whole forms: mask()
  });
});

describe('secretWarning', () => {
  it('warns about values too short or too common to mask safely', () => {
    expect(secretWarning('')).toMatch(/empty/);
    expect(secretWarning('   ')).toMatch(/whitespace/);
    expect(secretWarning('abc')).toMatch(/shorter than 4 characters: it will NOT be masked/);
    expect(secretWarning('abcdefg')).toMatch(
      /shorter than 8 characters: masking it would hide ordinary text/,
    );
    expect(secretWarning('Password')).toMatch(/common/);
    expect(secretWarning('aaaaaaaaaaaa')).toMatch(/common/);
    expect(secretWarning('correct-horse-battery-staple')).toBeNull();
  });
});
