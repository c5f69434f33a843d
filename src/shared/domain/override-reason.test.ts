// The one rule for an override's reason: the engine refuses what it refuses, clients say the same.
import { describe, expect, it } from 'vitest';
import { overrideReasonProblem, overrideRule } from './override-reason.ts';

describe('overrideReasonProblem', () => {
  it('wants a few words: three or more, ten characters or more', () => {
    expect(overrideReasonProblem('')).toMatch(/Say why/);
    expect(overrideReasonProblem('   ')).toMatch(/Say why/);
    expect(overrideReasonProblem('hotfix')).toMatch(/few words/);
    expect(overrideReasonProblem('a b c')).toMatch(/few words/);
    expect(overrideReasonProblem('hotfix for the outage')).toBeNull();
    expect(overrideReasonProblem('x'.repeat(overrideRule.maxChars) + ' a b')).toMatch(/At most/);
  });
});
