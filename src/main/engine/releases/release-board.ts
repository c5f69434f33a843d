// The release board: projects × environments, what the cockpit recorded beside what each environment
// reports, with drift computed from git. Git answers about fixed commits never change, so they are
// cached; only HEAD, the main branch and reported versions are looked up again.
import type { Database } from 'better-sqlite3';
import type { EnvironmentSummary } from '../../../shared/domain/environment.ts';
import type {
  ApprovalState,
  AutoDeployCell,
  Board,
  BoardCell,
  BoardRow,
  Deployment,
  Drift,
} from '../../../shared/domain/release.ts';
import type { RunStatus } from '../../../shared/domain/run.ts';
import type { CockpitConfig, EffectiveConfig, EnvironmentConfig } from '../config/index.ts';
import type { DeploymentsRepo } from './deployments-repo.ts';
import { mainBranch, resolveVersion, sameVersion, versionOfCommit } from './git-versions.ts';
import { commitCounter } from './commit-graph.ts';
import { deploysTo } from './deploy-target.ts';
import { lifecycleOf, nextEnvironment, previousEnvironment } from './lifecycle.ts';
import { runGit } from '../kernel/git/run-git.ts';
import { createGitStateCache } from '../projects/index.ts';

export interface ReleaseBoardDeps {
  db: Database;
  repo: DeploymentsRepo;
  listProjects(): { id: number; name: string; path: string }[];
  /** The configuration a project's row goes by: the last good one while cockpit.yml is invalid. */
  configOf(project: { id: number; path: string }): EffectiveConfig;
  environments(): EnvironmentSummary[];
  /** Called with each project's parsed config, so policy changes are noticed when the board is looked at. */
  onConfig?(projectId: number, config: CockpitConfig): void;
  /** Who may approve a deployment awaiting approval, for the person asking (the release service decides). */
  approvalOf?(deployment: Deployment): ApprovalState | null;
  /** The environment's continuous-delivery rule as the cell shows it (auto-deploy.ts). */
  autoDeployOf?(projectId: number, environment: EnvironmentConfig): AutoDeployCell | null;
}

const tierRank = { development: 0, staging: 1, production: 2, other: 3 } as const;
const MAX_CACHED = 20_000;

export type ReleaseBoard = ReturnType<typeof createReleaseBoard>;

export function createReleaseBoard(deps: ReleaseBoardDeps) {
  const fixed = new Map<string, unknown>();

  async function cachedForever<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (fixed.has(key)) return fixed.get(key) as T;
    const value = await compute();
    if (fixed.size > MAX_CACHED) fixed.clear();
    fixed.set(key, value);
    return value;
  }

  /** HEAD, branches and what a version names change with the repository: cached until it does. */
  const gitState = createGitStateCache();

  const statements = {
    /** The newest run of one of the pipelines named in the JSON array, on a branch. */
    latestRun: deps.db.prepare<
      [number, string, string],
      { id: number; pipeline: string; status: RunStatus; git_sha: string | null; finished_at: number | null }
    >(
      `SELECT id, pipeline, status, git_sha, finished_at FROM runs
       WHERE project_id = ? AND pipeline IN (SELECT value FROM json_each(?)) AND git_branch = ?
       ORDER BY id DESC LIMIT 1`,
    ),
    latestRunAnywhere: deps.db.prepare<
      [number, string],
      { id: number; pipeline: string; status: RunStatus; git_sha: string | null; finished_at: number | null }
    >(
      `SELECT id, pipeline, status, git_sha, finished_at FROM runs
       WHERE project_id = ? AND pipeline IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1`,
    ),
    /** The newest successful run on a commit of one of the pipelines named in the JSON array. */
    testedOn: deps.db.prepare<[number, string, string], { id: number; pipeline: string }>(
      `SELECT id, pipeline FROM runs
       WHERE project_id = ? AND git_sha = ? AND status = 'success' AND pipeline IN (SELECT value FROM json_each(?))
       ORDER BY id DESC LIMIT 1`,
    ),
    jobProgress: deps.db.prepare<[number], { done: number; total: number }>(
      `SELECT SUM(status NOT IN ('pending', 'running')) AS done, COUNT(*) AS total FROM jobs WHERE run_id = ?`,
    ),
  };

  async function row(
    project: { id: number; name: string; path: string },
    monitored: EnvironmentSummary[],
    active: Deployment[],
  ): Promise<BoardRow> {
    const loaded = deps.configOf(project);
    const first = loaded.problems[0];
    if (!loaded.config) {
      const problem =
        loaded.status === 'missing' || !first
          ? 'no cockpit.yml'
          : `${first.file}:${first.line}:${first.col}: ${first.message}`;
      return {
        projectId: project.id,
        name: project.name,
        configProblem: problem,
        configFallback: null,
        ciPipelines: [],
        ci: null,
        headSha: null,
        headVersion: null,
        owners: [],
        lifecycle: [],
        cells: [],
      };
    }
    const config = loaded.config;
    // Policy changes are recorded from the file as written, never from a configuration kept aside.
    if (loaded.status === 'ok') deps.onConfig?.(project.id, config);
    const lifecycle = lifecycleOf(config);
    const ordered = [
      ...lifecycle,
      ...(config.environments ?? []).map((env) => env.name).filter((name) => !lifecycle.includes(name)),
    ];
    const head = await gitState.get(project.path, 'head', async () => {
      const result = await runGit(project.path, ['rev-parse', '--verify', '--quiet', 'HEAD']);
      return result.failed ? null : String(result.stdout).trim();
    });
    const main = await gitState.get(project.path, 'main', () => mainBranch(project.path));
    const headVersion = head
      ? await cachedForever(`version|${project.path}|${head}`, () => versionOfCommit(project.path, head))
      : null;
    const deployPipelines = new Set(
      Object.entries(config.pipelines ?? {})
        .filter(([, pipeline]) => pipeline.deploy)
        .map(([name]) => name),
    );

    // "Tested" means the project's CI: the pipelines its gates require, else its CI pipeline.
    const ciPipeline = ciPipelineOf(config, deployPipelines);
    const testPipelines = new Set([
      ...(config.environments ?? []).flatMap((env) => env.gates?.pipeline_passed ?? []),
      ...(ciPipeline ? [ciPipeline] : []),
    ]);
    // First what each environment runs, then every distance between those commits, main and HEAD
    // from one look at the graph (cached until the repository changes).
    const facts = [];
    for (const name of ordered) {
      const summary = monitored.find((m) => m.projectId === project.id && m.name === name) ?? null;
      const recordedDeployment = deps.repo.succeeded(project.id, name, 1)[0] ?? null;
      const reported = summary?.version ?? null;
      const commit =
        reported && !(recordedDeployment && sameVersion(reported, recordedDeployment.version))
          ? await gitState.get(project.path, `resolve|${reported}`, () =>
              resolveVersion(project.path, reported),
            )
          : (recordedDeployment?.commit ?? null);
      facts.push({ name, summary, recordedDeployment, reported, commit });
    }
    const tips = [
      ...new Set([...facts.map((f) => f.commit), main?.sha, head].filter((sha) => !!sha)),
    ] as string[];
    tips.sort();
    const count = await gitState.get(project.path, `graph|${tips.join(',')}`, () =>
      commitCounter(project.path, tips),
    );
    const commits = new Map(facts.map((f) => [f.name, f.commit]));
    const cells: BoardCell[] = [];
    for (const { name, summary, recordedDeployment, reported, commit } of facts) {
      const env = (config.environments ?? []).find((e) => e.name === name)!;
      const previous = previousEnvironment(lifecycle, name);
      const previousCommit = previous ? (commits.get(previous) ?? null) : null;
      const drift: Drift | null = commit
        ? {
            commit,
            behindPrevious: previousCommit ? count(commit, previousCommit) : null,
            behindMain: main ? count(commit, main.sha) : null,
            mainBranch: main?.name ?? null,
            head: head
              ? relationOf(count(commit, head), count(head, commit))
              : { relation: 'unknown', ahead: 0, behind: 0 },
            tested: testedOn(project.id, commit, testPipelines),
          }
        : null;
      const activeHere = active.filter((d) => d.projectId === project.id && d.environment === name);
      const running =
        activeHere.find((d) => d.status === 'running' || d.status === 'verifying') ?? activeHere[0] ?? null;
      const last = deps.repo.latestFinished(project.id, name);
      cells.push({
        environment: name,
        environmentId: summary?.id ?? null,
        tier: env.tier ?? 'other',
        state: summary?.state ?? 'unknown',
        reportedVersion: reported,
        lastCheckedAt: summary?.lastCheckedAt ?? null,
        nextCheckAt: summary?.nextCheckAt ?? null,
        lastError: summary?.lastError ?? null,
        recorded: recordedDeployment
          ? {
              deploymentId: recordedDeployment.id,
              version: recordedDeployment.version,
              commit: recordedDeployment.commit,
              actor: recordedDeployment.actor,
              finishedAt: recordedDeployment.finishedAt ?? recordedDeployment.requestedAt,
              verification: recordedDeployment.verification,
            }
          : null,
        mismatch: Boolean(
          reported && recordedDeployment && !sameVersion(reported, recordedDeployment.version),
        ),
        drift,
        pendingApprovals: activeHere.filter((d) => d.status === 'awaiting_approval' && !d.heldBack).length,
        active: running
          ? {
              deploymentId: running.id,
              status: running.status,
              version: running.version,
              actor: running.actor,
              runId: running.runId,
              approved: running.heldBack,
              approval: deps.approvalOf?.(running) ?? null,
              progress: running.runId !== null ? progressOf(running.runId) : null,
            }
          : null,
        lastProblem: problemOf(last),
        hasGates: Boolean(env.gates && Object.keys(env.gates).length > 0),
        canDeploy: canDeploy(config, name),
        next: nextEnvironment(lifecycle, name),
        previous,
        owners: env.owners ?? [],
        autoDeploy: deps.autoDeployOf?.(project.id, env) ?? null,
      });
    }

    // The row's CI status: the newest run of any pipeline that says "tested" (not only the first one).
    const ciPipelines = [...testPipelines].sort((a, b) =>
      a === ciPipeline ? -1 : b === ciPipeline ? 1 : a.localeCompare(b),
    );
    const wanted = JSON.stringify(ciPipelines);
    const ciRun =
      ciPipelines.length > 0
        ? ((main ? statements.latestRun.get(project.id, wanted, main.name) : undefined) ??
          statements.latestRunAnywhere.get(project.id, wanted))
        : undefined;
    return {
      projectId: project.id,
      name: project.name,
      configProblem: null,
      configFallback:
        loaded.status === 'invalid' && first && loaded.lastGoodAt !== null
          ? {
              file: first.file,
              line: first.line,
              col: first.col,
              message: first.message,
              problems: loaded.problems.length,
              lastGoodAt: loaded.lastGoodAt,
            }
          : null,
      ciPipelines,
      ci: ciRun
        ? {
            pipeline: ciRun.pipeline,
            runId: ciRun.id,
            status: ciRun.status,
            sha: ciRun.git_sha,
            finishedAt: ciRun.finished_at,
          }
        : null,
      headSha: head,
      headVersion,
      owners: config.owners ?? [],
      lifecycle,
      cells,
    };
  }

  function testedOn(projectId: number, commit: string, testPipelines: Set<string>) {
    if (testPipelines.size === 0) return null;
    const run = statements.testedOn.get(projectId, commit, JSON.stringify([...testPipelines]));
    return run ? { pipeline: run.pipeline, runId: run.id } : null;
  }

  function progressOf(runId: number) {
    const progress = statements.jobProgress.get(runId);
    return progress && progress.total > 0 ? { done: progress.done ?? 0, total: progress.total } : null;
  }

  return {
    async board(): Promise<Board> {
      const monitored = deps.environments();
      const active = deps.repo.active();
      const projects = deps.listProjects();
      const rows = new Array<BoardRow>(projects.length);
      // A few projects at a time: git lookups are processes, and there are two cores.
      let next = 0;
      const worker = async () => {
        for (let index = next++; index < projects.length; index = next++) {
          rows[index] = await row(projects[index]!, monitored, active);
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, projects.length) }, worker));
      return { columns: columnsOf(rows, monitored), rows };
    },
  };
}

/** The pipeline whose status heads a row: the first gate's pipeline_passed, else "ci", else the first non-deploy one. */
function ciPipelineOf(config: CockpitConfig, deployPipelines: Set<string>): string | null {
  for (const env of config.environments ?? []) {
    const gated = env.gates?.pipeline_passed?.[0];
    if (gated) return gated;
  }
  const names = Object.keys(config.pipelines ?? {});
  if (names.includes('ci')) return 'ci';
  return names.find((name) => !deployPipelines.has(name)) ?? null;
}

/** Where HEAD stands from the commits each side lacks. */
function relationOf(ahead: number | null, behind: number | null): Drift['head'] {
  if (ahead === null || behind === null) return { relation: 'unknown', ahead: 0, behind: 0 };
  const relation =
    ahead === 0 && behind === 0 ? 'same' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged';
  return { relation, ahead, behind };
}

function canDeploy(config: CockpitConfig, environment: string): boolean {
  return Object.values(config.pipelines ?? {}).some((pipeline) => deploysTo(pipeline, environment));
}

function problemOf(last: Deployment | null): string | null {
  if (!last) return null;
  if (last.status === 'failed' || last.status === 'interrupted') {
    return `deploy of ${last.version} ${last.status}${last.runId ? ` (run #${last.runId})` : ''}`;
  }
  if (last.status === 'succeeded' && last.verification === 'not_verified') {
    return last.verificationDetail ?? `${last.version} not verified`;
  }
  return null;
}

/** Every project's environments as one list of columns: ordered by lifecycle position, then tier, then name. */
function columnsOf(rows: BoardRow[], monitored: EnvironmentSummary[]): string[] {
  const score = new Map<string, number>();
  for (const row of rows) {
    row.cells.forEach((cell, index) => {
      const inLifecycle = row.lifecycle.includes(cell.environment);
      const position = inLifecycle ? index / Math.max(1, row.lifecycle.length) : 1 + tierRank[cell.tier];
      score.set(cell.environment, Math.min(score.get(cell.environment) ?? Infinity, position));
    });
  }
  for (const env of monitored) if (!score.has(env.name)) score.set(env.name, 1 + tierRank[env.tier]);
  return [...score.entries()].sort(([a, x], [b, y]) => x - y || a.localeCompare(b)).map(([name]) => name);
}
