// Prepared statements for captured releases, their files, and what each deployment shipped; plus the
// run facts a capture reads (a run's commit and its kept artifacts live in the pipelines' tables).
import type { Database } from 'better-sqlite3';
import { fieldsOf } from '../kernel/store/row-fields.ts';
import type {
  BuildSource,
  DeploymentBuild,
  ReleaseBuild,
  ReleaseFile,
} from '../../../shared/domain/release-build.ts';

interface ReleaseRow {
  id: number;
  project_id: number;
  version: string;
  commit_sha: string;
  run_id: number;
  pipeline: string;
  captured_by: string;
  captured_at: number;
}

export interface CapturableRun {
  id: number;
  project_id: number;
  pipeline: string;
  status: string;
  git_sha: string | null;
  git_dirty: number | null;
}

export interface RunArtifact {
  job: string;
  path: string;
  size: number;
  sha256: string;
  stored_path: string;
}

export type ReleaseBuildsRepo = ReturnType<typeof createReleaseBuildsRepo>;

export function createReleaseBuildsRepo(db: Database) {
  const byId = db.prepare<[number], ReleaseRow>('SELECT * FROM releases WHERE id = ?');
  const byCommit = db.prepare<[number, string], ReleaseRow>(
    'SELECT * FROM releases WHERE project_id = ? AND commit_sha = ?',
  );
  const ofProject = db.prepare<[number], ReleaseRow>(
    'SELECT * FROM releases WHERE project_id = ? ORDER BY id DESC',
  );
  const filesOf = db.prepare<[number], ReleaseFile>(
    'SELECT path, size, sha256 FROM release_files WHERE release_id = ? ORDER BY path',
  );
  const insertRelease = db.prepare(
    `INSERT INTO releases (project_id, version, commit_sha, run_id, pipeline, captured_by, captured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = db.prepare(
    'INSERT INTO release_files (release_id, path, size, sha256) VALUES (?, ?, ?, ?)',
  );
  const run = db.prepare<[number], CapturableRun>(
    'SELECT id, project_id, pipeline, status, git_sha, git_dirty FROM runs WHERE id = ?',
  );
  const artifactsOf = db.prepare<[number], RunArtifact>(
    `SELECT j.name AS job, a.path, a.size, a.sha256, a.stored_path
       FROM artifacts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? ORDER BY j.position, a.path`,
  );
  // The newest clean, successful run on a commit that kept artifacts, of a pipeline that does not deploy.
  const buildRuns = db.prepare<[number, string], CapturableRun>(
    `SELECT r.id, r.project_id, r.pipeline, r.status, r.git_sha, r.git_dirty FROM runs r
      WHERE r.project_id = ? AND r.git_sha = ? AND r.status = 'success' AND COALESCE(r.git_dirty, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.run_id = r.id)
        AND EXISTS (SELECT 1 FROM artifacts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = r.id)
      ORDER BY r.id DESC`,
  );
  const deploymentBuild = db.prepare<
    [number],
    {
      release_id: number | null;
      build_source: BuildSource | null;
      run_id: number | null;
      pipeline: string | null;
    }
  >(
    `SELECT d.release_id, d.build_source, r.run_id, r.pipeline
       FROM deployments d LEFT JOIN releases r ON r.id = d.release_id WHERE d.id = ?`,
  );
  const deploymentFiles = db.prepare<[number], ReleaseFile>(
    'SELECT path, size, sha256 FROM deployment_files WHERE deployment_id = ? ORDER BY path',
  );
  const insertDeploymentFile = db.prepare(
    'INSERT OR REPLACE INTO deployment_files (deployment_id, path, size, sha256) VALUES (?, ?, ?, ?)',
  );

  function toRelease(row: ReleaseRow): ReleaseBuild {
    return {
      ...fieldsOf(row, 'id, project_id, version'),
      commit: row.commit_sha,
      ...fieldsOf(row, 'run_id, pipeline, captured_by, captured_at'),
      files: filesOf.all(row.id),
    };
  }

  return {
    get: (id: number) => {
      const row = byId.get(id);
      return row ? toRelease(row) : null;
    },
    forCommit: (projectId: number, commit: string) => {
      const row = byCommit.get(projectId, commit);
      return row ? toRelease(row) : null;
    },
    list: (projectId: number) => ofProject.all(projectId).map(toRelease),
    /** Inserts a release and its files in one transaction; returns its id. */
    insert(release: Omit<ReleaseBuild, 'id' | 'files'>, files: ReleaseFile[]): number {
      return db
        .transaction(() => {
          const id = Number(
            insertRelease.run(
              release.projectId,
              release.version,
              release.commit,
              release.runId,
              release.pipeline,
              release.capturedBy,
              release.capturedAt,
            ).lastInsertRowid,
          );
          for (const file of files) insertFile.run(id, file.path, file.size, file.sha256);
          return id;
        })
        .immediate();
    },
    run: (runId: number) => run.get(runId) ?? null,
    artifactsOf: (runId: number) => artifactsOf.all(runId),
    buildRunsOn: (projectId: number, commit: string) => buildRuns.all(projectId, commit),

    /** Records what a deployment ships (call inside the deployment's own transaction, or after it ran). */
    recordDeploymentBuild(
      deploymentId: number,
      source: BuildSource,
      releaseId: number | null,
      files: ReleaseFile[],
    ): void {
      db.transaction(() => {
        db.prepare('UPDATE deployments SET build_source = ?, release_id = ? WHERE id = ?').run(
          source,
          releaseId,
          deploymentId,
        );
        for (const file of files) insertDeploymentFile.run(deploymentId, file.path, file.size, file.sha256);
      })();
    },
    deploymentBuild(deploymentId: number): DeploymentBuild | null {
      const row = deploymentBuild.get(deploymentId);
      if (!row?.build_source) return null;
      return {
        source: row.build_source,
        releaseId: row.release_id,
        builtByRun: row.run_id,
        builtByPipeline: row.pipeline,
        files: deploymentFiles.all(deploymentId),
      };
    },
  };
}
