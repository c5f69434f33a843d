// Which desktop notifications to show: the per-project preferences (a project's own choice, else the
// '*' default, else on), and the decision for each run or deployment the engine says changed —
// once per thing, never for what happened before the window opened, never for your own requests.
import type { NotificationKind, Settings } from '../../../shared/domain/insights.ts';
import { notificationKinds } from '../../../shared/domain/insights.ts';
import type { Deployment } from '../../../shared/domain/release.ts';
import type { RunSummary } from '../../../shared/domain/run.ts';

export type NotificationPrefs = Settings['notifications'];
export const DEFAULT_KEY = '*';

/** Whether `kind` is on for the project: its own choice, else the default, else on. */
export function notificationEnabled(
  prefs: NotificationPrefs | null,
  projectId: number | null,
  kind: NotificationKind,
): boolean {
  const own = projectId === null ? undefined : prefs?.[String(projectId)]?.[kind];
  return own ?? prefs?.[DEFAULT_KEY]?.[kind] ?? true;
}

/** All four kinds for a row ('*' or a project id), as they apply. */
export function effectivePrefs(
  prefs: NotificationPrefs | null,
  key: string,
): Record<NotificationKind, boolean> {
  const projectId = key === DEFAULT_KEY ? null : Number(key);
  return Object.fromEntries(
    notificationKinds.map((kind) => [
      kind,
      projectId === null
        ? (prefs?.[DEFAULT_KEY]?.[kind] ?? true)
        : notificationEnabled(prefs, projectId, kind),
    ]),
  ) as Record<NotificationKind, boolean>;
}

/** True when the project has a choice of its own for at least one kind. */
export function hasOwnPrefs(prefs: NotificationPrefs | null, key: string): boolean {
  const own = prefs?.[key];
  return own !== undefined && Object.values(own).some((value) => value !== undefined);
}

/**
 * The preferences with one toggle changed. A project row that inherited the default takes a copy of
 * all four effective values, so later changes to the default no longer move it.
 */
export function withToggle(
  prefs: NotificationPrefs | null,
  key: string,
  kind: NotificationKind,
  value: boolean,
): NotificationPrefs {
  const next: NotificationPrefs = { ...prefs };
  next[key] = { ...effectivePrefs(prefs, key), [kind]: value };
  return next;
}

/** The preferences without a project's own choices: it follows the default again. */
export function withoutOwnPrefs(prefs: NotificationPrefs | null, key: string): NotificationPrefs {
  const next: NotificationPrefs = { ...prefs };
  delete next[key];
  return next;
}

/** Where clicking a notification takes you. */
export type NoticeTarget = { view: 'run'; runId: number } | { view: 'releases' } | { view: 'board' };

export interface ActivityNotice {
  /** Remembered once shown: the same key never notifies again. */
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  target: NoticeTarget;
}

export interface NoticeContext {
  prefs: NotificationPrefs | null;
  /** Who this cockpit acts as (app.info.actor); null until known. */
  actor: string | null;
  /** When the window opened: anything that happened before is old news. */
  openedAt: number;
  seen: ReadonlySet<string>;
  /** Runs that carry a deployment: their outcome is told as the deployment's. */
  deployRunIds: ReadonlySet<number>;
}

type RunFacts = Pick<RunSummary, 'id' | 'projectId' | 'pipeline' | 'status' | 'finishedAt' | 'git'>;

/** A pipeline run that ended failed or timed out, after the window opened. */
export function runNotice(
  run: RunFacts,
  projectName: string | null,
  ctx: NoticeContext,
): ActivityNotice | null {
  if (run.status !== 'failed' && run.status !== 'timed_out') return null;
  if (run.finishedAt === null || run.finishedAt < ctx.openedAt) return null;
  if (ctx.deployRunIds.has(run.id)) return null;
  if (!notificationEnabled(ctx.prefs, run.projectId, 'pipeline_failed')) return null;
  const key = `run:${run.id}:ended`;
  if (ctx.seen.has(key)) return null;
  const where = [projectName, run.git?.branch ? `on ${run.git.branch}` : null].filter(Boolean).join(' ');
  return {
    key,
    kind: 'pipeline_failed',
    title: `${run.pipeline} ${run.status === 'timed_out' ? 'timed out' : 'failed'}`,
    body: `${where ? `${where}: ` : ''}run #${run.id}`,
    target: { view: 'run', runId: run.id },
  };
}

type DeploymentFacts = Pick<
  Deployment,
  | 'id'
  | 'projectId'
  | 'projectName'
  | 'environment'
  | 'version'
  | 'actor'
  | 'status'
  | 'verification'
  | 'requestedAt'
  | 'finishedAt'
>;

/**
 * A deployment waiting for an approval someone else asked for, or one that ended (succeeded or
 * failed), after the window opened.
 */
export function deploymentNotice(deployment: DeploymentFacts, ctx: NoticeContext): ActivityNotice | null {
  const { id, projectId, projectName, environment, version } = deployment;
  if (deployment.status === 'awaiting_approval') {
    if (ctx.actor === null || deployment.actor === ctx.actor) return null;
    if (deployment.requestedAt < ctx.openedAt) return null;
    if (!notificationEnabled(ctx.prefs, projectId, 'approval_requested')) return null;
    const key = `deployment:${id}:approval`;
    if (ctx.seen.has(key)) return null;
    return {
      key,
      kind: 'approval_requested',
      title: `Approval requested: ${version} to ${environment}`,
      body: `${projectName}: ${deployment.actor} asks for your approval`,
      target: { view: 'releases' },
    };
  }
  if (deployment.status !== 'succeeded' && deployment.status !== 'failed') return null;
  if (deployment.finishedAt === null || deployment.finishedAt < ctx.openedAt) return null;
  if (!notificationEnabled(ctx.prefs, projectId, 'deploy_finished')) return null;
  const key = `deployment:${id}:ended`;
  if (ctx.seen.has(key)) return null;
  const succeeded = deployment.status === 'succeeded';
  const verified =
    deployment.verification === 'verified'
      ? ', verified'
      : deployment.verification === 'not_verified'
        ? ', not verified'
        : '';
  return {
    key,
    kind: 'deploy_finished',
    title: succeeded
      ? `Deployed ${version} to ${environment}`
      : `Deploy of ${version} to ${environment} failed`,
    body: `${projectName}: deployment #${id}${succeeded ? verified : ''}`,
    target: { view: 'board' },
  };
}
