import { describe, expect, it } from 'vitest';
import type { RollbackTarget } from '../../../../shared/domain/rollback-target.ts';
import { chosenRollbackTarget, rollbackTargetsOf } from './rollback-selectors.ts';

const target = (version: string, patch: Partial<RollbackTarget> = {}): RollbackTarget => ({
  version,
  commit: `${version}-sha`,
  liveFrom: 1,
  liveUntil: 2,
  source: 'deployed',
  deploymentId: 1,
  previous: false,
  ...patch,
});

describe('chosenRollbackTarget', () => {
  // As the engine lists them: newest first, the previous one marked (the newest with a commit).
  const targets = [
    target('2.0.0-hotfix', { commit: null, source: 'observed', deploymentId: null }),
    target('v1.1.0', { previous: true }),
    target('v1.0.0', { source: 'observed', deploymentId: null }),
  ];

  it("goes to the engine's previous target when nothing is chosen", () => {
    expect(chosenRollbackTarget(targets, null)?.version).toBe('v1.1.0');
  });

  it('goes to the chosen version, an observed-only one included', () => {
    expect(chosenRollbackTarget(targets, 'v1.0.0')?.source).toBe('observed');
  });

  it('falls back to the previous target when the chosen version is no longer listed', () => {
    expect(chosenRollbackTarget(targets, 'v0.9.0')?.version).toBe('v1.1.0');
  });

  it('has none while unknown, or when the engine marks no previous target', () => {
    expect(chosenRollbackTarget(null, 'v1.0.0')).toBeNull();
    expect(chosenRollbackTarget([], null)).toBeNull();
    expect(chosenRollbackTarget([targets[0]!], null)).toBeNull();
  });
});

describe('rollbackTargetsOf', () => {
  it("reads one cell's answer, undefined until the engine answered", () => {
    const answer = { list: [target('v1.0.0', { previous: true })], error: null };
    const state = { rollbackTargets: { '7/production': answer } };
    expect(rollbackTargetsOf(state, 7, 'production')).toBe(answer);
    expect(rollbackTargetsOf(state, 7, 'staging')).toBeUndefined();
    expect(rollbackTargetsOf(state, 8, 'production')).toBeUndefined();
  });
});
