// Binds every protocol method to the service that implements it. The type makes a missing
// handler a compile error, so the table and the engine cannot drift apart.
import { CockpitError } from '../../shared/errors.ts';
import type { MethodName, ParamsOut, Result } from '../../shared/protocol.ts';
import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Logger } from './kernel/diagnostics/logger.ts';
import { currentActor } from './kernel/actor.ts';
import type { MonitorService } from './environments/index.ts';
import type { ArtifactStore, RunService } from './pipelines/index.ts';
import type { ProjectService } from './projects/index.ts';
import type { SecretStore } from './secrets/index.ts';
import type { AuditLog, AutoDeploy, PipelineRuns, ReleaseBoard, ReleaseService } from './releases/index.ts';
import type { NotesService } from './notes/index.ts';
import type { NotificationService } from './notifications/index.ts';
import type { SettingsStore } from './settings/index.ts';
import type { InsightsService } from './insights/index.ts';
import type { ReportService } from './reports/index.ts';

export interface HandlerContext {
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (params: ParamsOut<M>, context: HandlerContext) => Result<M> | Promise<Result<M>>;
};

export interface HandlerDeps {
  info: () => AppInfo;
  projects: ProjectService;
  runs: RunService;
  artifacts: ArtifactStore;
  secrets: SecretStore;
  monitor: MonitorService;
  releases: ReleaseService;
  /** Starts every pipeline run; decides whether it is a deployment. */
  pipelineRuns: PipelineRuns;
  board: ReleaseBoard;
  autoDeploy: AutoDeploy;
  audit: AuditLog;
  notes: NotesService;
  notifications: NotificationService;
  settings: SettingsStore;
  insights: InsightsService;
  reports: ReportService;
  logger: Logger;
}

export function createHandlers({
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
}: HandlerDeps): Handlers {
  return {
    'app.info': () => info(),
    'app.reportError': ({ source, message, stack }) => {
      logger.error(`${source} error: ${message}`, stack ? { stack } : undefined);
      return { logged: true };
    },
    'projects.list': () => projects.listFresh(),
    'projects.get': ({ id }) => projects.get(id),
    'projects.inspect': ({ path }) => projects.inspect(path),
    'projects.add': (params) => projects.add(params),
    'projects.remove': ({ id }) => projects.remove(id),
    'projects.refresh': ({ id }) => projects.refresh(id),
    'projects.openDemo': () => projects.openDemo(),

    'pipelines.list': ({ projectId }) => runs.listPipelines(projects.get(projectId).id),
    'pipelines.plan': ({ projectId, ...request }) =>
      runs.plan({ projectId: projects.get(projectId).id, ...request }),
    'runs.start': (params) =>
      pipelineRuns.startPipelineRun({ ...params, projectId: projects.get(params.projectId).id }),
    'runs.cancel': ({ runId }) => runs.cancel(runId),
    'runs.play': ({ runId, job }) => runs.play(runId, job),
    'runs.rerun': ({ runId, failedOnly }) => pipelineRuns.rerun(runId, failedOnly),
    'runs.list': (filter) => runs.list(filter),
    'runs.get': ({ runId }) => runs.get(runId),
    'artifacts.list': ({ runId }) => artifacts.list(runId),
    'artifacts.read': ({ artifactId, offset, length }) => artifacts.read(artifactId, offset, length),
    'runs.logPage': ({ attemptId, fromLine, count }) => runs.logPage(attemptId, fromLine, count),
    'runs.logSearch': ({ attemptId, ...options }, { signal }) => runs.logSearch(attemptId, options, signal),
    'runs.logMatches': ({ attemptId, ...options }) => runs.logMatches(attemptId, options),
    'runs.firstError': ({ attemptId }) => runs.firstError(attemptId),

    'environments.list': ({ projectId }) =>
      monitor.list(projectId === undefined ? undefined : projects.get(projectId).id),
    'environments.get': ({ environmentId }) => monitor.get(environmentId),
    'environments.history': ({ environmentId, range }) => monitor.history(environmentId, range),
    'environments.checkNow': ({ environmentId }) => monitor.checkNow(environmentId),
    'environments.pause': ({ environmentId }) => monitor.pause(environmentId),
    'environments.resume': ({ environmentId }) => monitor.resume(environmentId),
    'incidents.list': (filter) => monitor.incidents(filter),
    'incidents.acknowledge': ({ incidentId }) => monitor.acknowledge(incidentId, currentActor()),

    'releases.board': () => board.board(),
    'releases.preview': ({ projectId, ...rest }) =>
      releases.preview({ projectId: projects.get(projectId).id, ...rest }),
    'releases.diff': ({ projectId, ...rest }) =>
      releases.diff({ projectId: projects.get(projectId).id, ...rest }),
    'releases.deploy': ({ projectId, ...rest }) =>
      releases.deploy({ projectId: projects.get(projectId).id, ...rest }),
    'releases.promote': ({ projectId, ...rest }) =>
      releases.promote({ projectId: projects.get(projectId).id, ...rest }),
    'releases.autoDeployPause': ({ projectId, environment }) =>
      autoDeploy.pause(projects.get(projectId).id, environment),
    'releases.autoDeployResume': ({ projectId, environment }) =>
      autoDeploy.resume(projects.get(projectId).id, environment),
    'releases.rollback': ({ projectId, ...rest }) =>
      releases.rollback({ projectId: projects.get(projectId).id, ...rest }),
    'releases.rollbackTargets': ({ projectId, environment }) =>
      releases.rollbackTargets(projects.get(projectId).id, environment),
    'releases.approve': ({ deploymentId, comment, decision }) =>
      releases.approve(deploymentId, comment, decision ?? 'approve'),
    'releases.start': ({ deploymentId, override }) => releases.start(deploymentId, override),
    'releases.cancel': ({ deploymentId }) => releases.cancel(deploymentId),
    'releases.get': ({ deploymentId }) => releases.get(deploymentId),
    'releases.list': (filter) => releases.list(filter),
    'releases.notes': ({ projectId, from, to }) => releases.notes(projects.get(projectId).id, from, to),
    'releases.capture': ({ projectId, runId }) => releases.capture(projects.get(projectId).id, runId),
    'releases.builds': ({ projectId }) => releases.builds(projects.get(projectId).id),
    'releases.candidates': ({ projectId, environment }) =>
      releases.candidates(projects.get(projectId).id, environment),
    'audit.list': (filter) => audit.list(filter),
    'audit.verify': () => audit.verify(),

    'insights.dora': ({ projectId, environment, range }) =>
      insights.dora({
        projectId: projectId === undefined ? undefined : projects.get(projectId).id,
        environment,
        range,
      }),
    'insights.pipelines': ({ projectId, range }) =>
      insights.pipelines({
        projectId: projectId === undefined ? undefined : projects.get(projectId).id,
        range,
      }),
    'insights.liveAt': ({ at }) => insights.liveAt(at),
    'reports.export': (params) => reports.export(params),
    'releases.evidence': ({ deploymentId }) => reports.evidence(deploymentId),
    'notes.list': ({ subject, subjectId }) => notes.list(subject, subjectId),
    'notes.add': ({ subject, subjectId, text }) => notes.add(subject, subjectId, text),
    'notifications.deliveries': ({ status, projectId, limit }) =>
      notifications.list({
        status,
        projectId: projectId === undefined ? undefined : projects.get(projectId).id,
        limit,
      }),
    'notifications.send': () => notifications.sendNow(),
    'settings.get': () => settings.get(),
    'settings.set': (changes) => settings.set(changes),

    'secrets.list': ({ projectId }) => secrets.list(projects.get(projectId).id),
    'secrets.set': ({ projectId, name, value }) => {
      const { warning } = secrets.set(projects.get(projectId).id, name, value);
      logger.info('secret set', { projectId, name });
      return { name, warning };
    },
    'secrets.delete': ({ projectId, name }) => {
      if (!secrets.delete(projects.get(projectId).id, name)) {
        throw new CockpitError('NOT_FOUND', `Project ${projectId} has no secret "${name}".`);
      }
      logger.info('secret deleted', { projectId, name });
      return { name };
    },
  };
}
