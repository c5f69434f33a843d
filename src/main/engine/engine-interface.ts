// What a host gives the engine (EngineOptions) and what it gets back (Engine). engine.ts builds it.
import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Deployment } from '../../shared/domain/release.ts';
import type { RunSummary } from '../../shared/domain/run.ts';
import type { MethodName, ParamsIn, Result } from '../../shared/protocol.ts';
import type { Clock } from './kernel/clock.ts';
import type { EventBus } from './kernel/events.ts';
import type { Logger, LogLevel } from './kernel/diagnostics/logger.ts';
import type { NotificationDeps } from './notifications/index.ts';
import type { ArtifactFile } from './pipelines/index.ts';
import type { SecretCipher } from './secrets/index.ts';

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
