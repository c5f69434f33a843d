// The versions a deploy can pick, for the deploy dialog's picker: the tags, HEAD, captured releases and
// whatever was live in an environment (deployed by the cockpit or first seen by its monitor), each
// with its commit, CI status, where it is live now and since when, and whether it was live here before.
import type { ReleaseCandidate } from '../../../shared/domain/release-build.ts';
import type { RunStatus } from '../../../shared/domain/run.ts';
import { runGit } from '../kernel/git/run-git.ts';
import { readGitFacts } from '../kernel/git/git-facts.ts';
import { resolveVersion, sameVersion, versionOfCommit } from './git-versions.ts';
import type { ReleaseContext } from './release-context.ts';

const MAX_TAGS = 50;

interface LiveSpan {
  environment: string;
  commit: string;
  since: number;
}

export function createReleaseCandidates(ctx: ReleaseContext) {
  const { db } = ctx.deps;
  const ciRun = db.prepare<[number, string, string], { id: number; status: RunStatus }>(
    `SELECT id, status FROM runs WHERE project_id = ? AND pipeline = ? AND git_sha = ? AND COALESCE(git_dirty, 0) = 0
     ORDER BY id DESC LIMIT 1`,
  );
  const deployedHere = db.prepare<[number, string], { commit_sha: string; at: number }>(
    `SELECT commit_sha, COALESCE(finished_at, requested_at) AS at FROM deployments
      WHERE project_id = ? AND environment = ? AND status = 'succeeded' AND COALESCE(verification, '') != 'not_verified'
      ORDER BY id`,
  );
  const observedHere = db.prepare<[number, string], { version: string; at: number }>(
    `SELECT o.version, o.seen_at AS at FROM observed_deployments o JOIN environments e ON e.id = o.environment_id
      WHERE e.project_id = ? AND e.name = ? ORDER BY o.seen_at, o.id`,
  );

  /** Every span an environment ran a commit, oldest first: deployments and versions the monitor saw. */
  async function history(projectId: number, path: string, environment: string): Promise<LiveSpan[]> {
    const spans: LiveSpan[] = deployedHere
      .all(projectId, environment)
      .map((row) => ({ environment, commit: row.commit_sha, since: row.at }));
    for (const row of observedHere.all(projectId, environment)) {
      const commit = await resolveVersion(path, row.version);
      if (commit) spans.push({ environment, commit, since: row.at });
    }
    return spans.sort((a, b) => a.since - b.since);
  }

  /** What runs in an environment now, and since when it has (without interruption by another commit). */
  function currentOf(spans: LiveSpan[], reportedCommit: string | null): LiveSpan | null {
    const last = spans.at(-1) ?? null;
    const commit = reportedCommit ?? last?.commit ?? null;
    if (!commit) return null;
    let since: number | null = null;
    for (let i = spans.length - 1; i >= 0 && spans[i]!.commit === commit; i--) since = spans[i]!.since;
    return { environment: spans[0]?.environment ?? '', commit, since: since ?? last?.since ?? 0 };
  }

  return {
    async candidates(projectId: number, environment: string): Promise<ReleaseCandidate[]> {
      const { project, config } = ctx.configOf(projectId);
      ctx.environmentIn(config, environment);
      const path = project.path;
      const git = await readGitFacts(path);
      const pipelines = Object.entries(config.pipelines ?? {}).filter(([, p]) => !p.deploy);
      const ci = pipelines.find(([name]) => name === 'ci')?.[0] ?? pipelines[0]?.[0] ?? null;

      const tags = await runGit(path, [
        'for-each-ref',
        'refs/tags',
        '--sort=-creatordate',
        `--count=${MAX_TAGS}`,
        '--format=%(objectname) %(*objectname) %(refname:short)',
      ]);
      const versions = new Map<string, string>(); // commit → version
      for (const line of String(tags.stdout).split('\n').filter(Boolean)) {
        const [object, peeled, tag] = line.split(' ');
        const commit = peeled || object;
        if (commit && tag && !versions.has(commit)) versions.set(commit, tag);
      }
      const commits = new Set<string>(versions.keys());
      if (git?.headSha) commits.add(git.headSha);
      for (const release of ctx.builds.list(projectId)) commits.add(release.commit);

      const live = new Map<string, { environment: string; since: number | null }[]>();
      let here: LiveSpan[] = [];
      let currentHere: string | null = null;
      for (const env of config.environments ?? []) {
        const spans = await history(projectId, path, env.name);
        const reported = ctx.monitored(projectId, env.name)?.version ?? null;
        const recorded = ctx.repo.succeeded(projectId, env.name, 1)[0];
        const reportedCommit =
          reported && !(recorded && sameVersion(reported, recorded.version))
            ? await resolveVersion(path, reported)
            : null;
        const current = currentOf(spans, reportedCommit);
        if (current) {
          commits.add(current.commit);
          const list = live.get(current.commit) ?? [];
          list.push({ environment: env.name, since: current.since || null });
          live.set(current.commit, list);
        }
        if (env.name === environment) {
          here = spans;
          currentHere = current?.commit ?? null;
        }
      }
      for (const span of here) commits.add(span.commit);

      const shas = [...commits];
      const log = await runGit(path, [
        'log',
        '--no-walk=unsorted',
        '--format=%H%x00%s%x00%an%x00%ct',
        ...shas,
      ]);
      const facts = new Map<string, { subject: string; author: string; at: number }>();
      for (const line of String(log.stdout).split('\n').filter(Boolean)) {
        const [sha, subject, author, at] = line.split('\0');
        if (sha) facts.set(sha, { subject: subject ?? '', author: author ?? '', at: Number(at) * 1000 });
      }
      const candidates: ReleaseCandidate[] = [];
      for (const commit of shas) {
        const fact = facts.get(commit);
        if (!fact) continue; // not in this repository (any more)
        const release = ctx.builds.forCommit(projectId, commit);
        const run = ci ? ciRun.get(projectId, ci, commit) : undefined;
        candidates.push({
          version: versions.get(commit) ?? (await versionOfCommit(path, commit)),
          commit,
          subject: fact.subject,
          author: fact.author,
          committedAt: fact.at,
          ci: ci && run ? { pipeline: ci, runId: run.id, status: run.status } : null,
          liveIn: live.get(commit) ?? [],
          wasLiveHere: commit !== currentHere && here.some((span) => span.commit === commit),
          release: release ? { id: release.id, runId: release.runId, files: release.files.length } : null,
          head: commit === git?.headSha,
        });
      }
      // Newest first; commits made within the same second go by how deep in history they are.
      const depth = new Map<string, number>();
      await Promise.all(
        candidates.map(async (c) => {
          const count = await runGit(path, ['rev-list', '--count', c.commit]);
          depth.set(c.commit, Number(String(count.stdout).trim()) || 0);
        }),
      );
      return candidates.sort(
        (a, b) => b.committedAt - a.committedAt || (depth.get(b.commit) ?? 0) - (depth.get(a.commit) ?? 0),
      );
    },
  };
}
