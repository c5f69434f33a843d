// Releases built once: captures the artifacts of the run that built a commit as an immutable release
// (files stored by SHA-256 in the blob store), finds the release a deploy ships, and lays its files
// out, verified, in the directory the deploy pipeline gets as COCKPIT_RELEASE_DIR.
import { rmSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DeploymentBuild, ReleaseBuild, ReleaseFile } from '../../../shared/domain/release-build.ts';
import { badRequest, CockpitError } from '../../../shared/errors.ts';
import { createBlobStore } from '../kernel/blob-store.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { versionOfCommit } from './git-versions.ts';
import { createReleaseBuildsRepo, type RunArtifact } from './release-builds-repo.ts';

export type ReleaseBuilds = ReturnType<typeof createReleaseBuilds>;

/**
 * Names each artifact inside the release: its path as the job kept it, or `<job>/<path>` when jobs
 * kept different files at the same path (identical copies are one file).
 */
function releasePaths(artifacts: RunArtifact[]): (RunArtifact & { releasePath: string })[] {
  const shas = new Map<string, Set<string>>();
  for (const a of artifacts) shas.set(a.path, (shas.get(a.path) ?? new Set()).add(a.sha256));
  const seen = new Set<string>();
  const named: (RunArtifact & { releasePath: string })[] = [];
  for (const artifact of artifacts) {
    const clash = (shas.get(artifact.path)?.size ?? 0) > 1;
    const releasePath = clash ? `${artifact.job}/${artifact.path}` : artifact.path;
    if (seen.has(releasePath)) continue;
    seen.add(releasePath);
    named.push({ ...artifact, releasePath: releasePath.split(sep).join('/') });
  }
  return named;
}

/** A path inside the release directory, never outside it. */
function safeRelative(path: string): string {
  const normal = normalize(path);
  if (isAbsolute(normal) || normal === '..' || normal.startsWith(`..${sep}`) || normal === '.') {
    throw new Error(`"${path}" is not a path inside a release`);
  }
  return normal;
}

export function createReleaseBuilds(deps: {
  db: Database;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  actor: () => string;
}) {
  const repo = createReleaseBuildsRepo(deps.db);
  const blobs = createBlobStore(deps.dataDir);

  function runOf(projectId: number, runId: number) {
    const run = repo.run(runId);
    if (!run || run.project_id !== projectId) {
      throw new CockpitError('NOT_FOUND', `There is no run #${runId} in this project.`, { runId });
    }
    return run;
  }

  /** Why a run cannot be captured as a release, or null when it can. */
  function unfit(run: NonNullable<ReturnType<typeof repo.run>>): string | null {
    if (run.status !== 'success')
      return `run #${run.id} ended ${run.status}: only a successful run's build is released`;
    if (!run.git_sha) return `run #${run.id} did not run on a git commit`;
    if (run.git_dirty === 1)
      return `run #${run.id} ran on a working tree with uncommitted changes: it did not build the commit`;
    if (deps.db.prepare('SELECT 1 FROM deployments WHERE run_id = ?').get(run.id))
      return `run #${run.id} deployed; a release is captured from the run that built it`;
    if (repo.artifactsOf(run.id).length === 0)
      return `run #${run.id} kept no artifacts (give its build job \`artifacts:\`)`;
    return null;
  }

  async function capture(projectId: number, projectPath: string, runId: number): Promise<ReleaseBuild> {
    const run = runOf(projectId, runId);
    const problem = unfit(run);
    if (problem)
      throw badRequest(`Cannot capture a release: ${problem}.`, [{ path: 'runId', message: problem }]);
    const commit = run.git_sha!;
    // Captured once: the commit's release stays what it was, whichever run is offered later.
    const existing = repo.forCommit(projectId, commit);
    if (existing) return existing;
    const files: ReleaseFile[] = releasePaths(repo.artifactsOf(run.id)).map((artifact) => {
      const stored = blobs.put(join(deps.dataDir, artifact.stored_path));
      if (stored.sha256 !== artifact.sha256) {
        throw new CockpitError(
          'CONFLICT',
          `The artifact ${artifact.job}/${artifact.path} of run #${run.id} changed since the run kept it (SHA-256 ${stored.sha256.slice(0, 12)}…, recorded ${artifact.sha256.slice(0, 12)}…).`,
        );
      }
      return {
        path: safeRelative(artifact.releasePath).split(sep).join('/'),
        size: stored.size,
        sha256: stored.sha256,
      };
    });
    const version = await versionOfCommit(projectPath, commit);
    try {
      const id = repo.insert(
        {
          projectId,
          version,
          commit,
          runId: run.id,
          pipeline: run.pipeline,
          capturedBy: deps.actor(),
          capturedAt: deps.clock.now(),
        },
        files,
      );
      deps.logger.info('release captured', { releaseId: id, version, runId: run.id, files: files.length });
      return repo.get(id)!;
    } catch (error) {
      // Another process captured the same commit first: theirs is the release.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const raced = repo.forCommit(projectId, commit);
        if (raced) return raced;
      }
      throw error;
    }
  }

  return {
    capture,
    list: (projectId: number) => repo.list(projectId),
    forCommit: (projectId: number, commit: string) => repo.forCommit(projectId, commit),
    get: (id: number) => repo.get(id),

    /**
     * The release a deploy of `commit` ships: the one captured before, else one captured now from the
     * newest clean, successful run that built the commit; null when no run built it (the deploy
     * pipeline then builds at deploy time).
     */
    async toShip(projectId: number, projectPath: string, commit: string): Promise<ReleaseBuild | null> {
      const existing = repo.forCommit(projectId, commit);
      if (existing) return existing;
      for (const run of repo.buildRunsOn(projectId, commit)) {
        try {
          return await capture(projectId, projectPath, run.id);
        } catch (error) {
          deps.logger.warn('a run could not be captured as a release', { runId: run.id, error });
        }
      }
      return null;
    },

    /** What a deploy of `commit` would ship, without capturing anything (for the preview). */
    wouldShip(projectId: number, commit: string): DeploymentBuild {
      const existing = repo.forCommit(projectId, commit);
      if (existing) {
        return {
          source: 'release',
          releaseId: existing.id,
          builtByRun: existing.runId,
          builtByPipeline: existing.pipeline,
          files: existing.files,
        };
      }
      const run = repo.buildRunsOn(projectId, commit)[0];
      if (!run)
        return { source: 'deploy_time', releaseId: null, builtByRun: null, builtByPipeline: null, files: [] };
      return {
        source: 'release',
        releaseId: null,
        builtByRun: run.id,
        builtByPipeline: run.pipeline,
        files: releasePaths(repo.artifactsOf(run.id)).map((a) => ({
          path: a.releasePath,
          size: a.size,
          sha256: a.sha256,
        })),
      };
    },

    /** Writes the release's files under `dir` (which must not exist yet), each checked against its SHA-256. */
    layOut(release: ReleaseBuild, dir: string): void {
      try {
        for (const file of release.files) blobs.copyTo(file.sha256, join(dir, safeRelative(file.path)));
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    },

    recordDeploymentBuild: (...args: Parameters<typeof repo.recordDeploymentBuild>) =>
      repo.recordDeploymentBuild(...args),
    deploymentBuild: (deploymentId: number) => repo.deploymentBuild(deploymentId),
    /** The artifacts a deploy run kept: what a deployment built at deploy time shipped. */
    deployRunFiles: (runId: number): ReleaseFile[] =>
      releasePaths(repo.artifactsOf(runId)).map((a) => ({
        path: a.releasePath,
        size: a.size,
        sha256: a.sha256,
      })),
  };
}
