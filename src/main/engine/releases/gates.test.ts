// The engine's verdicts on gates that clients render as they are: which failed gate blocks, whether
// approval is asked, and whether an approved deployment was held back.
import { describe, expect, it } from 'vitest';
import { asksApproval, blockingGates, evaluateGates, heldBack, withBlocks } from './gates.ts';

const gate = (name: 'approvals' | 'soak' | 'freeze', passed: boolean) =>
  withBlocks({ gate: name, passed, detail: '' });

describe('gate verdicts', () => {
  it('a failed gate blocks, except approvals, which are asked for', () => {
    expect(gate('soak', false).blocks).toBe(true);
    expect(gate('soak', true).blocks).toBe(false);
    expect(gate('approvals', false).blocks).toBe(false);
    expect(blockingGates([gate('approvals', false), gate('freeze', false)]).map((g) => g.gate)).toEqual([
      'freeze',
    ]);
    expect(asksApproval([gate('approvals', false)])).toBe(true);
    expect(asksApproval([gate('approvals', true), gate('soak', false)])).toBe(false);
  });

  it('every evaluated gate carries its verdict', () => {
    const results = evaluateGates({
      gates: { approvals: 1, healthy_before: true },
      environment: 'production',
      commit: 'a'.repeat(40),
      requester: { name: 'ann', osUser: 'ann' },
      now: 0,
      approvals: [],
      pipelineRun: () => null,
      previousEnvironment: null,
      healthySince: null,
      notHealthyBecause: null,
      targetState: 'down',
      fix: false,
    });
    expect(results.map((r) => [r.gate, r.passed, r.blocks])).toEqual([
      ['approvals', false, false],
      ['healthy_before', false, true],
    ]);
  });

  it('held back: awaiting approval with every approval in, never one that lacks approvals', () => {
    const soak = gate('soak', false);
    expect(heldBack({ status: 'awaiting_approval', gates: [gate('approvals', true), soak] })).toBe(true);
    expect(heldBack({ status: 'awaiting_approval', gates: [gate('approvals', false), soak] })).toBe(false);
    expect(heldBack({ status: 'running', gates: [gate('approvals', true)] })).toBe(false);
  });
});
