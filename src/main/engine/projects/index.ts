// The projects feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { createGitStateCache } from './git-state-cache.ts';
export { createProjectService, type ProjectService } from './project-service.ts';
export { createProjectWatch } from './project-watch.ts';
export { createProjectsRepo } from './projects-repo.ts';
