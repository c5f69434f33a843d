// How release facts read on screen: drift as short phrases ("3 behind staging"), a reported version
// that disagrees with the recorded one, deployment and verification statuses, gate and audit names.
// One table per thing, shared by the board, the dialogs and the Releases view.
import type {
  AuditAction,
  BoardCell,
  DeploymentKind,
  DeploymentStatus,
  Drift,
  GateName,
  VerificationState,
} from '../../../shared/domain/release.ts';
import type { IconName } from './icon-names.ts';
import type { StatusTone } from './run-status.ts';

export interface DriftPhrase {
  key: 'previous' | 'main' | 'head' | 'tested';
  text: string;
  /** The whole sentence, for tooltips and screen readers. */
  title: string;
  tone: 'ok' | 'warning' | 'neutral';
}

const commits = (count: number) => `${count} ${count === 1 ? 'commit' : 'commits'}`;

/** What a cell says about drift, most useful first; empty when nothing is known. */
export function driftPhrases(drift: Drift | null, previousEnvironment: string | null): DriftPhrase[] {
  if (!drift) return [];
  const phrases: DriftPhrase[] = [];
  if (previousEnvironment !== null && drift.behindPrevious !== null && drift.behindPrevious > 0) {
    phrases.push({
      key: 'previous',
      text: `${drift.behindPrevious} behind ${previousEnvironment}`,
      title: `${previousEnvironment} runs ${commits(drift.behindPrevious)} this environment does not have yet.`,
      tone: 'warning',
    });
  }
  if (drift.behindMain !== null && drift.behindMain > 0) {
    const branch = drift.mainBranch ?? 'main';
    phrases.push({
      key: 'main',
      text: `${drift.behindMain} behind ${branch}`,
      title: `${branch} has ${commits(drift.behindMain)} not deployed here.`,
      tone: 'neutral',
    });
  }
  const head = headPhrase(drift.head);
  if (head) phrases.push(head);
  if (drift.tested) {
    phrases.push({
      key: 'tested',
      text: `tested ✓ ${drift.tested.pipeline}`,
      title: `What runs here passed ${drift.tested.pipeline} locally (run #${drift.tested.runId}).`,
      tone: 'ok',
    });
  }
  return phrases;
}

function headPhrase(head: Drift['head']): DriftPhrase | null {
  switch (head.relation) {
    case 'same':
      return { key: 'head', text: 'at HEAD', title: 'Your checkout’s HEAD is what runs here.', tone: 'ok' };
    case 'ahead':
      return {
        key: 'head',
        text: `HEAD ${head.ahead} ahead`,
        title: `Your checkout’s HEAD has ${commits(head.ahead)} not deployed here.`,
        tone: 'neutral',
      };
    case 'behind':
      return {
        key: 'head',
        text: `HEAD ${head.behind} behind`,
        title: `What runs here has ${commits(head.behind)} your checkout’s HEAD does not have.`,
        tone: 'warning',
      };
    case 'diverged':
      return {
        key: 'head',
        text: `HEAD diverged +${head.ahead}/−${head.behind}`,
        title: `Your checkout’s HEAD and what runs here have diverged: ${commits(head.ahead)} only in HEAD, ${commits(head.behind)} only here.`,
        tone: 'warning',
      };
    case 'unknown':
      return null;
  }
}

/** Why a reported version that differs from the recorded one matters, in a sentence. */
export function mismatchExplanation(cell: Pick<BoardCell, 'reportedVersion' | 'recorded'>): string | null {
  const recorded = cell.recorded?.version ?? null;
  if (recorded === null) {
    return cell.reportedVersion === null
      ? null
      : `Reports ${cell.reportedVersion}, but no deploy was recorded here: it was deployed outside the cockpit.`;
  }
  if (cell.reportedVersion === null) {
    return `${recorded} was deployed last, but the environment reports no version right now.`;
  }
  return `Reports ${cell.reportedVersion}, but ${recorded} was deployed last: deployed outside the cockpit, or the deploy did not take.`;
}

interface Look {
  tone: StatusTone;
  icon: IconName;
  label: string;
}

const deploymentLooks: Record<DeploymentStatus, Look> = {
  awaiting_approval: { tone: 'warning', icon: 'bell', label: 'Awaiting approval' },
  queued: { tone: 'neutral', icon: 'clock', label: 'Queued' },
  running: { tone: 'running', icon: 'running', label: 'Deploying' },
  verifying: { tone: 'running', icon: 'running', label: 'Verifying' },
  succeeded: { tone: 'ok', icon: 'check', label: 'Succeeded' },
  failed: { tone: 'danger', icon: 'cross', label: 'Failed' },
  cancelled: { tone: 'neutral', icon: 'stop', label: 'Cancelled' },
  rejected: { tone: 'danger', icon: 'cross', label: 'Rejected' },
  interrupted: { tone: 'warning', icon: 'alert', label: 'Interrupted' },
};

export function deploymentLook(status: DeploymentStatus): Look {
  return deploymentLooks[status];
}

const verificationLooks: Record<VerificationState, Look> = {
  verified: { tone: 'ok', icon: 'check', label: 'Verified' },
  not_verified: { tone: 'warning', icon: 'alert', label: 'Not verified' },
  skipped: { tone: 'neutral', icon: 'skip', label: 'No version check' },
};

export function verificationLook(state: VerificationState): Look {
  return verificationLooks[state];
}

const gateLabels: Record<GateName, string> = {
  pipeline_passed: 'Pipeline passed',
  approvals: 'Approvals',
  freeze: 'Freeze window',
  soak: 'Soak time',
  healthy_before: 'Healthy before deploy',
};

export function gateLabel(gate: GateName): string {
  return gateLabels[gate];
}

const kindLabels: Record<DeploymentKind, string> = {
  deploy: 'Deploy',
  promote: 'Promotion',
  rollback: 'Rollback',
};

export function kindLabel(kind: DeploymentKind): string {
  return kindLabels[kind];
}

const auditLabels: Record<AuditAction, string> = {
  'deploy.requested': 'Deploy requested',
  'deploy.started': 'Deploy started',
  'deploy.finished': 'Deploy finished',
  'deploy.cancelled': 'Deploy cancelled',
  'approval.approved': 'Approved',
  'approval.rejected': 'Rejected',
  'gate.override': 'Gates overridden',
  'policy.changed': 'Policy changed',
  'auto_deploy.paused': 'Auto-deploy paused',
  'auto_deploy.resumed': 'Auto-deploy resumed',
};

export function auditLabel(action: AuditAction): string {
  return auditLabels[action];
}

/** "Deploying 1.2.0 · 2/4 jobs", "Awaiting approval: 1.2.0". */
export function activeText(active: NonNullable<BoardCell['active']>): string {
  const look = deploymentLook(active.status);
  if (active.status === 'awaiting_approval' || active.status === 'queued') {
    return `${look.label}: ${active.version}`;
  }
  const progress = active.progress ? ` · ${active.progress.done}/${active.progress.total} jobs` : '';
  return `${look.label} ${active.version}${progress}`;
}

/** One line for an audit entry's details: `key: value` pairs, with gates, commits and long values shortened. */
export function auditDetailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([key, value]) => value !== null && value !== undefined && value !== '' && key !== 'deploymentId')
    .map(([key, value]) => `${key}: ${auditValueText(key, value)}`)
    .join(' · ');
}

const isGate = (value: unknown): value is { gate: string; passed: boolean } =>
  typeof value === 'object' && value !== null && 'gate' in value && 'passed' in value;

function auditValueText(key: string, value: unknown): string {
  if (Array.isArray(value) && value.every(isGate)) {
    return value.map((gate) => `${gate.gate} ${gate.passed ? '✓' : '✗'}`).join(', ');
  }
  if (typeof value === 'string') {
    if (/commit|sha/i.test(key) && /^[0-9a-f]{40}$/i.test(value)) return value.slice(0, 7);
    return value.length > 120 ? `${value.slice(0, 119)}…` : value;
  }
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** What a board cell says, as one sentence for screen readers (the cell's accessible name). */
export function cellSummary(
  projectName: string,
  cell: BoardCell,
  previousEnvironment: string | null,
  ago: (at: number) => string,
): string {
  const parts: string[] = [`${projectName} in ${cell.environment}`];
  const version = cell.recorded?.version ?? cell.reportedVersion;
  parts.push(version ? `version ${version}` : 'nothing deployed');
  if (cell.recorded?.verification)
    parts.push(verificationLook(cell.recorded.verification).label.toLowerCase());
  parts.push(cell.state);
  let sentence = `${parts.join(', ')}.`;
  if (cell.mismatch) sentence += ` ${mismatchExplanation(cell) ?? ''}`;
  if (cell.recorded) sentence += ` Deployed ${ago(cell.recorded.finishedAt)} by ${cell.recorded.actor}.`;
  const drift = driftPhrases(cell.drift, previousEnvironment).map((phrase) => phrase.text);
  if (drift.length > 0) sentence += ` ${drift.join(', ')}.`;
  if (cell.pendingApprovals > 0) {
    sentence += ` ${cell.pendingApprovals} pending ${cell.pendingApprovals === 1 ? 'approval' : 'approvals'}.`;
  }
  if (cell.active) sentence += ` ${activeText(cell.active)}.`;
  if (cell.lastProblem && !cell.active) sentence += ` Last deploy: ${cell.lastProblem}.`;
  return sentence.replace(/\s+/g, ' ').trim();
}
