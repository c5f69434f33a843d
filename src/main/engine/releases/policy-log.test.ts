// A changed release policy is noticed once and audited with what changed.
import { afterEach, describe, expect, it } from 'vitest';
import type { CockpitConfig } from '../config/index.ts';
import { manualClock } from '../kernel/clock.ts';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { releaseDb } from '../../testing/release-db.ts';
import { createAuditLog } from './audit-log.ts';
import { createPolicyLog } from './policy-log.ts';
import { createReleasePoliciesRepo } from './release-policies-repo.ts';

afterEach(cleanupFixtures);

const config = (approvals: number) =>
  ({
    version: 1,
    name: 'shop',
    environments: [{ name: 'production', tier: 'production', gates: { approvals } }],
  }) as unknown as CockpitConfig;

describe('policy log', () => {
  it('records the first policy, then each change once, with what changed', () => {
    const store = releaseDb();
    const clock = manualClock();
    const audit = createAuditLog(store.db, clock);
    const notePolicy = createPolicyLog({
      policies: createReleasePoliciesRepo(store.db),
      audit,
      now: () => clock.now(),
      actor: () => 'ann',
    });
    notePolicy(store.projectId, config(1));
    notePolicy(store.projectId, config(1));
    notePolicy(store.projectId, config(2));
    const changes = audit
      .list({ projectId: store.projectId })
      .filter((entry) => entry.action === 'policy.changed')
      .map((entry) => (entry.detail as { changes: string[] }).changes);
    expect(changes).toEqual([['production: approvals 1 → 2'], ['policy first recorded']]);
  });
});
