// The composition root: builds the whole engine from a data directory, a clock and a logger.
// Every host (Electron, web, CLI) and every test creates the engine through this one function.
// What it takes and gives is engine-interface.ts; a call crosses protocol-call.ts.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../../shared/domain/app-info.ts';
import { startBackgroundWork, type Stoppable } from './background-work.ts';
import type { Engine, EngineOptions } from './engine-interface.ts';
import { createHandlers, type Handlers } from './handlers.ts';
import { repositoryRoot } from './kernel/app-version.ts';
import { currentActor } from './kernel/actor.ts';
import { systemClock } from './kernel/clock.ts';
import { DATABASE_FILE_NAME } from './kernel/data-dir.ts';
import { createEventBus } from './kernel/events.ts';
import { createFileLogger } from './kernel/diagnostics/logger.ts';
import { resultCheckEnabled } from './kernel/diagnostics/result-check.ts';
import { sweepWorktrees } from './kernel/git/worktree-sweep.ts';
import { ensurePrivateDir, tightenDataDir } from './kernel/private-files.ts';
import { openDatabase } from './kernel/store/database.ts';
import { loadMigrations, schemaVersion } from './kernel/store/migrate.ts';
import { createConfigSource } from './config/index.ts';
import { createMonitorService } from './environments/index.ts';
import { createInsightsService } from './insights/index.ts';
import { createNotesService } from './notes/index.ts';
import { createNotificationService } from './notifications/index.ts';
import {
  createArtifactRetention,
  createArtifactStore,
  createRunService,
  createRunsRepo,
} from './pipelines/index.ts';
import { createProjectService, createProjectsRepo } from './projects/index.ts';
import { createProtocolCall } from './protocol-call.ts';
import {
  createAuditLog,
  createAutoDeploy,
  createDeploymentsRepo,
  createPipelineRuns,
  createReleaseBoard,
  createReleaseService,
  freezeAt,
} from './releases/index.ts';
import { createReportService } from './reports/index.ts';
import { createSecretStore, fileKeyCipher } from './secrets/index.ts';
import { createSettingsStore } from './settings/index.ts';

export type { Engine, EngineOptions } from './engine-interface.ts';

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
  /** How the release features find projects and their effective cockpit.yml. */
  const projectLookup = {
    listProjects: () => projects.list(),
    project: (id: number) => projects.get(id),
    configOf: (project: { id: number; path: string }) => configs.load(project),
  };
  const releases = createReleaseService({
    db,
    dataDir: options.dataDir,
    repo: deployments,
    audit,
    clock,
    events,
    logger,
    runs,
    ...projectLookup,
    environments: (projectId) => monitor.list(projectId),
    checkNow: (environmentId) => monitor.checkNow(environmentId),
    verifyPollMs: options.verifyPollMs,
    osUser: options.osUser,
    secretsKnown: (projectId) => {
      const names = secrets.list(projectId).map((secret) => secret.name);
      try {
        return { names, values: secrets.values(projectId) };
      } catch {
        return { names, values: [] };
      }
    },
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
    ...projectLookup,
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
  let background: Stoppable[] = [];
  let closed = false;
  logger.info('engine started', { version: options.version, host: options.host, dataDir: options.dataDir });

  const call = createProtocolCall({
    handlers,
    logger,
    checkResults: options.checkResults ?? resultCheckEnabled(),
    closed: () => closed,
  });

  return {
    call,
    invoke: (method, params) => call(method, params) as Promise<never>,
    events,
    logger,
    info,
    startBackgroundWork() {
      if (background.length > 0 || closed) return;
      background = startBackgroundWork({
        db,
        clock,
        events,
        logger,
        dataDir: options.dataDir,
        projects,
        runs,
        pipelineRuns,
        monitor,
        notifications,
        autoDeploy,
        runRetentionDays: () => settings.get().runRetentionDays,
      });
    },
    waitForRun: (runId) => runs.wait(runId),
    evaluateAutoDeploy: () => autoDeploy.evaluate(),
    waitForDeployment: (deploymentId) => releases.wait(deploymentId),
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
