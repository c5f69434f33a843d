// What every part of the release service shares: its dependencies, who acts, the configuration and
// environments it goes by, and the plan a deploy is carried out from.
import type { Database } from 'better-sqlite3';
import type { EnvironmentSummary } from '../../../shared/domain/environment.ts';
import type { Deployment, DeploymentKind } from '../../../shared/domain/release.ts';
import type { ParamValue } from '../../../shared/domain/run.ts';
import { CockpitError } from '../../../shared/errors.ts';
import { currentActor, currentOsUser } from '../kernel/actor.ts';
import type { Clock } from '../kernel/clock.ts';
import {
  type CockpitConfig,
  type EffectiveConfig,
  type EnvironmentConfig,
  type PipelineConfig,
  requireEffectiveConfig,
} from '../config/index.ts';
import type { EventBus } from '../kernel/events.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { RunService } from '../pipelines/index.ts';
import { ownerAlive } from '../kernel/process/process-identity.ts';
import type { AuditLog } from './audit-log.ts';
import type { DeploymentsRepo } from './deployments-repo.ts';
import { createReleaseBuilds } from './release-builds.ts';

export interface ReleaseServiceDeps {
  db: Database;
  /** The data directory: captured releases' files live in its blob store. */
  dataDir: string;
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
  /** The project's stored secrets' names and values, so the diff masks variables that hold them. */
  secretsKnown?(projectId: number): { names: string[]; values: string[] };
  /** Who is acting: COCKPIT_USER, else the OS user. */
  actor?: () => string;
  /** The OS account acting (tests stand in for several people; hosts never set it). */
  osUser?: () => string;
  /** How often verification re-checks the environment; default 1 s. */
  verifyPollMs?: number;
}

/** Everything a deploy needs, decided before anything is recorded. */
export interface Plan {
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

/** What a plan ships where, as its deployment record and its preview both name it. */
export function planTarget(plan: Plan) {
  const { projectId, kind, version, commit, pipeline } = plan;
  return { projectId, environment: plan.environment.name, kind, version, commit, pipeline };
}

export const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'rejected', 'interrupted']);

export type ReleaseContext = ReturnType<typeof createReleaseContext>;

export function createReleaseContext(deps: ReleaseServiceDeps) {
  const { repo, events } = deps;
  const actorOf = deps.actor ?? currentActor;
  return {
    deps,
    repo,
    /** Releases built once: captured from the run that built them, shipped by deploys. */
    builds: createReleaseBuilds({
      db: deps.db,
      dataDir: deps.dataDir,
      clock: deps.clock,
      logger: deps.logger,
      actor: actorOf,
    }),
    audit: deps.audit,
    clock: deps.clock,
    logger: deps.logger,
    runs: deps.runs,
    actorOf,
    osUserOf: deps.osUser ?? currentOsUser,

    /** The project and the configuration its gates go by; refuses a project without a valid one. */
    configOf(projectId: number) {
      const project = deps.project(projectId);
      return { project, config: requireEffectiveConfig(deps.configOf(project), project.path) };
    },

    environmentIn(config: CockpitConfig, name: string): EnvironmentConfig {
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
    },

    monitored(projectId: number, environment: string): EnvironmentSummary | null {
      return deps.environments(projectId).find((env) => env.name === environment) ?? null;
    },

    changed(projectId: number | null, deploymentId: number | null) {
      events.emit('releases.changed', { projectId, deploymentId });
    },

    deploymentOf(id: number): Deployment {
      const deployment = repo.get(id);
      if (!deployment)
        throw new CockpitError('NOT_FOUND', `There is no deployment #${id}.`, { deploymentId: id });
      return deployment;
    },

    /** Whether another live process (provably the one recorded) drives the deployment. */
    drivenElsewhere(id: number): boolean {
      const row = repo.row(id);
      if (!row || row.owner_pid === null || row.owner_pid === process.pid) return false;
      return ownerAlive(row.owner_pid, row.owner_start, row.requested_at);
    },
  };
}
