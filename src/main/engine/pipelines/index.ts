// The pipelines feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { type ArtifactFile, type ArtifactStore, createArtifactStore } from './artifact-store.ts';
export { type ArtifactPolicy, createArtifactRetention, pruneProjectArtifacts } from './artifact-retention.ts';
export { pruneRuns } from './run-retention.ts';
export { createRunService, type RunService, type StartRunRequest } from './run-service.ts';
export { createRunsRepo } from './runs-repo.ts';
export { ciFilesIn } from './sources/ci-files.ts';
export { discoverPipelines } from './sources/index.ts';
export { workingTreeFiles } from './sources/project-files.ts';
export { createTriggerService } from './triggers/trigger-service.ts';
