// Notices when a project's release policy (lifecycle, gates, deploy pipelines) changed since it was
// last recorded, and writes what changed to the audit log.
import type { CockpitConfig } from '../config/index.ts';
import type { AuditLog } from './audit-log.ts';
import { describePolicyChange, releasePolicy } from './lifecycle.ts';
import type { ReleasePoliciesRepo } from './release-policies-repo.ts';

export function createPolicyLog(deps: {
  policies: ReleasePoliciesRepo;
  audit: AuditLog;
  now: () => number;
  actor: () => string;
}) {
  const { policies, audit } = deps;
  return function notePolicy(projectId: number, config: CockpitConfig): void {
    const { hash, policy } = releasePolicy(config);
    if (policies.current(projectId)?.hash === hash) return;
    const empty = Object.values(policy).every(
      (part) =>
        part === null ||
        (typeof part === 'object' && Object.keys(part as object).length === 0) ||
        (Array.isArray(part) && part.length === 0),
    );
    // Read again inside the write lock: the app and the CLI may notice the same change at once.
    policies.inWriteLock(() => {
      const row = policies.current(projectId);
      if (row?.hash === hash) return;
      const before = row ? (JSON.parse(row.policy) as Record<string, unknown>) : null;
      policies.record(projectId, hash, policy, deps.now());
      if (before || !empty) {
        audit.append({
          // Who noticed it: git, not the cockpit, knows who edited cockpit.yml.
          actor: deps.actor(),
          action: 'policy.changed',
          projectId,
          subject: 'cockpit.yml release policy',
          detail: {
            hash,
            previousHash: row?.hash ?? null,
            changes: before ? describePolicyChange(before, policy) : ['policy first recorded'],
            policy,
          },
        });
      }
    });
  };
}

export type NotePolicy = ReturnType<typeof createPolicyLog>;
