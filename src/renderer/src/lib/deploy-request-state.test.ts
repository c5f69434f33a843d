// The deploy dialog follows the engine's verdicts: change one in the engine's result and what the
// dialog allows changes with it, without a line of renderer code.
import { describe, expect, it } from 'vitest';
import { overrideRule } from '../../../shared/domain/override-reason.ts';
import type { DeployPreview, GateResult } from '../../../shared/domain/release.ts';
import { deployRequestState } from './deploy-request-state.ts';

const preview = (gates: GateResult[], asksApproval = false): DeployPreview => ({
  projectId: 1,
  environment: 'production',
  kind: 'deploy',
  version: 'v1.2.0',
  commit: 'a'.repeat(40),
  pipeline: 'deploy',
  sourceEnvironment: null,
  previousVersion: null,
  inWorktree: false,
  build: { source: 'deploy_time', releaseId: null, builtByRun: null, builtByPipeline: null, files: [] },
  gates,
  approvalsNeeded: 0,
  needsApproval: asksApproval,
  asksApproval,
  override: { needed: gates.some((gate) => gate.blocks), rule: overrideRule },
  notes: {
    from: null,
    to: 'v1.2.0',
    fromSha: null,
    toSha: 'a'.repeat(40),
    notAncestor: false,
    commits: [],
    groups: [],
    authors: [],
    issues: [],
    markdown: '',
  },
});

const state = (p: DeployPreview, override = false, reason = '') =>
  deployRequestState({ preview: p, previewFailed: false, refusedByGates: false, override, reason });

describe('deployRequestState', () => {
  it('blocks exactly when the engine says a gate blocks', () => {
    const soak = (blocks: boolean): GateResult => ({
      gate: 'soak',
      passed: false,
      detail: '4s to go',
      blocks,
    });
    expect(state(preview([soak(true)])).blockedBy).toMatch(/A gate fails/);
    // The same failed gate, judged not to block by the engine: the dialog lets the request go.
    expect(state(preview([soak(false)])).blockedBy).toBeNull();
    // A failed approvals gate the engine said blocks would block too: no special case for approvals.
    const approvals: GateResult = { gate: 'approvals', passed: false, detail: '0 of 1', blocks: true };
    expect(state(preview([approvals])).blockedBy).toMatch(/A gate fails/);
  });

  it('asks approval when the engine says so, and the override reason follows the engine rule', () => {
    expect(state(preview([], true)).asksApproval).toBe(true);
    expect(state(preview([], false)).asksApproval).toBe(false);
    const blocked = preview([{ gate: 'freeze', passed: false, detail: 'frozen', blocks: true }]);
    expect(state(blocked, true, 'hotfix').blockedBy).toMatch(/few words/);
    expect(state(blocked, true, 'hotfix for the outage')).toMatchObject({
      blockedBy: null,
      overriding: true,
    });
  });
});
