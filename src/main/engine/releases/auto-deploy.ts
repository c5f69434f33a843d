// Continuous delivery: `auto_deploy: { after: ci, branch: main }` on an environment deploys each new
// commit of the branch once pipeline `ci` succeeded on it (its build captured as the release), and
// `auto_promote: true` promotes what the previous environment runs once the gates pass. Both go
// through the release service's own request (same gates, lock, record and audit, the rule as the
// actor). Looked at when runs or deployments change and on a timer (gates like soak pass with time);
// each environment's rule can be paused from the board (audited, kept in SQLite).
import type { Database } from 'better-sqlite3';
import { CockpitError } from '../../../shared/errors.ts';
import type { AutoDeployCell } from '../../../shared/domain/release.ts';
import type { CockpitConfig, EffectiveConfig, EnvironmentConfig } from '../config/index.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { EventBus } from '../kernel/events.ts';
import { coalescedPass } from '../kernel/coalesced-pass.ts';
import type { AuditLog } from './audit-log.ts';
import { attempt, type AttemptDeps, ruleOf, setStatus } from './auto-deploy-attempt.ts';
import { createAutoDeployRepo } from './auto-deploy-repo.ts';
import { versionOfCommit } from './git-versions.ts';
import { autoPromote } from './auto-promote.ts';
import type { DeploymentsRepo } from './deployments-repo.ts';
import type { ReleaseService } from './release-service.ts';

export type AutoDeploy = ReturnType<typeof createAutoDeploy>;

export interface AutoDeployDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  audit: AuditLog;
  deployments: DeploymentsRepo;
  releases: Pick<ReleaseService, 'requestAs' | 'capture'>;
  listProjects(): { id: number; name: string; path: string }[];
  project(id: number): { id: number; name: string; path: string };
  configOf(project: { id: number; path: string }): EffectiveConfig;
  /** Who pauses and resumes. */
  actor: () => string;
  /** How often the rules are looked at without an event (soak, freezes ending); default 30 s. */
  intervalMs?: number;
}

export function createAutoDeploy(deps: AutoDeployDeps) {
  const repo = createAutoDeployRepo(deps.db);
  const attemptDeps: AttemptDeps & { deployments: DeploymentsRepo } = {
    repo,
    clock: deps.clock,
    logger: deps.logger,
    deployments: deps.deployments,
    requestAs: (actor, kind, input) => deps.releases.requestAs(actor, kind, input),
    changed: (projectId) => deps.events.emit('releases.changed', { projectId, deploymentId: null }),
  };

  function configOf(project: { id: number; path: string }): CockpitConfig | null {
    try {
      return deps.configOf(project).config;
    } catch {
      return null;
    }
  }

  async function autoDeploy(projectId: number, environment: EnvironmentConfig): Promise<void> {
    const rule = environment.auto_deploy!;
    const name = environment.name;
    const run = repo.newestSuccess(projectId, rule.after, rule.branch);
    if (!run) {
      setStatus(attemptDeps, projectId, name, 'idle', `waiting for ${rule.after} to pass on ${rule.branch}`);
      return;
    }
    if (repo.shipped(projectId, name, run.sha)) return;
    const latest = deps.deployments.latest(projectId, name);
    if (latest?.commit === run.sha) return; // deployed there by hand already
    if (repo.paused(projectId, name)) {
      // Said on the board, so a pause never hides that something passed and is held back.
      const version = await versionOfCommit(deps.project(projectId).path, run.sha);
      setStatus(
        attemptDeps,
        projectId,
        name,
        'idle',
        `${version} waits: ${rule.after} passed on ${rule.branch}; not deployed while paused`,
      );
      return;
    }
    // Built once: the release is the build of the run that passed (when it kept artifacts).
    await deps.releases.capture(projectId, run.id).catch((error: unknown) => {
      deps.logger.info('auto-deploy: no release captured; the deploy pipeline builds', {
        runId: run.id,
        error,
      });
    });
    await attempt(attemptDeps, {
      projectId,
      environment: name,
      commit: run.sha,
      rule: ruleOf(name, 'auto_deploy'),
      kind: 'deploy',
    });
  }

  async function evaluateProject(project: { id: number; path: string }): Promise<void> {
    const config = configOf(project);
    for (const environment of config?.environments ?? []) {
      try {
        if (environment.auto_deploy) await autoDeploy(project.id, environment);
        else if (environment.auto_promote) await autoPromote(attemptDeps, project.id, config!, environment);
      } catch (error) {
        deps.logger.warn('auto-deploy: a rule could not be looked at', {
          environment: environment.name,
          error,
        });
      }
    }
  }

  // One look at a time: events arriving during a look ask for one more afterwards, never a pile.
  let stopped = false;
  const looks = coalescedPass(
    async () => {
      for (const project of deps.listProjects()) {
        if (stopped) return;
        await evaluateProject(project);
      }
    },
    { stopped: () => stopped },
  );
  const evaluate = looks.run;

  function environmentOf(projectId: number, environment: string): EnvironmentConfig {
    const project = deps.project(projectId);
    const found = configOf(project)?.environments?.find((env) => env.name === environment);
    if (!found?.auto_deploy && !found?.auto_promote) {
      throw new CockpitError(
        'NOT_FOUND',
        `${environment} has no auto_deploy or auto_promote rule in cockpit.yml.`,
        { environment },
      );
    }
    return found;
  }

  let timer: NodeJS.Timeout | null = null;
  const unsubscribe: (() => void)[] = [];

  return {
    /** Looks at every rule now; resolves when the look (and any it triggered) is done. */
    evaluate,
    start(): void {
      stopped = false;
      const soon = () => void evaluate();
      unsubscribe.push(
        deps.events.on('runs.changed', (payload) => {
          if (payload.runId !== null) soon();
        }),
        deps.events.on('releases.changed', (payload) => {
          if (payload.deploymentId !== null) soon();
        }),
        deps.events.on('environments.changed', soon),
      );
      timer = setInterval(soon, deps.intervalMs ?? 30_000);
      timer.unref();
      soon();
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const off of unsubscribe.splice(0)) off();
      if (timer) clearInterval(timer);
      timer = null;
      await looks.settled();
    },
    pause(projectId: number, environment: string): AutoDeployCell {
      const rule = environmentOf(projectId, environment);
      const who = deps.actor();
      if (repo.pause(projectId, environment, who, deps.clock.now())) {
        deps.audit.append({
          actor: who,
          action: 'auto_deploy.paused',
          projectId,
          subject: environment,
          detail: { rule: ruleOf(environment, rule.auto_deploy ? 'auto_deploy' : 'auto_promote') },
        });
        attemptDeps.changed(projectId);
      }
      return this.cell(projectId, rule)!;
    },
    resume(projectId: number, environment: string): AutoDeployCell {
      const rule = environmentOf(projectId, environment);
      if (repo.resume(projectId, environment)) {
        deps.audit.append({
          actor: deps.actor(),
          action: 'auto_deploy.resumed',
          projectId,
          subject: environment,
          detail: { rule: ruleOf(environment, rule.auto_deploy ? 'auto_deploy' : 'auto_promote') },
        });
        attemptDeps.changed(projectId);
        void evaluate();
      }
      return this.cell(projectId, rule)!;
    },
    /** What the board cell shows of the environment's rule; null without one. */
    cell(projectId: number, environment: EnvironmentConfig): AutoDeployCell | null {
      const kind = environment.auto_deploy ? 'auto_deploy' : environment.auto_promote ? 'auto_promote' : null;
      if (!kind) return null;
      const status = repo.status(projectId, environment.name);
      return {
        rule: ruleOf(environment.name, kind),
        kind,
        after: environment.auto_deploy?.after ?? null,
        branch: environment.auto_deploy?.branch ?? null,
        paused: repo.paused(projectId, environment.name),
        state: status?.state ?? 'idle',
        message: status?.message ?? null,
        since: status?.at ?? null,
      };
    },
  };
}
