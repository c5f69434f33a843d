// Rollback targets: what was rolled back stays out until it is deployed again.
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../shared/domain/release.ts';
import { rolledBackCommits } from './deploy-plan.ts';

const deployed = (commit: string, kind: Deployment['kind'] = 'deploy') => ({ commit, kind }) as Deployment;

describe('rolledBackCommits', () => {
  it('a rolled-back commit is no target, until it is deployed again', () => {
    // Newest first: a deployed, then b, then a rollback (to a) removed b.
    expect([...rolledBackCommits([deployed('a', 'rollback'), deployed('b'), deployed('a')])]).toEqual(['b']);
    // b deployed again after the rollback: a target once more.
    expect([
      ...rolledBackCommits([deployed('b'), deployed('a', 'rollback'), deployed('b'), deployed('a')]),
    ]).toEqual([]);
    expect([...rolledBackCommits([])]).toEqual([]);
  });
});
