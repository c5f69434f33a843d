// The trigger service against real git repositories and a manual clock: commits and cron times
// start exactly one run each, errors become state, and passes never overlap.
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../kernel/clock.ts';
import type { TriggerConfig } from '../../config/index.ts';
import { createMemoryLogger } from '../../kernel/diagnostics/logger.ts';
import { cleanupFixtures, git, gitRepo, tempDir, writeFiles } from '../../../testing/fixtures.ts';
import { gitBranchHead } from './git-head.ts';
import { createTriggerService, type TriggerDetail, type TriggerServiceOptions } from './trigger-service.ts';

afterEach(cleanupFixtures);

type Pipelines = Record<string, { triggers?: TriggerConfig[] }>;

function commit(repo: string, message: string, branch = 'main') {
  git(repo, 'checkout', '--quiet', branch);
  writeFiles(repo, { [`${message}.txt`]: message });
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--no-gpg-sign', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

function setup(pipelines: Record<number, Pipelines | null>, overrides: Partial<TriggerServiceOptions> = {}) {
  const clock = manualClock(Date.UTC(2026, 0, 1, 0, 0));
  const logger = createMemoryLogger();
  const started: { projectId: number; pipeline: string; trigger: string; detail: TriggerDetail }[] = [];
  const repos = new Map<number, string>();
  const config = { ...pipelines };
  const service = createTriggerService({
    clock,
    logger,
    timeZone: 'UTC',
    listProjects: () => [...repos].map(([id, path]) => ({ id, path })),
    loadPipelines: (id) => config[id] ?? null,
    startRun: (projectId, pipeline, trigger, detail) => {
      started.push({ projectId, pipeline, trigger, detail });
      return Promise.resolve({ id: started.length });
    },
    ...overrides,
  });
  return { service, clock, logger, started, repos, config };
}

describe('commit triggers', () => {
  it('starts exactly one run when the watched branch gets a commit, none on the first look', async () => {
    const repo = gitRepo();
    git(repo, 'branch', 'feature');
    const { service, started, repos } = setup({
      1: { ci: { triggers: ['manual', { commit: { branch: 'main' } }] }, nightly: { triggers: ['manual'] } },
    });
    repos.set(1, repo);

    await service.tick();
    expect(started).toEqual([]);
    const first = git(repo, 'rev-parse', 'main');
    expect(service.states()).toEqual([
      expect.objectContaining({ projectId: 1, pipeline: 'ci', kind: 'commit', spec: 'main', lastSha: first }),
    ]);

    commit(repo, 'on-feature', 'feature'); // another branch: nothing
    await service.tick();
    expect(started).toEqual([]);

    const sha = commit(repo, 'second', 'main');
    await service.tick();
    await service.tick();
    expect(started).toEqual([
      {
        projectId: 1,
        pipeline: 'ci',
        trigger: 'commit',
        detail: { kind: 'commit', branch: 'main', sha, previousSha: first },
      },
    ]);
    expect(service.states()[0]).toMatchObject({ lastSha: sha, lastError: null });
  });

  it('runs when a watched branch appears after the first look, not when it disappears', async () => {
    const repo = gitRepo();
    const { service, started, repos } = setup({
      1: { release: { triggers: [{ commit: { branch: 'release' } }] } },
    });
    repos.set(1, repo);
    await service.tick();
    expect(service.states()[0]).toMatchObject({ lastSha: null, lastError: null });

    git(repo, 'branch', 'release');
    await service.tick();
    expect(started).toHaveLength(1);

    git(repo, 'branch', '-D', 'release');
    await service.tick();
    expect(started).toHaveLength(1);
  });

  it('keeps a git failure as the trigger’s error, logs it once, and carries on with other projects', async () => {
    const good = gitRepo();
    const notARepo = tempDir();
    const { service, started, repos, logger } = setup({
      1: { ci: { triggers: [{ commit: { branch: 'main' } }] } },
      2: { ci: { triggers: [{ commit: { branch: 'main' } }] } },
    });
    repos.set(1, notARepo);
    repos.set(2, good);
    await service.tick();
    await service.tick();
    commit(good, 'next');
    await service.tick();

    expect(started.map((run) => run.projectId)).toEqual([2]);
    const broken = service.states().find((state) => state.projectId === 1)!;
    expect(broken.lastError?.message).toMatch(/cannot read branch "main" in .*not a git repository/);
    expect(
      logger.lines.filter((line) => line.includes('commit trigger of pipeline "ci" failed')),
    ).toHaveLength(1);
  });

  it('records a refused run as the trigger’s error until a later run starts', async () => {
    const repo = gitRepo();
    let refuse = true;
    const { service, repos } = setup(
      { 1: { ci: { triggers: [{ commit: { branch: 'main' } }] } } },
      {
        startRun: () =>
          refuse ? Promise.reject(new Error('missing secret DEPLOY_TOKEN')) : Promise.resolve(undefined),
      },
    );
    repos.set(1, repo);
    await service.tick();
    commit(repo, 'a');
    await service.tick();
    expect(service.states()[0]!.lastError?.message).toBe('missing secret DEPLOY_TOKEN');
    await service.tick(); // a successful look at the branch does not hide a refused run
    expect(service.states()[0]!.lastError?.message).toBe('missing secret DEPLOY_TOKEN');

    refuse = false;
    commit(repo, 'b');
    await service.tick();
    expect(service.states()[0]!.lastError).toBeNull();
  });

  it('looks at a project added during a pass once that pass is over, so its next commit runs', async () => {
    const first = gitRepo();
    const added = gitRepo();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, started, repos } = setup(
      {
        1: { ci: { triggers: [{ commit: { branch: 'main' } }] } },
        2: { ci: { triggers: [{ commit: { branch: 'main' } }] } },
      },
      {
        gitHead: async (path, branch) => {
          await gate;
          return gitBranchHead(path, branch);
        },
      },
    );
    repos.set(1, first);
    const pass = service.tick(); // under way, listed only project 1
    repos.set(2, added);
    const look = service.lookNow();
    release();
    await Promise.all([pass, look]);
    expect(service.states().map((state) => state.projectId)).toEqual([1, 2]);
    const sha = commit(added, 'right after adding');
    await service.tick();
    expect(
      started.map((run) => [run.projectId, run.detail.kind === 'commit' ? run.detail.sha : null]),
    ).toEqual([[2, sha]]);
  });

  it('never overlaps itself: a tick during a pass shares it', async () => {
    const repo = gitRepo();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, repos } = setup(
      { 1: { ci: { triggers: [{ commit: { branch: 'main' } }] } } },
      {
        gitHead: async (path, branch) => {
          calls += 1;
          await gate;
          return gitBranchHead(path, branch);
        },
      },
    );
    repos.set(1, repo);
    const first = service.tick();
    const second = service.tick();
    expect(second).toBe(first);
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
  });

  it('pauses a project whose cockpit.yml is broken and forgets triggers that were removed', async () => {
    const repo = gitRepo();
    const { service, started, repos, config } = setup({
      1: { ci: { triggers: [{ commit: { branch: 'main' } }] } },
    });
    repos.set(1, repo);
    await service.tick();

    config[1] = null; // invalid config: no runs, but the last sha is kept
    const sha = commit(repo, 'while-broken');
    await service.tick();
    expect(started).toEqual([]);

    config[1] = { ci: { triggers: [{ commit: { branch: 'main' } }] } };
    await service.tick();
    expect(started.map((run) => run.detail)).toEqual([expect.objectContaining({ sha })]);

    config[1] = { ci: { triggers: ['manual'] } };
    await service.tick();
    expect(service.states()).toEqual([]);
    repos.delete(1);
    await service.tick();
    expect(service.states()).toEqual([]);
  });

  it('polls on its own once started, and starts nothing after stop', async () => {
    const repo = gitRepo();
    let onRun!: () => void;
    const ran = new Promise<void>((resolve) => (onRun = resolve));
    const { service, started, repos } = setup(
      { 1: { ci: { triggers: [{ commit: { branch: 'main' } }] } } },
      {
        pollMs: 10,
        startRun: (projectId, pipeline, trigger, detail) => {
          started.push({ projectId, pipeline, trigger, detail });
          onRun();
          return Promise.resolve(undefined);
        },
      },
    );
    repos.set(1, repo);
    service.start();
    await service.tick(); // the first look, made by start()
    commit(repo, 'next');
    await ran;
    service.stop();
    commit(repo, 'after-stop');
    await service.tick();
    expect(started).toHaveLength(1);
  });
});

describe('cron triggers', () => {
  it('starts one run when the clock passes the fire time, and one only after a sleep', async () => {
    const { service, clock, started, repos } = setup({
      1: { nightly: { triggers: [{ cron: '*/15 * * * *' }] } },
    });
    repos.set(1, tempDir());

    await service.tick();
    expect(service.states()[0]).toMatchObject({ kind: 'cron', nextRunAt: Date.UTC(2026, 0, 1, 0, 15) });
    clock.advance(14 * 60_000);
    await service.tick();
    expect(started).toEqual([]);

    clock.advance(60_000);
    await service.tick();
    await service.tick();
    expect(started).toEqual([
      {
        projectId: 1,
        pipeline: 'nightly',
        trigger: 'cron',
        detail: { kind: 'cron', cron: '*/15 * * * *', scheduledAt: Date.UTC(2026, 0, 1, 0, 15) },
      },
    ]);

    // The machine sleeps for three hours and twelve minutes: one run on waking, then on schedule.
    clock.advance(3 * 3_600_000 + 12 * 60_000 + 5_000);
    await service.tick();
    expect(started).toHaveLength(2);
    expect(service.states()[0]).toMatchObject({ nextRunAt: Date.UTC(2026, 0, 1, 3, 30) });
    clock.set(Date.UTC(2026, 0, 1, 3, 30));
    await service.tick();
    expect(started).toHaveLength(3);
  });

  it('keeps a bad expression as the trigger’s error without stopping the others', async () => {
    const { service, clock, started, repos } = setup({
      1: { broken: { triggers: [{ cron: '61 * * * *' }] }, hourly: { triggers: [{ cron: '0 * * * *' }] } },
    });
    repos.set(1, tempDir());
    await service.tick();
    clock.advance(3_600_000);
    await service.tick();
    expect(started.map((run) => run.pipeline)).toEqual(['hourly']);
    const broken = service.states().find((state) => state.pipeline === 'broken')!;
    expect(broken).toMatchObject({ nextRunAt: null });
    expect(broken.lastError?.message).toMatch(/minute field "61": 61 is out of range 0-59/);
  });
});

describe('gitBranchHead', () => {
  it('reads a branch, answers null for a missing one, and throws outside a repository', async () => {
    const repo = gitRepo();
    expect(await gitBranchHead(repo, 'main')).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(await gitBranchHead(repo, 'nope')).toBeNull();
    await expect(gitBranchHead(tempDir(), 'main')).rejects.toThrow(/not a git repository/);
  });
});
