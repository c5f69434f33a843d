// Binds every protocol method to the service that implements it. The type makes a missing
// handler a compile error, so the table and the engine cannot drift apart.
import type { MethodName, ParamsOut, Result } from '../../shared/protocol.ts';
import type { AppInfo } from '../../shared/domain/app-info.ts';
import type { Logger } from './log/logger.ts';
import type { ProjectService } from './projects/project-service.ts';

export interface HandlerContext {
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (params: ParamsOut<M>, context: HandlerContext) => Result<M> | Promise<Result<M>>;
};

export interface HandlerDeps {
  info: () => AppInfo;
  projects: ProjectService;
  logger: Logger;
}

export function createHandlers({ info, projects, logger }: HandlerDeps): Handlers {
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
  };
}
