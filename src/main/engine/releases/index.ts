// The releases feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { type AuditLog, createAuditLog } from './audit-log.ts';
export { type AutoDeploy, createAutoDeploy } from './auto-deploy.ts';
export { createDeploymentsRepo } from './deployments-repo.ts';
export { freezeAt } from './freeze.ts';
export { createReleaseBoard, type ReleaseBoard } from './release-board.ts';
export { parseConventional, releaseNotes } from './release-notes.ts';
export { createReleaseService, type ReleaseService } from './release-service.ts';
export { createPipelineRuns, type PipelineRuns } from './start-pipeline-run.ts';
