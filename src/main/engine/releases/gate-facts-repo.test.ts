// The facts gates are decided on, read from a real database.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { releaseDb } from '../../testing/release-db.ts';
import { createGateFactsRepo } from './gate-facts-repo.ts';

afterEach(cleanupFixtures);

describe('gate facts', () => {
  it('a clean success on the exact commit counts; else the newest run there says why not', () => {
    const store = releaseDb();
    const facts = createGateFactsRepo(store.db);
    expect(facts.pipelineRunOn(store.projectId, 'ci', 'abc')).toBeNull();
    const dirty = store.run('ci', 'abc', 'success', true);
    expect(facts.pipelineRunOn(store.projectId, 'ci', 'abc')).toEqual({
      runId: dirty,
      status: 'success',
      dirty: true,
    });
    const clean = store.run('ci', 'abc', 'success');
    const failed = store.run('ci', 'abc', 'failed');
    expect(facts.pipelineRunOn(store.projectId, 'ci', 'abc')).toEqual({
      runId: clean,
      status: 'success',
      dirty: false,
    });
    expect(facts.pipelineRunOn(store.projectId, 'ci', 'def')).toBeNull();
    expect(failed).toBeGreaterThan(clean);
  });

  it('the last observed version and the last down check since a time', () => {
    const store = releaseDb();
    const facts = createGateFactsRepo(store.db);
    const staging = store.environment('staging');
    expect(facts.lastObservedVersion(staging)).toBeNull();
    store.observed(staging, '1.0.0', 100);
    store.observed(staging, '1.1.0', 200);
    expect(facts.lastObservedVersion(staging)).toEqual({ version: '1.1.0', seenAt: 200 });
    store.check(staging, 150, 'down');
    store.check(staging, 250, 'up');
    expect(facts.lastDownSince(staging, 100)).toBe(150);
    expect(facts.lastDownSince(staging, 200)).toBeNull();
  });
});
