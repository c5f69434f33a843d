// Param patterns are anchored: a match inside the value is not a match.
import { describe, expect, it } from 'vitest';
import { matchesParamPattern } from './param-pattern.ts';

describe('matchesParamPattern', () => {
  it('matches the whole value, never a part of it', () => {
    expect(matchesParamPattern('\\d+\\.\\d+\\.\\d+', '1.2.3')).toBe(true);
    expect(matchesParamPattern('\\d+\\.\\d+\\.\\d+', 'v1.2.3-rc')).toBe(false);
    expect(matchesParamPattern('a|b', 'ab')).toBe(false);
    expect(matchesParamPattern('a|b', 'b')).toBe(true);
  });

  it('an invalid pattern matches nothing', () => {
    expect(matchesParamPattern('(', '(')).toBe(false);
  });
});
