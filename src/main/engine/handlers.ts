// Binds every protocol method to the service that implements it. The type makes a missing
// handler a compile error, so the table and the engine cannot drift apart.
import { CockpitError } from '../../shared/errors.ts';
import type { MethodName, ParamsOut, Result } from '../../shared/protocol.ts';
import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Logger } from './log/logger.ts';
import { userInfo } from 'node:os';
import type { MonitorService } from './environments/monitor-service.ts';
import type { RunService } from './pipelines/run-service.ts';
import type { ProjectService } from './projects/project-service.ts';
import type { SecretStore } from './secrets/secret-store.ts';

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
  secrets: SecretStore;
  monitor: MonitorService;
  logger: Logger;
}

export function createHandlers({ info, projects, runs, secrets, monitor, logger }: HandlerDeps): Handlers {
  return {
    'app.info': () => info(),
    'app.reportError': ({ source, message, stack }) => {
      logger.error(`${source} error: ${message}`, stack ? { stack } : undefined);
      return { logged: true };
    },
    'projects.list': () => projects.list(),
    'projects.get': ({ id }) => projects.get(id),
    'projects.inspect': ({ path }) => projects.inspect(path),
    'projects.add': (params) => projects.add(params),
    'projects.remove': ({ id }) => projects.remove(id),
    'projects.refresh': ({ id }) => projects.refresh(id),
    'projects.openDemo': () => projects.openDemo(),

    'pipelines.list': ({ projectId }) => runs.listPipelines(projects.get(projectId).id),
    'pipelines.plan': ({ projectId, pipeline, jobs, withNeeds }) => ({
      waves: runs.plan(projects.get(projectId).id, pipeline, jobs, withNeeds),
    }),
    'runs.start': (params) => runs.start({ ...params, projectId: projects.get(params.projectId).id }),
    'runs.cancel': ({ runId }) => runs.cancel(runId),
    'runs.rerun': ({ runId, failedOnly }) => runs.rerun(runId, failedOnly),
    'runs.list': (filter) => runs.list(filter),
    'runs.get': ({ runId }) => runs.get(runId),
    'runs.logPage': ({ attemptId, fromLine, count }) => runs.logPage(attemptId, fromLine, count),
    'runs.logSearch': ({ attemptId, ...options }) => runs.logSearch(attemptId, options),
    'runs.firstError': ({ attemptId }) => runs.firstError(attemptId),

    'environments.list': ({ projectId }) =>
      monitor.list(projectId === undefined ? undefined : projects.get(projectId).id),
    'environments.get': ({ environmentId }) => monitor.get(environmentId),
    'environments.history': ({ environmentId, range }) => monitor.history(environmentId, range),
    'environments.checkNow': ({ environmentId }) => monitor.checkNow(environmentId),
    'environments.pause': ({ environmentId }) => monitor.pause(environmentId),
    'environments.resume': ({ environmentId }) => monitor.resume(environmentId),
    'incidents.list': (filter) => monitor.incidents(filter),
    'incidents.acknowledge': ({ incidentId }) => monitor.acknowledge(incidentId, userInfo().username),

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
