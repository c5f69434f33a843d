// Deployments: plans a deploy, promotion or rollback, checks the target environment's gates, takes
// its lock, runs the deploy pipeline (in a worktree when it is not the clean HEAD), verifies that the
// environment reports the new version, and records every step in the audit log.
import type { Database } from 'better-sqlite3';
import type { EnvironmentSummary } from '../../../shared/domain/environment.ts';
import type {
  Deployment,
  DeploymentDetail,
  DeploymentKind,
  DeployPreview,
  GateResult,
  ReleaseNotesData,
} from '../../../shared/domain/release.ts';
import type { ParamValue, RunSummary } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { currentActor, currentOsUser } from '../actor.ts';
import type { Clock } from '../clock.ts';
import type { CockpitConfig } from '../config/cockpit-config.ts';
import type { EnvironmentConfig } from '../config/environment-schema.ts';
import { requireEffectiveConfig, type EffectiveConfig } from '../config/effective-config.ts';
import { DEFAULT_VERIFY_TIMEOUT_MS, type PipelineConfig } from '../config/pipeline-schema.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log/logger.ts';
import { ownerAlive } from '../process-identity.ts';
import type { RunService } from '../pipelines/run-service.ts';
import { readGitFacts } from '../projects/git-facts.ts';
import type { AuditLog } from './audit-log.ts';
import type { DeploymentsRepo, NewDeployment } from './deployments-repo.ts';
import { deploysTo, deployTargetOf } from './deploy-target.ts';
import { approvalRefusal, evaluateGates, type Person } from './gates.ts';
import { commitTime, resolveVersion, sameVersion, versionOfCommit } from './git-versions.ts';
import {
  lifecycleOf,
  nextEnvironment,
  previousEnvironment,
  releasePolicy,
  describePolicyChange,
} from './lifecycle.ts';
import { releaseNotes, releaseNotesMarkdown } from './release-notes.ts';

export interface ReleaseServiceDeps {
  db: Database;
  repo: DeploymentsRepo;
  audit: AuditLog;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  runs: RunService;
  listProjects(): { id: number; name: string; path: string }[];
  project(id: number): { id: number; name: string; path: string };
  /** The configuration gates go by: the last good one while cockpit.yml is invalid. */
  configOf(project: { id: number; path: string }): EffectiveConfig;
  /** The monitor's view of every environment (of one project). */
  environments(projectId?: number): EnvironmentSummary[];
  /** Runs the environment's checks once now; resolves with the version it reports. */
  checkNow(environmentId: number): Promise<{ version: string | null; state: string }>;
  /** Who is acting: COCKPIT_USER, else the OS user. */
  actor?: () => string;
  /** The OS account acting (tests stand in for several people; hosts never set it). */
  osUser?: () => string;
  /** How often verification re-checks the environment; default 1 s. */
  verifyPollMs?: number;
}

export interface RequestOptions {
  override?: { reason: string };
  queue?: boolean;
}

export interface DeployRequest extends RequestOptions {
  projectId: number;
  environment: string;
  version?: string;
  pipeline?: string;
  params?: Record<string, ParamValue>;
  fix?: boolean;
}

/** Everything a deploy needs, decided before anything is recorded. */
interface Plan {
  projectId: number;
  projectPath: string;
  config: CockpitConfig;
  environment: EnvironmentConfig;
  kind: DeploymentKind;
  version: string;
  commit: string;
  pipeline: string;
  pipelineConfig: PipelineConfig;
  params: Record<string, ParamValue>;
  sourceEnvironment: string | null;
  previousVersion: string | null;
  /** The commit the environment runs now (for notes), when known. */
  currentCommit: string | null;
  inWorktree: boolean;
  fix: boolean;
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'rejected', 'interrupted']);
const QUEUE_WATCH_MS = 2000;
const MAX_SHIPPED_COMMITS = 500;

export type ReleaseService = ReturnType<typeof createReleaseService>;

export function createReleaseService(deps: ReleaseServiceDeps) {
  const { repo, audit, clock, events, logger, runs } = deps;
  const actorOf = deps.actor ?? currentActor;
  const osUserOf = deps.osUser ?? currentOsUser;
  /** Deployments this process drives (running or verifying), to cancel and to wait for at shutdown. */
  const driving = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let stopping = false;

  function configOf(projectId: number) {
    const project = deps.project(projectId);
    return { project, config: requireEffectiveConfig(deps.configOf(project), project.path) };
  }

  function environmentIn(config: CockpitConfig, name: string): EnvironmentConfig {
    const environment = (config.environments ?? []).find((env) => env.name === name);
    if (!environment) {
      const known = (config.environments ?? []).map((env) => env.name);
      throw new CockpitError(
        'NOT_FOUND',
        `There is no environment "${name}" in cockpit.yml${known.length ? ` (environments: ${known.join(', ')})` : ''}.`,
        { environment: name, known },
      );
    }
    return environment;
  }

  /** The pipeline that deploys to `environment`, and the params that aim it there. */
  function deployPipeline(
    config: CockpitConfig,
    environment: string,
    requested: string | undefined,
    params: Record<string, ParamValue> = {},
  ): { name: string; pipeline: PipelineConfig; params: Record<string, ParamValue> } {
    const candidates = Object.entries(config.pipelines ?? {}).filter(([, pipeline]) =>
      deploysTo(pipeline, environment),
    );
    const chosen = requested ? candidates.filter(([name]) => name === requested) : candidates;
    if (chosen.length === 0) {
      throw new CockpitError(
        'NOT_FOUND',
        requested
          ? `Pipeline "${requested}" does not deploy to "${environment}".`
          : `No pipeline deploys to "${environment}": give one \`deploy: { environment: ${environment} }\` in cockpit.yml.`,
        { environment },
      );
    }
    if (chosen.length > 1) {
      throw new CockpitError(
        'BAD_REQUEST',
        `Several pipelines deploy to "${environment}" (${chosen.map(([name]) => name).join(', ')}): choose one.`,
        { pipelines: chosen.map(([name]) => name) },
      );
    }
    const [name, pipeline] = chosen[0]!;
    const deploy = pipeline.deploy!;
    const aimed =
      'environment_param' in deploy ? { ...params, [deploy.environment_param]: environment } : params;
    return { name, pipeline, params: aimed };
  }

  function monitored(projectId: number, environment: string): EnvironmentSummary | null {
    return deps.environments(projectId).find((env) => env.name === environment) ?? null;
  }

  /** The commit an environment runs: its last successful deployment, unless it reports another version. */
  async function currentCommitOf(projectId: number, path: string, environment: string) {
    const recorded = repo.succeeded(projectId, environment, 1)[0] ?? null;
    const reported = monitored(projectId, environment)?.version ?? null;
    if (reported && !(recorded && sameVersion(reported, recorded.version))) {
      const commit = await resolveVersion(path, reported);
      // Named like recorded versions (the tag, "v1.0.0"), not as reported ("1.0.0").
      if (commit) return { commit, version: await versionOfCommit(path, commit), recorded };
    }
    return recorded
      ? { commit: recorded.commit, version: recorded.version, recorded }
      : { commit: null, version: reported, recorded };
  }

  async function commitOf(path: string, text: string): Promise<string> {
    const commit = await resolveVersion(path, text);
    if (!commit) {
      throw new CockpitError('NOT_FOUND', `"${text}" is not a tag, branch, commit or version in ${path}.`, {
        version: text,
      });
    }
    return commit;
  }

  async function plan(request: {
    projectId: number;
    environment: string;
    kind: DeploymentKind;
    version?: string;
    from?: string;
    pipeline?: string;
    params?: Record<string, ParamValue>;
    fix?: boolean;
  }): Promise<Plan> {
    const { project, config } = configOf(request.projectId);
    const environment = environmentIn(config, request.environment);
    const lifecycle = lifecycleOf(config);
    const git = await readGitFacts(project.path);
    if (!git?.headSha) {
      throw new CockpitError(
        'CONFLICT',
        `${project.path} is not a git repository with commits; deploys need one.`,
      );
    }
    let commit: string;
    let sourceEnvironment: string | null = null;
    if (request.kind === 'promote') {
      const from = request.from ?? previousEnvironment(lifecycle, request.environment);
      if (!from)
        throw new CockpitError(
          'BAD_REQUEST',
          `Nothing comes before "${request.environment}" in the lifecycle.`,
        );
      environmentIn(config, from);
      sourceEnvironment = from;
      const verified = repo
        .succeeded(request.projectId, from)
        .find((deployment) => deployment.verification !== 'not_verified');
      const reported = monitored(request.projectId, from)?.version ?? null;
      if (verified && (!reported || sameVersion(reported, verified.version))) {
        commit = verified.commit;
      } else if (reported && (await resolveVersion(project.path, reported))) {
        commit = (await resolveVersion(project.path, reported))!;
      } else if (verified) {
        commit = verified.commit;
      } else {
        throw new CockpitError(
          'CONFLICT',
          `There is no verified version in "${from}" to promote: deploy there first${reported ? ` (it reports ${reported}, which is no tag or commit here)` : ''}.`,
        );
      }
    } else if (request.kind === 'rollback') {
      // What runs now: the reported version when it resolves (an out-of-band deploy counts), else the record.
      const running = await currentCommitOf(request.projectId, project.path, request.environment);
      if (!running.commit) {
        throw new CockpitError(
          'CONFLICT',
          `Nothing was ever deployed to "${request.environment}" by the cockpit: nothing to roll back.`,
        );
      }
      const history = repo.succeeded(request.projectId, request.environment, 200);
      const rolledBack = rolledBackCommits(history);
      const target = history.find(
        (deployment) =>
          deployment.commit !== running.commit &&
          deployment.verification !== 'not_verified' &&
          !rolledBack.has(deployment.commit),
      );
      if (!target) {
        throw new CockpitError(
          'CONFLICT',
          `There is no successful, verified deployment of "${request.environment}" before ${running.version ?? 'the current version'} to roll back to.`,
        );
      }
      commit = target.commit;
    } else {
      commit = request.version ? await commitOf(project.path, request.version) : git.headSha;
    }
    const chosen = deployPipeline(config, request.environment, request.pipeline, request.params);
    const current = await currentCommitOf(request.projectId, project.path, request.environment);
    return {
      projectId: request.projectId,
      projectPath: project.path,
      config,
      environment,
      kind: request.kind,
      version: await versionOfCommit(project.path, commit),
      commit,
      pipeline: chosen.name,
      pipelineConfig: chosen.pipeline,
      params: chosen.params,
      sourceEnvironment,
      previousVersion: current.version,
      currentCommit: current.commit,
      inWorktree: commit !== git.headSha || git.dirty,
      fix: request.fix ?? false,
    };
  }

  /** The gates of the plan's environment, from the facts as they are now. */
  function gatesFor(plan: Plan, requester: Person, deploymentId: number | null): GateResult[] {
    const lifecycle = lifecycleOf(plan.config);
    const previous = previousEnvironment(lifecycle, plan.environment.name);
    const soak = previous ? healthyIn(plan.projectId, previous, plan.commit, plan.version) : null;
    return evaluateGates({
      gates: plan.environment.gates,
      environment: plan.environment.name,
      commit: plan.commit,
      requester,
      now: clock.now(),
      approvals: deploymentId === null ? [] : (repo.get(deploymentId)?.approvals ?? []),
      pipelineRun: (pipeline) => pipelineRunOn(plan.projectId, pipeline, plan.commit),
      previousEnvironment: previous,
      healthySince: soak?.since ?? null,
      notHealthyBecause: soak?.because ?? null,
      targetState: monitored(plan.projectId, plan.environment.name)?.state ?? null,
      fix: plan.fix,
    });
  }

  function pipelineRunOn(projectId: number, pipeline: string, commit: string) {
    type Row = { id: number; status: string; git_dirty: number | null };
    // A clean success if there is one; else the newest run on that commit, to say why not.
    const row =
      deps.db
        .prepare<[number, string, string], Row>(
          `SELECT id, status, git_dirty FROM runs WHERE project_id = ? AND pipeline = ? AND git_sha = ?
             AND status = 'success' AND COALESCE(git_dirty, 0) = 0
           ORDER BY id DESC LIMIT 1`,
        )
        .get(projectId, pipeline, commit) ??
      deps.db
        .prepare<[number, string, string], Row>(
          'SELECT id, status, git_dirty FROM runs WHERE project_id = ? AND pipeline = ? AND git_sha = ? ORDER BY id DESC LIMIT 1',
        )
        .get(projectId, pipeline, commit);
    return row ? { runId: row.id, status: row.status, dirty: row.git_dirty === 1 } : null;
  }

  /**
   * Since when this version has run in `environment` without a failed check: from its deployment
   * there (or, for an out-of-band deploy, when the monitor first saw it), after the last down check.
   */
  function healthyIn(projectId: number, environment: string, commit: string, version: string) {
    const summary = monitored(projectId, environment);
    if (!summary) return { since: null, because: `${environment} is not monitored` };
    if (summary.state === 'down') return { since: null, because: `${environment} is down` };
    if (summary.version && !sameVersion(summary.version, version)) {
      return { since: null, because: `${environment} runs ${summary.version}, not ${version}` };
    }
    const deployed = repo
      .succeeded(projectId, environment)
      .find((deployment) => deployment.commit === commit && deployment.verification !== 'not_verified');
    // The version's latest arrival counts: if another version ran in between (deployed or put there
    // by hand), the time before it does not.
    const seen = deps.db
      .prepare<[number], { seen_at: number; version: string }>(
        'SELECT seen_at, version FROM observed_deployments WHERE environment_id = ? ORDER BY seen_at DESC, id DESC LIMIT 1',
      )
      .get(summary.id);
    const arrived = seen && sameVersion(seen.version, version) ? seen.seen_at : null;
    const since =
      deployed?.finishedAt != null || arrived !== null
        ? Math.max(deployed?.finishedAt ?? 0, arrived ?? 0)
        : null;
    if (since === null) return { since: null, because: `${version} was never deployed to ${environment}` };
    const lastDown = deps.db
      .prepare<[number, number], { at: number | null }>(
        "SELECT MAX(at) AS at FROM check_results WHERE environment_id = ? AND at >= ? AND state = 'down'",
      )
      .get(summary.id, since)?.at;
    return { since: lastDown ? lastDown + 1 : since, because: null };
  }

  async function notesFor(plan: Plan): Promise<ReleaseNotesData> {
    return notesBetween(
      plan.projectPath,
      plan.currentCommit,
      plan.commit,
      plan.previousVersion,
      plan.version,
    );
  }

  async function notesBetween(
    path: string,
    fromSha: string | null,
    toSha: string,
    fromLabel: string | null,
    toLabel: string,
  ): Promise<ReleaseNotesData> {
    const notes = await releaseNotes(path, fromSha, toSha);
    const labelled = { ...notes, from: fromLabel ?? notes.from, to: toLabel };
    return {
      from: labelled.from,
      to: labelled.to,
      fromSha: notes.fromSha,
      toSha: notes.toSha,
      notAncestor: notes.notAncestor,
      commits: notes.commits.map((commit) => ({
        sha: commit.sha,
        shortSha: commit.shortSha,
        subject: commit.subject,
        author: commit.author,
        date: commit.date,
        type: commit.type,
        scope: commit.scope,
        breaking: commit.breaking,
        description: commit.description,
        issues: commit.issues,
      })),
      groups: notes.groups.map((group) => ({
        type: group.type,
        title: group.title,
        shas: group.commits.map((commit) => commit.sha),
      })),
      authors: notes.authors,
      issues: notes.issues,
      markdown: releaseNotesMarkdown(labelled),
    };
  }

  function blocking(gates: GateResult[]): GateResult[] {
    return gates.filter((gate) => !gate.passed && gate.gate !== 'approvals');
  }

  function gateError(plan: Plan, failed: GateResult[], gates: GateResult[]): CockpitError {
    const lines = failed.map((gate) => `  ✗ ${gate.gate}: ${gate.detail}`).join('\n');
    return new CockpitError(
      'GATE_FAILED',
      `The deploy of ${plan.version} to ${plan.environment.name} is blocked by its gates:\n${lines}`,
      { gates },
    );
  }

  function notePolicy(projectId: number, config: CockpitConfig): void {
    const { hash, policy } = releasePolicy(config);
    const select = deps.db.prepare<[number], { hash: string; policy: string }>(
      'SELECT hash, policy FROM release_policies WHERE project_id = ?',
    );
    if (select.get(projectId)?.hash === hash) return;
    const empty = Object.values(policy).every(
      (part) =>
        part === null ||
        (typeof part === 'object' && Object.keys(part as object).length === 0) ||
        (Array.isArray(part) && part.length === 0),
    );
    // Read again inside the write lock: the app and the CLI may notice the same change at once.
    deps.db
      .transaction(() => {
        const row = select.get(projectId);
        if (row?.hash === hash) return;
        const before = row ? (JSON.parse(row.policy) as Record<string, unknown>) : null;
        deps.db
          .prepare(
            `INSERT INTO release_policies (project_id, hash, policy, recorded_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (project_id) DO UPDATE SET hash = excluded.hash, policy = excluded.policy, recorded_at = excluded.recorded_at`,
          )
          .run(projectId, hash, JSON.stringify(policy), clock.now());
        if (before || !empty) {
          audit.append({
            // Who noticed it: git, not the cockpit, knows who edited cockpit.yml.
            actor: actorOf(),
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
      })
      .immediate();
  }

  async function request(
    kind: DeploymentKind,
    input: DeployRequest & { from?: string },
  ): Promise<Deployment> {
    const who = actorOf();
    const planned = await plan({ ...input, kind });
    notePolicy(planned.projectId, planned.config);
    const gates = gatesFor(planned, { name: who, osUser: osUserOf() }, null);
    const failed = blocking(gates);
    const approvalsNeeded = planned.environment.gates?.approvals ?? 0;
    const needsApproval = gates.some((gate) => gate.gate === 'approvals' && !gate.passed);
    if (failed.length > 0 && !input.override) throw gateError(planned, failed, gates);
    // An override answers for the failing gates, never for approvals: nobody skips the four-eyes check alone.
    const override = input.override && failed.length > 0 ? { by: who, reason: input.override.reason } : null;
    const notes = await notesFor(planned).catch((error: unknown) => {
      logger.warn('release notes failed', { error });
      return null;
    });
    const record: NewDeployment = {
      projectId: planned.projectId,
      environment: planned.environment.name,
      kind,
      version: planned.version,
      commit: planned.commit,
      pipeline: planned.pipeline,
      params: planned.params,
      actor: who,
      actorOsUser: osUserOf(),
      status: needsApproval ? 'awaiting_approval' : 'running',
      sourceEnvironment: planned.sourceEnvironment,
      previousVersion: planned.previousVersion,
      gates,
      approvalsNeeded,
      override,
      fix: planned.fix,
      releaseNotes: notes?.markdown ?? null,
      requestedAt: clock.now(),
    };
    const commitAt = await commitTime(planned.projectPath, planned.commit);
    // The deployment, what it ships and its audit entries are one transaction: a failure leaves no
    // deployment holding the lock with nothing driving it.
    const id = deps.db
      .transaction(() => {
        const created = insertWithLock(record, input.queue ?? false);
        repo.recordShipped(
          created,
          planned.environment.tier ?? 'other',
          commitAt,
          // A first release brings the whole history; its newest commits are enough for lead time.
          (notes?.commits ?? [])
            .slice(0, MAX_SHIPPED_COMMITS)
            .map((c) => ({ sha: c.sha, committedAt: c.date })),
        );
        const subject = `deployment #${created}`;
        audit.append({
          actor: who,
          action: 'deploy.requested',
          projectId: planned.projectId,
          subject,
          detail: {
            deploymentId: created,
            kind,
            environment: planned.environment.name,
            version: planned.version,
            commit: planned.commit,
            from: planned.sourceEnvironment,
            previousVersion: planned.previousVersion,
            gates,
            osUser: osUserOf(),
          },
        });
        if (override) {
          audit.append({
            actor: who,
            action: 'gate.override',
            projectId: planned.projectId,
            subject,
            detail: {
              deploymentId: created,
              reason: override.reason,
              overridden: gates.filter((gate) => !gate.passed),
            },
          });
        }
        return created;
      })
      .immediate();
    if (record.status === 'running' && repo.get(id)?.status === 'queued') watchQueue();
    logger.info('deployment requested', {
      deploymentId: id,
      kind,
      environment: planned.environment.name,
      version: planned.version,
    });
    changed(planned.projectId, id);
    const created = repo.get(id)!;
    if (created.status === 'running') launch(created, planned);
    return repo.get(id)!;
  }

  /** Inserts the deployment; a running one takes the lock, or queues, or is refused naming the holder. */
  function insertWithLock(record: NewDeployment, queue: boolean): number {
    if (record.status !== 'running') return repo.create(record);
    try {
      return repo.create(record);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      // A lock whose owner is gone (its cockpit died, or its pid now belongs to another process) is
      // released: the deployment holding it is over, and this one takes the lock.
      const holder = repo.holder(record.projectId, record.environment);
      if (holder && !driving.has(holder.id) && !drivenElsewhere(holder.id)) {
        finish(holder, 'interrupted', 'the cockpit process driving this deployment stopped');
        return insertWithLock(record, queue);
      }
      if (queue) return repo.create({ ...record, status: 'queued' });
      throw lockError(record.projectId, record.environment);
    }
  }

  /** Whether another live process (provably the one recorded) drives the deployment. */
  function drivenElsewhere(id: number): boolean {
    const row = repo.row(id);
    if (!row || row.owner_pid === null || row.owner_pid === process.pid) return false;
    return ownerAlive(row.owner_pid, row.owner_start, row.requested_at);
  }

  function lockError(projectId: number, environment: string): CockpitError {
    const holder = repo.holder(projectId, environment);
    const since = holder?.startedAt ?? holder?.requestedAt;
    return new CockpitError(
      'CONFLICT',
      holder
        ? `${environment} is being deployed by ${holder.actor} since ${new Date(since!).toISOString()} (deployment #${holder.id}, ${holder.version}); wait, or queue yours.`
        : `${environment} is being deployed; wait, or queue yours.`,
      { holder: holder ? { deploymentId: holder.id, actor: holder.actor, since } : null },
    );
  }

  /** Runs the deploy pipeline, then verifies; the deployment already holds the lock (status running). */
  function launch(deployment: Deployment, planned?: Plan): void {
    const controller = new AbortController();
    const done = drive(deployment, controller.signal, planned)
      .catch((error: unknown) => {
        logger.error('a deployment failed unexpectedly', { deploymentId: deployment.id, error });
        finish(deployment, 'failed', `the cockpit failed: ${(error as Error)?.message ?? String(error)}`);
      })
      .finally(() => {
        driving.delete(deployment.id);
        startNextQueued(deployment.projectId, deployment.environment);
      });
    driving.set(deployment.id, { controller, done });
  }

  async function drive(deployment: Deployment, signal: AbortSignal, planned?: Plan): Promise<void> {
    const path = deps.project(deployment.projectId).path;
    const git = await readGitFacts(path);
    const inWorktree = planned?.inWorktree ?? (deployment.commit !== git?.headSha || (git?.dirty ?? true));
    let run: RunSummary;
    try {
      run = await runs.start({
        projectId: deployment.projectId,
        pipeline: deployment.pipeline,
        params: deployment.params,
        trigger: 'manual',
        ...(inWorktree ? { commit: deployment.commit } : {}),
        deployment: {
          id: deployment.id,
          environment: deployment.environment,
          version: deployment.version,
          commit: deployment.commit,
          kind: deployment.kind,
        },
      });
    } catch (error) {
      finish(deployment, 'failed', `the deploy pipeline could not start: ${(error as Error).message}`);
      return;
    }
    repo.transition(deployment.id, ['running'], 'running', { runId: run.id, at: clock.now() });
    audit.append({
      actor: deployment.actor,
      action: 'deploy.started',
      projectId: deployment.projectId,
      subject: `deployment #${deployment.id}`,
      detail: {
        deploymentId: deployment.id,
        runId: run.id,
        inWorktree,
        environment: deployment.environment,
        version: deployment.version,
      },
    });
    changed(deployment.projectId, deployment.id);
    // A cancel cancels the run; at shutdown it is interrupted. An abort that came while the run was
    // being created is acted on now (a listener added to an aborted signal never fires).
    const onAbort = () => {
      if (signal.reason === 'shutdown') runs.interrupt(run.id);
      else runs.cancel(run.id);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const ended = await runs.wait(run.id);
    signal.removeEventListener('abort', onAbort);
    if (ended.status !== 'success') {
      const status =
        ended.status === 'cancelled'
          ? 'cancelled'
          : ended.status === 'interrupted'
            ? 'interrupted'
            : 'failed';
      finish(deployment, status, `the deploy pipeline ${ended.status} (run #${run.id})`);
      return;
    }
    repo.transition(deployment.id, ['running'], 'verifying', { at: clock.now() });
    changed(deployment.projectId, deployment.id);
    const verdict = await verify(deployment, signal);
    repo.setVerification(deployment.id, verdict.verification, verdict.detail, verdict.reported);
    // Cancelled while verifying: the pipeline ran, but nobody waited to see it live — not a success.
    const cancelled = signal.aborted && signal.reason !== 'shutdown' && verdict.verification !== 'verified';
    finish(deployment, cancelled ? 'cancelled' : 'succeeded', verdict.detail);
  }

  /** Polls the environment's version check until it reports the deployed version, or the deadline. */
  async function verify(deployment: Deployment, signal: AbortSignal) {
    const { config } = configOf(deployment.projectId);
    const environment = (config.environments ?? []).find((env) => env.name === deployment.environment);
    const summary = monitored(deployment.projectId, deployment.environment);
    if (!environment?.version || !summary) {
      return {
        verification: 'skipped' as const,
        detail: `${deployment.environment} has no version check`,
        reported: null,
      };
    }
    const pipeline = config.pipelines?.[deployment.pipeline];
    const timeout = pipeline?.deploy?.verify_timeout ?? DEFAULT_VERIFY_TIMEOUT_MS;
    const deadline = performance.now() + timeout;
    let reported: string | null = null;
    for (;;) {
      try {
        reported = (await deps.checkNow(summary.id)).version;
      } catch (error) {
        logger.warn('a verification check failed', { deploymentId: deployment.id, error });
      }
      if (reported && matches(reported, deployment)) {
        return {
          verification: 'verified' as const,
          detail: `${deployment.environment} reports ${reported}`,
          reported,
        };
      }
      if (signal.aborted) {
        const why =
          signal.reason === 'shutdown'
            ? 'the cockpit stopped during verification'
            : 'verification was cancelled';
        return { verification: 'not_verified' as const, detail: why, reported };
      }
      if (performance.now() >= deadline) break;
      await sleep(Math.min(deps.verifyPollMs ?? 1000, Math.max(0, deadline - performance.now())), signal);
    }
    return {
      verification: 'not_verified' as const,
      detail: `not verified: ${deployment.environment} still reports ${reported ?? 'no version'} after ${Math.round(timeout / 1000)} s`,
      reported,
    };
  }

  function finish(
    deployment: Deployment,
    status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted',
    detail: string,
  ) {
    const moved = repo.transition(
      deployment.id,
      ['running', 'verifying', 'queued', 'awaiting_approval'],
      status,
      { at: clock.now() },
    );
    if (!moved) return;
    if (status !== 'succeeded' && repo.get(deployment.id)?.verification == null) {
      repo.setVerification(deployment.id, 'not_verified', detail, null);
    }
    const final = repo.get(deployment.id)!;
    audit.append({
      actor: deployment.actor,
      action: 'deploy.finished',
      projectId: deployment.projectId,
      subject: `deployment #${deployment.id}`,
      detail: {
        deploymentId: deployment.id,
        status,
        verification: final.verification,
        detail,
        environment: deployment.environment,
        version: deployment.version,
        kind: deployment.kind,
      },
    });
    logger.info('deployment finished', { deploymentId: deployment.id, status, detail });
    changed(deployment.projectId, deployment.id);
  }

  /**
   * Starts the oldest queued deployment of an environment once its lock is free — only one this
   * process queued: another cockpit's queue is its own to start (it watches for the lock), unless
   * that cockpit is gone, and then its queued deployment is over.
   */
  function startNextQueued(projectId: number, environment: string): void {
    for (;;) {
      if (stopping) return;
      const next = repo.nextQueued(projectId, environment);
      if (!next) return;
      const row = repo.row(next.id);
      const owner = row?.owner_pid ?? null;
      if (owner !== process.pid) {
        if (ownerAlive(owner, row?.owner_start ?? null, row?.requested_at)) return;
        finish(next, 'interrupted', 'the cockpit that queued this deployment stopped before it could start');
        continue;
      }
      try {
        if (!repo.transition(next.id, ['queued'], 'running', { at: clock.now() })) return;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return; // another process took the lock
        throw error;
      }
      changed(projectId, next.id);
      launch(repo.get(next.id)!);
      return;
    }
  }

  /**
   * Queued deployments wait for the lock holder to finish. When the holder is driven by another
   * process that dies, nobody would release the lock: this watch notices and moves the queue on.
   */
  let queueWatch: NodeJS.Timeout | null = null;
  function watchQueue(): void {
    if (queueWatch || stopping) return;
    queueWatch = setInterval(() => {
      const queued = repo
        .active()
        .filter((d) => d.status === 'queued' && repo.row(d.id)?.owner_pid === process.pid);
      if (queued.length === 0 || stopping) {
        clearInterval(queueWatch!);
        queueWatch = null;
        return;
      }
      for (const deployment of queued) {
        const holder = repo.holder(deployment.projectId, deployment.environment);
        if (holder) {
          const orphaned = !driving.has(holder.id) && !drivenElsewhere(holder.id);
          if (!orphaned) continue;
          finish(holder, 'interrupted', 'the cockpit process driving this deployment stopped');
        }
        startNextQueued(deployment.projectId, deployment.environment);
      }
    }, QUEUE_WATCH_MS);
    queueWatch.unref();
  }

  function changed(projectId: number | null, deploymentId: number | null) {
    events.emit('releases.changed', { projectId, deploymentId });
  }

  function deploymentOf(id: number): Deployment {
    const deployment = repo.get(id);
    if (!deployment)
      throw new CockpitError('NOT_FOUND', `There is no deployment #${id}.`, { deploymentId: id });
    return deployment;
  }

  /** The deployment, which must be awaiting approval ("waiting for approval", "waiting to start"). */
  function awaitingDeployment(id: number, waitingFor: string): Deployment {
    const deployment = deploymentOf(id);
    if (deployment.status !== 'awaiting_approval') {
      throw new CockpitError(
        'CONFLICT',
        `Deployment #${id} is not waiting ${waitingFor} (it is ${deployment.status.replace('_', ' ')}).`,
      );
    }
    return deployment;
  }

  async function approve(id: number, comment: string, decision: 'approve' | 'reject'): Promise<Deployment> {
    const who = actorOf();
    const deployment = awaitingDeployment(id, 'for approval');
    const { config } = configOf(deployment.projectId);
    const environment = environmentIn(config, deployment.environment);
    const osUser = osUserOf();
    const refusal =
      decision === 'approve'
        ? approvalRefusal(
            environment.gates,
            { name: who, osUser },
            {
              name: deployment.actor,
              osUser: repo.requesterOsUser(id),
            },
          )
        : null;
    if (refusal) throw new CockpitError('CONFLICT', `Cannot approve deployment #${id}: ${refusal}.`);
    if (
      deployment.approvals.some(
        (approval) => approval.approver === who || (approval.osUser !== null && approval.osUser === osUser),
      )
    ) {
      throw new CockpitError(
        'CONFLICT',
        `${who} (OS account ${osUser}) already decided on deployment #${id}.`,
      );
    }
    repo.addApproval(id, { name: who, osUser }, decision, comment, clock.now());
    audit.append({
      actor: who,
      action: decision === 'approve' ? 'approval.approved' : 'approval.rejected',
      projectId: deployment.projectId,
      subject: `deployment #${id}`,
      detail: { deploymentId: id, comment, environment: deployment.environment, version: deployment.version },
    });
    if (decision === 'reject') {
      repo.transition(id, ['awaiting_approval'], 'rejected', { at: clock.now() });
      changed(deployment.projectId, id);
      return repo.get(id)!;
    }
    // Enough approvals: the other gates are checked again (time has passed), then it starts.
    const planned = await replan(deployment, config);
    const gates = gatesFor(planned, { name: deployment.actor, osUser: repo.requesterOsUser(id) }, id);
    const approved = gates.every((gate) => gate.gate !== 'approvals' || gate.passed);
    if (approved && (blocking(gates).length === 0 || deployment.override)) {
      begin(id, planned, gates);
    } else {
      repo.transition(id, ['awaiting_approval'], 'awaiting_approval', { gates });
    }
    changed(deployment.projectId, id);
    return repo.get(id)!;
  }

  /** An approved deployment takes the lock and launches, or queues behind the holder. */
  function begin(id: number, planned: Plan, gates: GateResult[], override?: { by: string; reason: string }) {
    try {
      if (repo.transition(id, ['awaiting_approval'], 'running', { at: clock.now(), gates, override })) {
        launch(repo.get(id)!, planned);
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      repo.transition(id, ['awaiting_approval'], 'queued', { gates, override }); // the lock is held: next in line
      watchQueue();
    }
  }

  /**
   * Starts an approved deployment that another gate held back when its last approval came (a freeze
   * began, say): the gates are checked again; failing ones need an override with a reason.
   */
  async function startApproved(id: number, override?: { reason: string }): Promise<Deployment> {
    const who = actorOf();
    const deployment = awaitingDeployment(id, 'to start');
    const { config } = configOf(deployment.projectId);
    const planned = await replan(deployment, config);
    const gates = gatesFor(planned, { name: deployment.actor, osUser: repo.requesterOsUser(id) }, id);
    const approvals = gates.find((gate) => gate.gate === 'approvals');
    if (approvals && !approvals.passed) {
      throw new CockpitError('CONFLICT', `Deployment #${id} still needs approvals: ${approvals.detail}.`);
    }
    const failed = blocking(gates);
    if (failed.length > 0 && !override && !deployment.override) throw gateError(planned, failed, gates);
    const recorded = failed.length > 0 && override ? { by: who, reason: override.reason } : undefined;
    if (recorded) {
      audit.append({
        actor: who,
        action: 'gate.override',
        projectId: deployment.projectId,
        subject: `deployment #${id}`,
        detail: { deploymentId: id, reason: recorded.reason, overridden: failed },
      });
    }
    begin(id, planned, gates, recorded);
    changed(deployment.projectId, id);
    return repo.get(id)!;
  }

  /** The plan of a recorded deployment, for gates evaluated again later. */
  async function replan(deployment: Deployment, config: CockpitConfig): Promise<Plan> {
    const project = deps.project(deployment.projectId);
    const git = await readGitFacts(project.path);
    const pipeline = config.pipelines?.[deployment.pipeline];
    if (!pipeline)
      throw new CockpitError('NOT_FOUND', `cockpit.yml no longer has the pipeline "${deployment.pipeline}".`);
    return {
      projectId: deployment.projectId,
      projectPath: project.path,
      config,
      environment: environmentIn(config, deployment.environment),
      kind: deployment.kind,
      version: deployment.version,
      commit: deployment.commit,
      pipeline: deployment.pipeline,
      pipelineConfig: pipeline,
      params: deployment.params,
      sourceEnvironment: deployment.sourceEnvironment,
      previousVersion: deployment.previousVersion,
      currentCommit: null,
      inWorktree: deployment.commit !== git?.headSha || (git?.dirty ?? true),
      fix: deployment.fix,
    };
  }

  function cancel(id: number): Deployment {
    const deployment = deploymentOf(id);
    if (ENDED.has(deployment.status)) {
      throw new CockpitError('CONFLICT', `Deployment #${id} has already ended (${deployment.status}).`);
    }
    const who = actorOf();
    const entry = driving.get(id);
    if (deployment.status === 'awaiting_approval' || deployment.status === 'queued') {
      repo.transition(id, ['awaiting_approval', 'queued'], 'cancelled', { at: clock.now() });
    } else if (entry) {
      entry.controller.abort();
    } else if (!drivenElsewhere(id)) {
      // Nobody drives it (its cockpit died, or it never got going): it is simply over.
      finish(deployment, 'cancelled', `cancelled by ${who}; nothing was driving it any more`);
    } else {
      throw new CockpitError(
        'CONFLICT',
        `Deployment #${id} is driven by another process (pid ${repo.row(id)?.owner_pid ?? '?'}); cancel it there.`,
      );
    }
    audit.append({
      actor: who,
      action: 'deploy.cancelled',
      projectId: deployment.projectId,
      subject: `deployment #${id}`,
      detail: { deploymentId: id, was: deployment.status },
    });
    changed(deployment.projectId, id);
    return repo.get(id)!;
  }

  return {
    async preview(input: {
      projectId: number;
      environment: string;
      kind?: DeploymentKind;
      version?: string;
      from?: string;
      pipeline?: string;
    }): Promise<DeployPreview> {
      const kind = input.kind ?? 'deploy';
      const planned = await plan({ ...input, kind });
      const gates = gatesFor(planned, { name: actorOf(), osUser: osUserOf() }, null);
      return {
        projectId: planned.projectId,
        environment: planned.environment.name,
        kind,
        version: planned.version,
        commit: planned.commit,
        pipeline: planned.pipeline,
        sourceEnvironment: planned.sourceEnvironment,
        previousVersion: planned.previousVersion,
        inWorktree: planned.inWorktree,
        gates,
        approvalsNeeded: planned.environment.gates?.approvals ?? 0,
        needsApproval:
          blocking(gates).length === 0 && gates.some((gate) => gate.gate === 'approvals' && !gate.passed),
        notes: await notesFor(planned),
      };
    },
    deploy: (input: DeployRequest) => request('deploy', input),
    async promote(
      input: { projectId: number; from: string; to?: string } & RequestOptions,
    ): Promise<Deployment> {
      const { config } = configOf(input.projectId);
      const to = input.to ?? nextEnvironment(lifecycleOf(config), input.from);
      if (!to)
        throw new CockpitError(
          'BAD_REQUEST',
          `Nothing comes after "${input.from}" in the lifecycle (${lifecycleOf(config).join(' → ')}).`,
        );
      return request('promote', {
        projectId: input.projectId,
        environment: to,
        from: input.from,
        override: input.override,
        queue: input.queue,
      });
    },
    rollback: (input: { projectId: number; environment: string } & RequestOptions) =>
      request('rollback', input),
    approve,
    start: startApproved,
    cancel,
    get(id: number): DeploymentDetail {
      const deployment = deploymentOf(id);
      return { ...deployment, releaseNotes: repo.releaseNotes(id), audit: audit.forDeployment(id) };
    },
    list: (filter: Parameters<DeploymentsRepo['list']>[0]) => repo.list(filter),
    async notes(projectId: number, from: string | null, to: string): Promise<ReleaseNotesData> {
      const path = deps.project(projectId).path;
      const fromSha = from === null ? null : await commitOf(path, from);
      return notesBetween(path, fromSha, await commitOf(path, to), from, to);
    },
    /**
     * `cockpit run deploy` / Run in the UI / a trigger: a deploy pipeline's run is a deployment, so it
     * passes the same gates. Returns the run when it started at once.
     */
    async startPipeline(input: {
      projectId: number;
      pipeline: string;
      params?: Record<string, ParamValue>;
    }): Promise<RunSummary> {
      const { config } = configOf(input.projectId);
      const pipeline = config.pipelines?.[input.pipeline];
      const deploy = pipeline?.deploy;
      if (!pipeline || !deploy) {
        throw new CockpitError('BAD_REQUEST', `"${input.pipeline}" is not a deploy pipeline.`);
      }
      const environment = deployTargetOf(pipeline, input.params);
      if (!environment) {
        throw new CockpitError(
          'BAD_REQUEST',
          `Pipeline "${input.pipeline}" deploys to the environment named by its param "${'environment_param' in deploy ? deploy.environment_param : ''}": set it.`,
        );
      }
      const deployment = await request('deploy', {
        projectId: input.projectId,
        environment,
        pipeline: input.pipeline,
        params: input.params,
      });
      if (deployment.status === 'awaiting_approval') {
        throw new CockpitError(
          'CONFLICT',
          `Deployment #${deployment.id} of ${deployment.version} to ${environment} is waiting for approval: approve it on the board or with \`cockpit approve ${deployment.id} --comment "…"\`.`,
          { deploymentId: deployment.id },
        );
      }
      // The run is created as the deployment launches; wait for it to be attached.
      for (let i = 0; i < 200; i++) {
        const current = repo.get(deployment.id)!;
        if (current.runId !== null) return runs.get(current.runId);
        if (ENDED.has(current.status))
          throw new CockpitError(
            'CONFLICT',
            `Deployment #${deployment.id} ${current.status}: ${current.verificationDetail ?? ''}`,
          );
        await sleep(25);
      }
      throw new CockpitError('INTERNAL', `Deployment #${deployment.id} did not start its pipeline.`);
    },
    isDeployPipeline(projectId: number, pipeline: string): boolean {
      const { config } = deps.configOf(deps.project(projectId));
      return Boolean(config?.pipelines?.[pipeline]?.deploy);
    },
    notePolicy,
    /** Deployments whose driving process died are marked interrupted (their runs are, likewise). */
    recoverInterrupted(): number[] {
      const recovered: number[] = [];
      for (const row of repo.orphans()) {
        if (drivenElsewhere(row.id)) continue;
        if (driving.has(row.id)) continue;
        const deployment = repo.get(row.id)!;
        finish(deployment, 'interrupted', 'the cockpit stopped while this deployment ran');
        recovered.push(row.id);
      }
      return recovered;
    },
    /** Resolves when a deployment driven here has ended. */
    async wait(id: number): Promise<Deployment> {
      await driving.get(id)?.done;
      return deploymentOf(id);
    },
    async shutdown(): Promise<void> {
      stopping = true;
      if (queueWatch) clearInterval(queueWatch);
      for (const entry of driving.values()) entry.controller.abort('shutdown');
      await Promise.allSettled([...driving.values()].map((entry) => entry.done));
    },
  };
}

/**
 * Commits that were rolled back and not deployed again since: never a rollback target (rolling back
 * a rollback must not bring back what was just removed). `history` is newest first.
 */
export function rolledBackCommits(history: Deployment[]): Set<string> {
  const bad = new Set<string>();
  const oldestFirst = [...history].reverse();
  oldestFirst.forEach((deployment, index) => {
    if (deployment.kind === 'rollback') {
      const replaced = oldestFirst[index - 1];
      if (replaced) bad.add(replaced.commit);
    } else {
      bad.delete(deployment.commit);
    }
  });
  return bad;
}

function matches(reported: string, deployment: Deployment): boolean {
  if (sameVersion(reported, deployment.version)) return true;
  const text = reported.trim().toLowerCase();
  return text.length >= 7 && /^[0-9a-f]+$/.test(text) && deployment.commit.startsWith(text);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
