// Evaluates an environment's gates for one deploy. Pure: the release service gathers the facts
// (runs, approvals, health, time) and this decides, gate by gate, with a sentence saying why.
import type { EnvironmentState } from '../../../shared/domain/environment.ts';
import type { Approval, GateResult } from '../../../shared/domain/release.ts';
import { formatDuration as formatPrecise } from '../kernel/duration.ts';
import type { GatesConfig } from '../config/index.ts';
import { describeUntil, freezeAt } from './freeze.ts';

export interface GateFacts {
  gates: GatesConfig | undefined;
  environment: string;
  commit: string;
  requester: Person;
  now: number;
  /** Approvals recorded for this deployment (none yet for a new request). */
  approvals: Approval[];
  /** The newest successful run of `pipeline` on exactly `commit`, or the newest run of it on the commit. */
  pipelineRun(pipeline: string): { runId: number; status: string; dirty?: boolean } | null;
  previousEnvironment: string | null;
  /** Since when the version has been healthy without a break in the previous environment (null: it is not). */
  healthySince: number | null;
  /** Why it is not, when healthySince is null: "staging runs 1.1.0", "staging is down". */
  notHealthyBecause: string | null;
  targetState: EnvironmentState | null;
  fix: boolean;
}

const short = (sha: string) => sha.slice(0, 7);
/** "10m", "1h30m", "45s": whole minutes and hours without their zero seconds. */
const formatDuration = (ms: number) =>
  formatPrecise(ms)
    .replace(/(\d+m)00s$/, '$1')
    .replace(/(\d+h)00m$/, '$1');

/**
 * Whether a failed gate blocks the deploy (only an override with a reason gets past it). A missing
 * approval does not block: the deployment is created and waits for it, and no override skips it.
 */
export function gateBlocks(gate: Pick<GateResult, 'gate' | 'passed'>): boolean {
  return !gate.passed && gate.gate !== 'approvals';
}

/** The gates that block a deploy. */
export function blockingGates(gates: GateResult[]): GateResult[] {
  return gates.filter((gate) => gate.blocks);
}

/** Whether the approvals gate still waits for approvals (the deployment asks for them). */
export function asksApproval(gates: GateResult[]): boolean {
  return gates.some((gate) => gate.gate === 'approvals' && !gate.passed);
}

/** Awaiting approval with every approval in: another gate held it back, and it needs starting. */
export function heldBack(deployment: {
  status: string;
  gates: Pick<GateResult, 'gate' | 'passed'>[];
}): boolean {
  return (
    deployment.status === 'awaiting_approval' &&
    deployment.gates.some((gate) => gate.gate === 'approvals' && gate.passed)
  );
}

/** A gate result as stored before `blocks` was recorded, with it. */
export function withBlocks(gate: Omit<GateResult, 'blocks'> & { blocks?: boolean }): GateResult {
  return { ...gate, blocks: gateBlocks(gate) };
}

/** Every configured gate with pass/fail and why, in a fixed order. No gates: an empty list. */
export function evaluateGates(facts: GateFacts): GateResult[] {
  return decideGates(facts).map(withBlocks);
}

function decideGates(facts: GateFacts): Omit<GateResult, 'blocks'>[] {
  const gates = facts.gates;
  if (!gates) return [];
  const results: Omit<GateResult, 'blocks'>[] = [];

  for (const pipeline of gates.pipeline_passed ?? []) {
    const run = facts.pipelineRun(pipeline);
    results.push(
      run?.status === 'success' && !run.dirty
        ? {
            gate: 'pipeline_passed',
            passed: true,
            detail: `${pipeline} passed on ${short(facts.commit)} (run #${run.runId})`,
          }
        : {
            gate: 'pipeline_passed',
            passed: false,
            detail: run?.dirty
              ? `${pipeline} passed on ${short(facts.commit)} only with uncommitted changes (run #${run.runId}): it has not passed on the commit itself`
              : run
                ? `${pipeline} has not passed on ${short(facts.commit)} (its last run there, #${run.runId}, ${run.status})`
                : `${pipeline} has never run on ${short(facts.commit)}: run it on that commit first`,
          },
    );
  }

  if (gates.approvals !== undefined) {
    const { counted, needed, refused } = countApprovals(gates, facts.approvals, facts.requester);
    const who = counted.length ? ` (${counted.join(', ')})` : '';
    const note = refused.length ? `; not counted: ${refused.join('; ')}` : '';
    results.push({
      gate: 'approvals',
      passed: counted.length >= needed,
      detail:
        counted.length >= needed
          ? `approved by ${counted.join(', ')}${note}`
          : `${counted.length} of ${needed} approval${needed === 1 ? '' : 's'}${who}${note}`,
    });
  }

  if (gates.freeze && gates.freeze.length > 0) {
    const state = freezeAt(gates.freeze, facts.now);
    results.push(
      state.frozen
        ? {
            gate: 'freeze',
            passed: false,
            detail: `deploys to ${facts.environment} are frozen: ${state.reason}${
              state.until !== null ? ` (until ${describeUntil(state.until, state.timeZone)})` : ''
            }`,
          }
        : { gate: 'freeze', passed: true, detail: 'no freeze window is active' },
    );
  }

  if (gates.soak !== undefined) {
    const soak = gates.soak;
    if (!facts.previousEnvironment) {
      results.push({
        gate: 'soak',
        passed: true,
        detail: `${facts.environment} is the first environment of the lifecycle`,
      });
    } else if (facts.healthySince === null) {
      results.push({
        gate: 'soak',
        passed: false,
        detail:
          facts.notHealthyBecause ?? `this version is not running healthy in ${facts.previousEnvironment}`,
      });
    } else {
      const healthyFor = facts.now - facts.healthySince;
      results.push(
        healthyFor >= soak
          ? {
              gate: 'soak',
              passed: true,
              detail: `healthy in ${facts.previousEnvironment} for ${formatDuration(healthyFor)} (needs ${formatDuration(soak)})`,
            }
          : {
              gate: 'soak',
              passed: false,
              detail: `healthy in ${facts.previousEnvironment} for ${formatDuration(healthyFor)} of ${formatDuration(soak)}; ${formatDuration(soak - healthyFor)} to go`,
            },
      );
    }
  }

  if (gates.healthy_before) {
    const down = facts.targetState === 'down';
    results.push(
      down
        ? {
            gate: 'healthy_before',
            passed: false,
            detail: facts.fix
              ? `${facts.environment} is down; a fix-forward into a down environment needs an override with a reason`
              : `${facts.environment} is down; deploying on top of an outage needs an override (mark it a fix)`,
          }
        : {
            gate: 'healthy_before',
            passed: true,
            detail: `${facts.environment} is ${facts.targetState ?? 'unknown'}`,
          },
    );
  }
  return results;
}

/** Who acts: the name recorded (COCKPIT_USER or the OS user) and the OS account behind it. */
export interface Person {
  name: string;
  /** Null for records made before the OS account was kept. */
  osUser: string | null;
}

/** The same person: the same name, or the same OS account under another name. */
export function samePerson(a: Person, b: Person): boolean {
  return a.name === b.name || (a.osUser !== null && a.osUser === b.osUser);
}

/**
 * Approvals that count: decisions to approve, by someone in `approvers` (when listed), not the
 * requester (unless allow_self_approval), one per OS account. `refused` says why others do not count.
 */
export function countApprovals(
  gates: GatesConfig,
  approvals: Approval[],
  requester: Person,
): { counted: string[]; needed: number; refused: string[] } {
  const counted: string[] = [];
  const accounts = new Set<string>();
  const refused: string[] = [];
  for (const approval of approvals) {
    if (approval.decision !== 'approve') continue;
    const approver = { name: approval.approver, osUser: approval.osUser };
    const account = approval.osUser ?? `name:${approval.approver}`;
    if (samePerson(approver, requester) && !gates.allow_self_approval) {
      refused.push(`${approval.approver} requested it`);
    } else if (gates.approvers && !gates.approvers.includes(approval.approver)) {
      refused.push(`${approval.approver} is not an approver`);
    } else if (accounts.has(account)) {
      refused.push(`${approval.approver} is the same account as an earlier approver`);
    } else {
      accounts.add(account);
      counted.push(approval.approver);
    }
  }
  return { counted, needed: gates.approvals ?? 0, refused };
}

/** Whether `who` may approve a deployment requested by `requester` under these gates; null = yes. */
export function approvalRefusal(
  gates: GatesConfig | undefined,
  who: Person,
  requester: Person,
): string | null {
  if (!gates?.approvals) return 'this environment needs no approvals';
  if (samePerson(who, requester) && !gates.allow_self_approval) {
    const alias =
      who.name === requester.name ? '' : ` (as ${requester.name}, from the same OS account ${who.osUser})`;
    return `${who.name} requested this deploy${alias} and cannot approve it too (set allow_self_approval: true to allow it)`;
  }
  if (gates.approvers && !gates.approvers.includes(who.name)) {
    return `${who.name} is not an approver here (approvers: ${gates.approvers.join(', ')})`;
  }
  return null;
}
