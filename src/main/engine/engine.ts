// The composition root: builds the whole engine from a data directory, a clock and a logger.
// Every host (Electron, web, CLI) and every test creates the engine through this one function.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Deployment } from '../../shared/domain/release.ts';
import type { RunSummary } from '../../shared/domain/run.ts';
import { badRequest, CockpitError } from '../../shared/errors.ts';
import { isMethodName, methods, type MethodName, type ParamsIn, type Result } from '../../shared/protocol.ts';
import { repositoryRoot } from './kernel/app-version.ts';
import { toBoundaryError } from './kernel/diagnostics/boundary-error.ts';
import { currentActor } from './kernel/actor.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { DATABASE_FILE_NAME } from './kernel/data-dir.ts';
import { createEventBus, type EventBus } from './kernel/events.ts';
import { createHandlers, type Handlers } from './handlers.ts';
import { createFileLogger, type Logger, type LogLevel } from './kernel/diagnostics/logger.ts';
import { createProjectService, createProjectsRepo, createProjectWatch } from './projects/index.ts';
import { ensurePrivateDir, tightenDataDir } from './kernel/private-files.ts';
import { openDatabase } from './kernel/store/database.ts';
import { loadMigrations, schemaVersion } from './kernel/store/migrate.ts';
import { watchExternalChanges } from './kernel/external-changes.ts';
import { createMonitorService } from './environments/index.ts';
import {
  createArtifactRetention,
  createArtifactStore,
  createRunService,
  createRunsRepo,
  createTriggerService,
  pruneRuns,
  type ArtifactFile,
} from './pipelines/index.ts';
import { createSecretStore, fileKeyCipher, type SecretCipher } from './secrets/index.ts';
import { createConfigSource, loadConfig } from './config/index.ts';
import {
  createAuditLog,
  createAutoDeploy,
  createDeploymentsRepo,
  createPipelineRuns,
  createReleaseBoard,
  createReleaseService,
  freezeAt,
} from './releases/index.ts';
import { createNotificationService, type NotificationDeps } from './notifications/index.ts';
import { createNotesService } from './notes/index.ts';
import { sweepWorktrees } from './kernel/git/worktree-sweep.ts';
import { createSettingsStore } from './settings/index.ts';
import { createInsightsService } from './insights/index.ts';
import { createReportService } from './reports/index.ts';
import { assertResultMatchesSchema, resultCheckEnabled } from './kernel/diagnostics/result-check.ts';

export interface EngineOptions {
  dataDir: string;
  version: string;
  host: AppInfo['host'];
  clock?: Clock;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Where examples/demo lives; defaults to the repository's examples folder. */
  examplesDir?: string;
  /** Where the numbered .sql migrations live; the Electron bundle passes its own copy. */
  migrationsDir?: string;
  /** How secrets are sealed; defaults to the 0600 key file in the data directory (CLI, web host). */
  secretCipher?: SecretCipher;
  /** Parallel jobs when a pipeline sets no concurrency; defaults to the number of CPU cores. */
  maxParallel?: number;
  /** Per-attempt log cap; defaults to 100 MB. */
  logCapBytes?: number;
  /** Grace between SIGTERM and SIGKILL when cancelling; defaults to 5 s. */
  killGraceMs?: number;
  /** How often a deploy's verification re-checks the environment; defaults to 1 s. */
  verifyPollMs?: number;
  /** How long one log search may run; default 10 s, or COCKPIT_LOG_SEARCH_BUDGET_MS. */
  logSearchBudgetMs?: number;
  /** The log search worker script; the Electron bundle passes its built copy. */
  logSearchWorker?: string;
  /** Check every result against its protocol schema (default: in tests, or COCKPIT_CHECK_RESULTS=1). */
  checkResults?: boolean;
  /** Notification delivery: time limit per attempt, retries, poll interval (tests shorten them). */
  notifications?: Pick<NotificationDeps, 'timeoutMs' | 'retry' | 'pollMs'>;
  /** Tests only: the OS account acting (to stand in for several people on one machine). */
  osUser?: () => string;
}

export interface Engine {
  /** Validates `params` against the protocol table, runs the handler, throws CockpitError. */
  call(method: string, params: unknown, signal?: AbortSignal): Promise<unknown>;
  /** Typed convenience for in-process callers. */
  invoke<M extends MethodName>(method: M, params: ParamsIn<M>): Promise<Result<M>>;
  events: EventBus;
  logger: Logger;
  info(): AppInfo;
  /** Starts work that only long-lived hosts want: noticing other processes' writes, triggers. */
  startBackgroundWork(): void;
  /** Resolves when a run started in this process has finished. */
  waitForRun(runId: number): Promise<RunSummary>;
  /** Looks at every auto_deploy / auto_promote rule now; resolves when that look is done. */
  evaluateAutoDeploy(): Promise<void>;
  /** Resolves when a deployment driven by this process has ended (immediately otherwise). */
  waitForDeployment(deploymentId: number): Promise<Deployment>;
  /** Resolves when a run started in this process has ended, with its deployment when it deployed. */
  waitForPipelineRun(runId: number): Promise<{ run: RunSummary; deployment: Deployment | null }>;
  /** An artifact's stored file, for a host to stream (NOT_FOUND, with details.gone when it went). */
  artifactFile(artifactId: number): ArtifactFile;
  /** Resolves with how many stale worktrees the start removed (for tests and diagnostics). */
  worktreesSwept: Promise<number>;
  /** Stops running pipelines (they end as interrupted), then closes the database. */
  close(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const logDir = join(options.dataDir, 'logs');
  const logger =
    options.logger ?? createFileLogger({ dir: logDir, level: options.logLevel, now: () => clock.now() });
  const events = createEventBus((error) => logger.warn('an event subscriber failed', { error }));
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  // Everything here is the user's alone: what an older version (or a lax umask) left open is closed.
  ensurePrivateDir(options.dataDir);
  const tightened = tightenDataDir(options.dataDir);
  if (tightened.length > 0) logger.info('made data private to its owner (0700/0600)', { paths: tightened });

  let db: Database;
  try {
    db = openDatabase(databasePath, { migrations: loadMigrations(options.migrationsDir) });
  } catch (error) {
    logger.error('cannot open the database', { error });
    logger.close();
    throw error;
  }

  const info = (): AppInfo => ({
    version: options.version,
    dataDir: options.dataDir,
    databasePath,
    logDir,
    schemaVersion: schemaVersion(db),
    actor: currentActor(),
    host: options.host,
  });

  const configs = createConfigSource({ db, clock, logger });
  const projects = createProjectService({
    repo: createProjectsRepo(db),
    configs,
    clock,
    events,
    logger,
    dataDir: options.dataDir,
    examplesDir: options.examplesDir ?? join(repositoryRoot, 'examples'),
  });
  const secrets = createSecretStore({
    db,
    cipher: options.secretCipher ?? fileKeyCipher(options.dataDir),
    clock,
  });
  const artifactRetention = createArtifactRetention({
    db,
    dataDir: options.dataDir,
    clock,
    logger,
    events,
    policyOf: (projectId) => configs.load(projects.get(projectId)).config?.artifacts,
  });
  const artifacts = createArtifactStore(db, options.dataDir);
  const runs = createRunService({
    db,
    repo: createRunsRepo(db, options.dataDir),
    clock,
    events,
    logger,
    dataDir: options.dataDir,
    secrets,
    projectPath: (id) => projects.get(id).path,
    maxParallel: options.maxParallel,
    logCapBytes: options.logCapBytes,
    killGraceMs: options.killGraceMs,
    logSearchBudgetMs: options.logSearchBudgetMs ?? positiveNumber(process.env.COCKPIT_LOG_SEARCH_BUDGET_MS),
    logSearchWorker: options.logSearchWorker,
    afterRun: (projectId) => artifactRetention.apply(projectId),
  });
  runs.recoverInterrupted();
  artifactRetention.applyAll(projects.list().map((project) => project.id));
  const worktreesSwept = sweepWorktrees({
    dataDir: options.dataDir,
    anyRunActive: () => runs.anyActiveInStore(),
    projectPaths: () => projects.list().map((project) => project.path),
    logger,
  }).catch((error: unknown) => {
    logger.warn('sweeping stale worktrees failed', { error });
    return 0;
  });
  const settings = createSettingsStore(db, events);
  const notes = createNotesService(db, clock, events);
  const monitor = createMonitorService({
    db,
    rawRetentionMs: () => settings.get().checkRetentionDays * 24 * 60 * 60 * 1000,
    clock,
    events,
    logger,
    listProjects: () => projects.list(),
    configOf: (project) => configs.load(project),
    secret: (projectId, name) => {
      try {
        return secrets.resolve(projectId, [name])[name];
      } catch {
        return undefined;
      }
    },
  });
  const deployments = createDeploymentsRepo(db);
  const audit = createAuditLog(db, clock);
  const releases = createReleaseService({
    db,
    dataDir: options.dataDir,
    repo: deployments,
    audit,
    clock,
    events,
    logger,
    runs,
    listProjects: () => projects.list(),
    project: (id) => projects.get(id),
    configOf: (project) => configs.load(project),
    environments: (projectId) => monitor.list(projectId),
    checkNow: (environmentId) => monitor.checkNow(environmentId),
    verifyPollMs: options.verifyPollMs,
    osUser: options.osUser,
  });
  releases.recoverInterrupted();
  const pipelineRuns = createPipelineRuns({ runs, releases });
  const autoDeploy = createAutoDeploy({
    db,
    clock,
    events,
    logger,
    audit,
    deployments,
    releases,
    listProjects: () => projects.list(),
    project: (id) => projects.get(id),
    configOf: (project) => configs.load(project),
    actor: currentActor,
  });
  const board = createReleaseBoard({
    db,
    repo: deployments,
    listProjects: () => projects.list(),
    configOf: (project) => configs.load(project),
    environments: () => monitor.list(),
    onConfig: (projectId, config) => releases.notePolicy(projectId, config),
    approvalOf: (deployment) => releases.approvalOf(deployment),
    autoDeployOf: (projectId, environment) => autoDeploy.cell(projectId, environment),
  });
  const insights = createInsightsService({
    db,
    clock,
    listProjects: () => projects.list(),
    changeFailureWindowMs: () => settings.get().changeFailureWindowHours * 60 * 60 * 1000,
  });
  const reports = createReportService({
    db,
    clock,
    dataDir: options.dataDir,
    listProjects: () => projects.list(),
    deployment: (id) => releases.get(id),
    run: (id) => runs.get(id),
    dora: (params) => insights.dora(params),
  });
  const notifications = createNotificationService({
    db,
    clock,
    events,
    logger,
    listProjects: () => projects.list(),
    configOf: (projectId) => {
      try {
        return configs.load(projects.get(projectId)).config;
      } catch {
        return null; // removed since
      }
    },
    secret: (projectId, name) => {
      try {
        return secrets.resolve(projectId, [name])[name];
      } catch {
        return undefined;
      }
    },
    freezeAt,
    ...options.notifications,
  });
  const handlers: Handlers = createHandlers({
    info,
    projects,
    runs,
    artifacts,
    secrets,
    monitor,
    releases,
    pipelineRuns,
    board,
    autoDeploy,
    audit,
    notes,
    notifications,
    settings,
    insights,
    reports,
    logger,
  });
  let background: { stop(): void | Promise<void> }[] = [];
  let closed = false;
  logger.info('engine started', { version: options.version, host: options.host, dataDir: options.dataDir });

  /** Deletes runs past the retention period, a batch per turn, soon after start and then hourly. */
  function startRunRetention(): { stop(): void } {
    const sweep = () => {
      try {
        const until = performance.now() + 50;
        let result;
        do {
          result = pruneRuns(db, {
            now: clock.now(),
            retentionDays: settings.get().runRetentionDays,
            dataDir: options.dataDir,
          });
          if (result.deleted > 0) events.emit('runs.changed', { projectId: null, runId: null });
        } while (!result.done && performance.now() < until);
        if (!result.done) timer = setTimeout(sweep, 1000);
        else timer = setTimeout(sweep, 60 * 60 * 1000);
      } catch (error) {
        logger.warn('run retention failed; it will try again', { error });
        timer = setTimeout(sweep, 60 * 60 * 1000);
      }
      timer.unref();
    };
    let timer = setTimeout(sweep, 30_000);
    timer.unref();
    return { stop: () => clearTimeout(timer) };
  }

  const checkResults = options.checkResults ?? resultCheckEnabled();

  async function call(
    method: string,
    params: unknown,
    signal = new AbortController().signal,
  ): Promise<unknown> {
    if (closed) throw new CockpitError('UNAVAILABLE', 'The engine has shut down.');
    if (!isMethodName(method)) {
      throw new CockpitError('UNKNOWN_METHOD', `There is no method "${method}".`, { method });
    }
    const parsed = methods[method].params.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      const summary = issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('; ');
      throw badRequest(`Invalid parameters for ${method}: ${summary}`, issues, { method });
    }
    const started = performance.now();
    try {
      const handler = handlers[method] as (params: unknown, context: { signal: AbortSignal }) => unknown;
      const result = await handler(parsed.data, { signal });
      if (checkResults) assertResultMatchesSchema(method, result);
      return result;
    } catch (error) {
      throw toBoundaryError(error, logger, `${method} failed`);
    } finally {
      const elapsed = performance.now() - started;
      if (elapsed > 200) logger.warn('slow engine call', { method, ms: Math.round(elapsed) });
    }
  }

  return {
    call,
    invoke: (method, params) => call(method, params) as Promise<never>,
    events,
    logger,
    info,
    startBackgroundWork() {
      if (background.length > 0 || closed) return;
      const triggers = createTriggerService({
        clock,
        logger,
        listProjects: () => projects.list(),
        loadPipelines: (projectId) => {
          const config = loadConfig(projects.get(projectId).path);
          return config.status === 'ok' ? (config.config.pipelines ?? {}) : null;
        },
        startRun: async (projectId, pipeline, trigger, detail) => {
          // A schedule faster than the pipeline must not stack runs on top of each other.
          if (runs.isRunning(projectId, pipeline)) {
            logger.info('trigger skipped: the pipeline is still running', { projectId, pipeline, trigger });
            return null;
          }
          // A commit trigger builds the commit it saw, in a worktree, whatever is checked out.
          const commit = detail.kind === 'commit' ? { commit: detail.sha, branch: detail.branch } : {};
          return pipelineRuns.startPipelineRun({ projectId, pipeline, trigger, ...commit });
        },
      });
      triggers.start();
      monitor.start();
      const watch = createProjectWatch({
        list: () => projects.list(),
        refresh: (id) => projects.refresh(id),
        logger,
      });
      watch.start();
      notifications.start();
      autoDeploy.start();
      background = [
        watchExternalChanges(db, events, logger),
        triggers,
        monitor,
        watch,
        startRunRetention(),
        notifications,
        autoDeploy,
      ];
    },
    waitForRun: (runId) => runs.wait(runId),
    waitForDeployment: (deploymentId) => releases.wait(deploymentId),
    evaluateAutoDeploy: () => autoDeploy.evaluate(),
    waitForPipelineRun: (runId) => pipelineRuns.finished(runId),
    worktreesSwept,
    artifactFile: (artifactId) => artifacts.file(artifactId),
    async close() {
      if (closed) return;
      closed = true;
      // Background work first (checks in flight finish writing), then runs, then the database.
      for (const work of background) await work.stop();
      await worktreesSwept;
      // Deployments first stop starting anything, then runs end as interrupted, then deployments settle.
      const deploymentsDone = releases.shutdown();
      await runs.shutdown();
      await deploymentsDone;
      db.close();
      logger.info('engine stopped');
      logger.close();
    },
  };
}

function positiveNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
