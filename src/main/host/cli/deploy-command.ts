// `cockpit deploy <env>`, `cockpit promote <from> [<to>]` and `cockpit rollback <env> [--to V]`: preview the plan
// and its gates, request the deployment, then (by default) follow it until it ends.
// Exit 0 when it succeeds or awaits approval, 1 when it fails, 4 when gates block it.
import type { EngineClient } from '../../../shared/client.ts';
import type { Project } from '../../../shared/domain/project.ts';
import type { Deployment, DeployPreview } from '../../../shared/domain/release.ts';
import type { RollbackTarget } from '../../../shared/domain/rollback-target.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { followDeployment } from './follow-deployment.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import {
  blockingGates,
  formatGates,
  paintDeploymentStatus,
  parseParams,
  reportGateFailure,
  shortSha,
} from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

/** Options every way of requesting a deployment takes. */
const requestOptions = {
  project: { type: 'string' },
  override: { type: 'string' },
  queue: { type: 'boolean' },
} as const;

interface RequestFlags {
  project?: string;
  override?: string;
  queue?: boolean;
}

export async function deployCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...requestOptions,
    version: { type: 'string' },
    pipeline: { type: 'string' },
    param: { type: 'string', multiple: true },
    fix: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('expected "cockpit deploy <environment>"');
  const environment = positionals[0]!;
  const params = parseParams(values.param);
  return request(global, io, values, {
    preview: (client, project) =>
      client.api.releases.preview({
        projectId: project.id,
        environment,
        kind: 'deploy',
        version: values.version,
        pipeline: values.pipeline,
      }),
    request: (client, project, options) =>
      client.api.releases.deploy({
        projectId: project.id,
        environment,
        version: values.version,
        pipeline: values.pipeline,
        params,
        fix: values.fix,
        ...options,
      }),
  });
}

export async function promoteCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, requestOptions);
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('expected "cockpit promote <from> [<to>]"');
  const from = positionals[0]!;
  let to = positionals[1];
  return request(global, io, values, {
    preview: async (client, project) => {
      to ??= await nextInLifecycle(client, project, from);
      return client.api.releases.preview({ projectId: project.id, environment: to, kind: 'promote', from });
    },
    request: (client, project, options) =>
      client.api.releases.promote({ projectId: project.id, from, to, ...options }),
  });
}

export async function rollbackCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...requestOptions,
    to: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError('expected "cockpit rollback <environment> [--to VERSION] [--dry-run]"');
  const environment = positionals[0]!;
  const version = values.to;
  return request(global, io, values, {
    preview: (client, project) =>
      client.api.releases.preview({ projectId: project.id, environment, kind: 'rollback', version }),
    request: (client, project, options) =>
      client.api.releases.rollback({ projectId: project.id, environment, version, ...options }),
    dryRun: values['dry-run']
      ? async (client, project) =>
          formatRollbackTargets(
            await client.api.releases.rollbackTargets({ projectId: project.id, environment }),
          )
      : undefined,
  });
}

/** The releases a rollback can go to, newest first, for --dry-run. */
function formatRollbackTargets(targets: RollbackTarget[]): string {
  if (targets.length === 0) return 'No other release to roll back to.\n';
  const lines = targets.map((target) => {
    const until = target.liveUntil === null ? '' : ` until ${new Date(target.liveUntil).toISOString()}`;
    const how = target.source === 'observed' ? 'seen by the monitor' : `deployment #${target.deploymentId}`;
    return `  ${target.previous ? '*' : ' '} ${target.version} (${target.commit === null ? 'no commit here' : shortSha(target.commit)}) live from ${new Date(target.liveFrom).toISOString()}${until}, ${how}`;
  });
  return `Rollback targets (* the previous one; --to VERSION picks another):\n${lines.join('\n')}\nDry run: nothing was requested.\n`;
}

interface RequestSteps {
  preview: (client: EngineClient, project: Project) => Promise<DeployPreview>;
  request: (
    client: EngineClient,
    project: Project,
    options: { override?: { reason: string }; queue?: boolean },
  ) => Promise<Deployment>;
  /** Print the plan and its gates, then this, and request nothing. */
  dryRun?: (client: EngineClient, project: Project) => Promise<string>;
}

async function request(
  global: GlobalOptions,
  io: CliIo,
  flags: RequestFlags,
  steps: RequestSteps,
): Promise<number> {
  const override = flags.override === undefined ? undefined : { reason: flags.override };
  return withEngineClient(global, io, (client) =>
    reportGateFailure(io, async () => {
      const project = await resolveProject(client, io, flags.project);
      const preview = await steps.preview(client, project);
      if (steps.dryRun) {
        io.stdout(formatPlan(io, project, preview, override?.reason, true));
        io.stdout(await steps.dryRun(client, project));
        return exitCodes.ok;
      }
      io.stdout(formatPlan(io, project, preview, override?.reason));
      const deployment = await steps.request(client, project, { override, queue: flags.queue });
      if (deployment.status === 'awaiting_approval') {
        const approvals = deployment.approvals.filter((approval) => approval.decision === 'approve');
        io.stdout(
          `Deployment #${deployment.id} ${paintDeploymentStatus(io, deployment.status)} (${approvals.length} of ${deployment.approvalsNeeded}). An approver runs:\n` +
            `  cockpit approve ${deployment.id} --comment "…"\n`,
        );
        return exitCodes.ok;
      }
      io.stdout(`Deployment #${deployment.id} requested by ${deployment.actor}.\n`);
      return followDeployment(client, io, deployment);
    }),
  );
}

/** The plan in a few lines: what goes where, replacing what, how, and the gates. */
function formatPlan(
  io: CliIo,
  project: Project,
  preview: DeployPreview,
  override?: string,
  allGates = false,
): string {
  const version = `${paint(io, colors.bold, preview.version)} (${shortSha(preview.commit)})`;
  const replacing =
    preview.previousVersion === null
      ? 'the first deploy recorded there'
      : `replacing ${preview.previousVersion}`;
  const lines = [
    preview.kind === 'promote'
      ? `Promote ${project.name} ${version} from ${preview.sourceEnvironment ?? '?'} to ${preview.environment}, ${replacing}`
      : preview.kind === 'rollback'
        ? `Roll back ${project.name} on ${preview.environment} to ${version}${preview.previousVersion === null ? '' : ` from ${preview.previousVersion}`}`
        : `Deploy ${project.name} ${version} to ${preview.environment}, ${replacing}`,
    `  pipeline ${preview.pipeline}, ${preview.inWorktree ? 'in a temporary git worktree' : 'in the project folder (clean HEAD)'}`,
  ];
  const commits = preview.notes.commits.length;
  const previous = preview.previousVersion;
  if (previous !== null && preview.kind !== 'rollback') {
    if (preview.notes.notAncestor) {
      lines.push(
        paint(io, colors.yellow, `  ${previous} is not an ancestor of ${preview.version}:`) +
          ' commits that run there now would be gone',
      );
    } else if (commits === 0) {
      lines.push(`  ${preview.environment} already runs this commit: a redeploy`);
    } else {
      lines.push(
        `  ${commits} commit${commits === 1 ? '' : 's'} since ${previous} (cockpit notes ${previous} ${preview.version})`,
      );
    }
  }
  const blocking = blockingGates(preview.gates);
  // Without an override the engine refuses the request, and the refusal lists every gate.
  if (blocking.length > 0 && override === undefined && !allGates) return `${lines.join('\n')}\n`;
  lines.push(preview.gates.length === 0 ? 'Gates: none' : 'Gates:');
  let text = `${lines.join('\n')}\n${formatGates(io, preview.gates)}`;
  const failing = preview.gates.filter((gate) => !gate.passed);
  if (override !== undefined && failing.length > 0) {
    // As the engine records it: an override covers every gate that has not passed, approvals included.
    text += `${paint(io, colors.yellow, 'Overriding')} ${failing.map((gate) => gate.gate).join(', ')}: ${override}\n`;
  } else if (preview.needsApproval) {
    text += `Needs ${preview.approvalsNeeded} approval${preview.approvalsNeeded === 1 ? '' : 's'} before it starts.\n`;
  }
  return text;
}

async function nextInLifecycle(client: EngineClient, project: Project, from: string): Promise<string> {
  const board = await client.api.releases.board();
  const row = board.rows.find((candidate) => candidate.projectId === project.id);
  const lifecycle = row?.lifecycle ?? [];
  if (!lifecycle.includes(from)) {
    throw new UsageError(
      `"${from}" is not in ${project.name}'s lifecycle (${lifecycle.join(' → ') || 'none'}); name the target: cockpit promote ${from} <to>`,
    );
  }
  // Where a release goes next is the engine's answer, cell by cell.
  const next = row?.cells.find((cell) => cell.environment === from)?.next ?? null;
  if (next === null)
    throw new UsageError(`"${from}" is the last environment of the lifecycle (${lifecycle.join(' → ')})`);
  return next;
}
