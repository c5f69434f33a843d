// Runs real pipelines: real shells and process trees, a real SQLite file, the real clock.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../shared/domain/run.ts';
import { systemClock } from '../kernel/clock.ts';
import { cleanupFixtures, git, gitRepo, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

async function projectWith(pipelines: string, options: { maxParallel?: number; killGraceMs?: number } = {}) {
  const engine = testEngine({
    clock: systemClock,
    killGraceMs: options.killGraceMs ?? 500,
    maxParallel: options.maxParallel,
  });
  const repo = gitRepo({ 'cockpit.yml': `version: 1\npipelines:\n${pipelines}` });
  const project = await engine.invoke('projects.add', { path: repo });
  expect(project.configStatus).toBe('ok');
  return { engine, repo, projectId: project.id };
}

async function runToEnd(
  engine: Awaited<ReturnType<typeof projectWith>>['engine'],
  projectId: number,
  pipeline: string,
  extra: object = {},
) {
  const run = await engine.invoke('runs.start', { projectId, pipeline, ...extra });
  await engine.waitForRun(run.id);
  return engine.invoke('runs.get', { runId: run.id });
}

function job(detail: RunDetail, name: string) {
  const found = detail.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

async function logText(engine: Awaited<ReturnType<typeof projectWith>>['engine'], attemptId: number) {
  const page = await engine.invoke('runs.logPage', { attemptId, fromLine: 0, count: 5000 });
  return page.lines.map((line) => line.text).join('\n');
}

describe('run service', () => {
  it('runs jobs after their needs, records the run, and stores each job log', async () => {
    const { engine, repo, projectId } = await projectWith(`  ci:
    jobs:
      first: { run: "echo one >> order.txt" }
      left: { run: "echo two >> order.txt", needs: first }
      right: { run: "echo two >> order.txt", needs: first }
      last: { run: "echo three >> order.txt && echo done", needs: [left, right] }
`);
    const detail = await runToEnd(engine, projectId, 'ci');
    expect(detail.status).toBe('success');
    expect(detail.trigger).toBe('manual');
    expect(detail.git).toMatchObject({ branch: 'main', dirty: false });
    expect(detail.actor.length).toBeGreaterThan(0);
    expect(detail.waves).toEqual([['first'], ['left', 'right'], ['last']]);
    expect(readFileSync(join(repo, 'order.txt'), 'utf8')).toBe('one\ntwo\ntwo\nthree\n');
    for (const name of ['left', 'right']) {
      expect(job(detail, name).startedAt!).toBeGreaterThanOrEqual(job(detail, 'first').finishedAt!);
      expect(job(detail, 'last').startedAt!).toBeGreaterThanOrEqual(job(detail, name).finishedAt!);
    }
    const last = job(detail, 'last');
    expect(last.attempts).toHaveLength(1);
    expect(last.attempts[0]).toMatchObject({ status: 'success', exitCode: 0 });
    expect(await logText(engine, last.attempts[0]!.id)).toContain('done');
  });

  it('never runs more jobs at once than the concurrency limit', async () => {
    const { engine, projectId } = await projectWith(`  wide:
    concurrency: 2
    jobs:
${['a', 'b', 'c', 'd', 'e'].map((name) => `      ${name}: { run: "sleep 0.3" }`).join('\n')}
`);
    const detail = await runToEnd(engine, projectId, 'wide');
    expect(detail.status).toBe('success');
    const events = detail.jobs.flatMap((j) => [
      { at: j.startedAt!, delta: 1 },
      { at: j.finishedAt!, delta: -1 },
    ]);
    events.sort((x, y) => x.at - y.at || x.delta - y.delta);
    let running = 0;
    let peak = 0;
    for (const event of events) peak = Math.max(peak, (running += event.delta));
    expect(peak).toBe(2);
  });

  it('follows if: success / failure / always and continue_on_error', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      broken: { run: "exit 3" }
      tolerated: { run: "exit 4", continue_on_error: true }
      after-broken: { run: "true", needs: broken }
      on-failure: { run: "echo cleaning up", needs: broken, if: failure }
      always: { run: "true", needs: broken, if: always }
      after-tolerated: { run: "true", needs: tolerated }
`);
    const detail = await runToEnd(engine, projectId, 'ci');
    expect(detail.status).toBe('failed');
    expect(Object.fromEntries(detail.jobs.map((j) => [j.name, j.status]))).toEqual({
      broken: 'failed',
      tolerated: 'failed',
      'after-broken': 'skipped',
      'on-failure': 'success',
      always: 'success',
      'after-tolerated': 'success',
    });
    expect(job(detail, 'broken').attempts[0]!.exitCode).toBe(3);
  });

  it('retries failed attempts as separate attempts with their own logs, only on listed exit codes', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      flaky:
        run: 'echo "attempt $COCKPIT_ATTEMPT"; [ "$COCKPIT_ATTEMPT" -ge 3 ] || exit 75'
        retry: { count: 3, on_exit_codes: [75] }
      hard-failure:
        run: 'echo "attempt $COCKPIT_ATTEMPT"; exit 1'
        retry: { count: 3, on_exit_codes: [75] }
`);
    const detail = await runToEnd(engine, projectId, 'ci');
    const flaky = job(detail, 'flaky');
    expect(flaky.status).toBe('success');
    expect(flaky.attempts.map((a) => [a.number, a.status, a.exitCode])).toEqual([
      [1, 'failed', 75],
      [2, 'failed', 75],
      [3, 'success', 0],
    ]);
    expect(await logText(engine, flaky.attempts[1]!.id)).toContain('attempt 2');
    expect(await logText(engine, flaky.attempts[1]!.id)).not.toContain('attempt 3');
    expect(job(detail, 'hard-failure').attempts).toHaveLength(1);
  });

  it('times a job out, killing its process tree, and marks the run timed_out', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      slow: { run: "sleep 30", timeout: 1s }
`);
    const started = Date.now();
    const detail = await runToEnd(engine, projectId, 'ci');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(detail.status).toBe('timed_out');
    expect(job(detail, 'slow').status).toBe('timed_out');
    expect(await logText(engine, job(detail, 'slow').attempts[0]!.id)).toMatch(/Timed out after 1\.0s/);
  });

  it('cancels a run: running jobs are killed with their children, pending ones never start', async () => {
    const { engine, repo, projectId } = await projectWith(`  ci:
    jobs:
      long: { run: 'sleep 300 & echo $! > grandchild.pid; wait' }
      later: { run: "touch later-ran", needs: long }
`);
    const run = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await expect.poll(() => existsSync(join(repo, 'grandchild.pid')), { timeout: 10_000 }).toBe(true);
    await engine.invoke('runs.cancel', { runId: run.id });
    await engine.waitForRun(run.id);
    const detail = await engine.invoke('runs.get', { runId: run.id });
    expect(detail.status).toBe('cancelled');
    expect(job(detail, 'long').status).toBe('cancelled');
    expect(job(detail, 'later').status).toBe('cancelled');
    expect(existsSync(join(repo, 'later-ran'))).toBe(false);
    const pid = Number(readFileSync(join(repo, 'grandchild.pid'), 'utf8'));
    await expect.poll(() => isAlive(pid), { timeout: 5000 }).toBe(false);
  });

  it('passes params with shell metacharacters verbatim and harmlessly, as env vars only', async () => {
    const marker = join(tempDir(), 'pwned');
    const { engine, repo, projectId } = await projectWith(`  ci:
    params:
      message: { type: string }
    jobs:
      echo: { run: 'printf "%s" "$COCKPIT_PARAM_MESSAGE" > message.txt' }
`);
    const nasty = `$(touch ${marker}); \`touch ${marker}\` "double" 'single' \\ back\nnew line; rm -rf /`;
    const detail = await runToEnd(engine, projectId, 'ci', { params: { message: nasty } });
    expect(detail.status).toBe('success');
    expect(detail.params).toEqual({ message: nasty });
    expect(readFileSync(join(repo, 'message.txt'), 'utf8')).toBe(nasty);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses bad params, unknown pipelines and jobs before starting anything', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    params:
      target: { type: choice, options: [a, b] }
    jobs:
      x: { run: "true" }
`);
    await expect(
      engine.invoke('runs.start', { projectId, pipeline: 'ci', params: { target: 'c' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(engine.invoke('runs.start', { projectId, pipeline: 'cd' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      engine.invoke('runs.start', { projectId, pipeline: 'ci', params: { target: 'a' }, jobs: ['nope'] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"nope"') as string });
    expect(await engine.invoke('runs.list', { projectId })).toEqual([]);
  });

  it('keeps artifacts in the data directory with their hashes', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      build:
        run: mkdir -p dist && printf hello > dist/app.txt && printf x > dist/skip.log
        artifacts: ["dist/*.txt"]
`);
    const detail = await runToEnd(engine, projectId, 'ci');
    expect(job(detail, 'build').artifacts).toEqual([
      {
        id: expect.any(Number) as number,
        path: 'dist/app.txt',
        size: 5,
        sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        removed: null,
        available: true,
      },
    ]);
    const dataDir = engine.info().dataDir;
    expect(
      readFileSync(join(dataDir, 'artifacts', String(detail.id), 'build', 'dist', 'app.txt'), 'utf8'),
    ).toBe('hello');
  });

  it('re-runs only the failed jobs when asked', async () => {
    const { engine, repo, projectId } = await projectWith(`  ci:
    jobs:
      ok: { run: "echo ok >> ran.txt" }
      flaky: { run: 'echo flaky >> ran.txt; [ -f fixed ] || exit 1' }
`);
    const first = await runToEnd(engine, projectId, 'ci');
    expect(first.status).toBe('failed');
    await import('node:fs').then((fs) => fs.writeFileSync(join(repo, 'fixed'), ''));
    const rerun = await engine.invoke('runs.rerun', { runId: first.id, failedOnly: true });
    await engine.waitForRun(rerun.id);
    const second = await engine.invoke('runs.get', { runId: rerun.id });
    expect(second).toMatchObject({ status: 'success', trigger: 'rerun', rerunOf: first.id });
    // The graph shows the whole pipeline: ok was not run again, and is marked reused from the first run.
    expect(second.jobs.map((j) => [j.name, j.status, j.reusedFrom])).toEqual([
      ['ok', 'success', first.id],
      ['flaky', 'success', null],
    ]);
    expect(readFileSync(join(repo, 'ran.txt'), 'utf8')).toBe('ok\nflaky\nflaky\n');
  });

  it('shows a re-run of a re-run with every job, reused ones from the run that last ran them, wired by needs', async () => {
    const { engine, repo, projectId } = await projectWith(`  ci:
    jobs:
      build: { run: "true" }
      test: { run: '[ -f fixed ] || exit 1', needs: build }
      lint: { run: '[ -f linted ] || exit 1', needs: build }
      ship: { run: "true", needs: [test, lint] }
`);
    const first = await runToEnd(engine, projectId, 'ci');
    const fs = await import('node:fs');
    fs.writeFileSync(join(repo, 'fixed'), '');
    const second = await engine.invoke('runs.rerun', { runId: first.id, failedOnly: true });
    await engine.waitForRun(second.id);
    fs.writeFileSync(join(repo, 'linted'), '');
    const third = await engine.invoke('runs.rerun', { runId: second.id, failedOnly: true });
    await engine.waitForRun(third.id);
    const detail = await engine.invoke('runs.get', { runId: third.id });
    expect(detail.jobs.map((j) => [j.name, j.status, j.reusedFrom])).toEqual([
      ['build', 'success', first.id],
      ['test', 'success', second.id],
      ['lint', 'success', null],
      ['ship', 'success', null],
    ]);
    expect(detail.waves).toEqual([['build'], ['test', 'lint'], ['ship']]);
    expect(job(detail, 'lint').needs).toEqual(['build']);
  });

  it('echoes a run: | block line by line, without a stray "$ " for its final newline', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      block:
        run: |
          echo one
          echo two
`);
    const detail = await runToEnd(engine, projectId, 'ci');
    const page = await engine.invoke('runs.logPage', {
      attemptId: job(detail, 'block').attempts[0]!.id,
      fromLine: 0,
      count: 100,
    });
    const commands = page.lines.filter((line) => line.stream === 'system' && line.text.startsWith('$'));
    expect(commands.map((line) => line.text)).toEqual(['$ echo one', '$ echo two']);
  });

  it('lists pipelines with their last runs and a plan', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    description: the usual
    jobs:
      a: { run: "true" }
      b: { run: "true", needs: a }
`);
    await runToEnd(engine, projectId, 'ci');
    const [info] = await engine.invoke('pipelines.list', { projectId });
    expect(info).toMatchObject({
      name: 'ci',
      description: 'the usual',
      waves: [['a'], ['b']],
      triggers: ['manual'],
    });
    expect(info!.lastRun?.status).toBe('success');
    expect(info!.recentRuns).toHaveLength(1);
    expect(
      await engine.invoke('pipelines.plan', { projectId, pipeline: 'ci', jobs: ['b'], withNeeds: true }),
    ).toMatchObject({
      waves: [['a'], ['b']],
      source: { kind: 'cockpit', file: 'cockpit.yml' },
      params: {},
    });
  });

  it('checks a dry run exactly as a run: the same params errors, the same missing secrets, nothing started', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    params:
      target: { type: choice, options: [staging, production] }
      count: { type: string, pattern: '[0-9]+' }
    jobs:
      a: { run: "true", secrets: [API_TOKEN] }
`);
    const request = { projectId, pipeline: 'ci', params: { target: 'prod', count: 'x', extra: 'y' } };
    const errorOf = async (call: Promise<unknown>) => {
      try {
        await call;
        return null;
      } catch (error) {
        return (error as Error & { code: string }).code + ': ' + (error as Error).message;
      }
    };
    const dry = await errorOf(engine.invoke('pipelines.plan', request));
    const real = await errorOf(engine.invoke('runs.start', request));
    expect(dry).toMatch(
      /^BAD_REQUEST: .*unknown param "extra".*must be one of staging, production.*must match/,
    );
    expect(dry).toBe(real);
    const valid = { projectId, pipeline: 'ci', params: { target: 'staging', count: '3' } };
    const missing = await errorOf(engine.invoke('pipelines.plan', valid));
    expect(missing).toMatch(/API_TOKEN/);
    expect(missing).toBe(await errorOf(engine.invoke('runs.start', valid)));
    expect(await engine.invoke('runs.list', { projectId })).toEqual([]);
    await engine.invoke('secrets.set', { projectId, name: 'API_TOKEN', value: 'a-long-enough-token' });
    expect(await engine.invoke('pipelines.plan', valid)).toMatchObject({
      waves: [['a']],
      params: { target: 'staging', count: '3' },
    });
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('run service, defended edges', () => {
  it('masks a secret replaced while the run is going: every job uses the value read at start', async () => {
    const { engine, repo, projectId } = await projectWith(`  ci:
    jobs:
      first: { run: 'sleep 1' }
      second: { run: 'echo "token=$API_TOKEN"', needs: first, secrets: [API_TOKEN] }
`);
    await engine.invoke('secrets.set', { projectId, name: 'API_TOKEN', value: 'original-secret-value' });
    const run = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    await engine.invoke('secrets.set', { projectId, name: 'API_TOKEN', value: 'rotated-secret-value' });
    await engine.waitForRun(run.id);
    const detail = await engine.invoke('runs.get', { runId: run.id });
    const text = await logText(engine, job(detail, 'second').attempts[0]!.id);
    expect(text).toContain('token=***');
    expect(text).not.toMatch(/original-secret-value|rotated-secret-value/);
    expect(repo).toBeTruthy();
  });

  it('keeps artifacts inside the working directory only: symlinks are not followed; a trailing slash is fine', async () => {
    const outside = join(tempDir(), 'id_rsa');
    await import('node:fs').then((fs) => fs.writeFileSync(outside, 'PRIVATE KEY'));
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      build:
        working_directory: sub/
        run: mkdir -p dist && printf ok > dist/app.txt && ln -s ${outside} dist/key && ln -s .. dist/up
        artifacts: ["dist/**"]
`);
    await import('node:fs').then(async (fs) =>
      fs.mkdirSync(join((await engine.invoke('projects.list', {}))[0]!.path, 'sub')),
    );
    const detail = await runToEnd(engine, projectId, 'ci');
    expect(detail.status).toBe('success');
    expect(job(detail, 'build').artifacts.map((a) => a.path)).toEqual(['dist/app.txt']);
  });

  it('does not mistake object built-ins for pipelines or jobs', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      a: { run: "true" }
`);
    await expect(engine.invoke('runs.start', { projectId, pipeline: 'constructor' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      engine.invoke('runs.start', { projectId, pipeline: 'ci', jobs: ['constructor'] }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses secret names that would change how every program runs', async () => {
    const { engine, projectId } = await projectWith(`  ci:
    jobs:
      a: { run: "true" }
`);
    for (const name of ['PATH', 'BASH_ENV', 'COCKPIT_RUN_ID']) {
      await expect(
        engine.invoke('secrets.set', { projectId, name, value: 'long-enough-value' }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
  });
});

describe('run service, runs of a commit', () => {
  // The job says which config, files and commit it sees; the artifact proves where it was collected.
  const config = (which: string) => `version: 1
pipelines:
  build:
    triggers:
      - commit: { branch: main }
    jobs:
      show:
        run: |
          echo "config=${which} version=$(cat version.txt) head=$(git rev-parse HEAD)"
          echo "dir=$PWD"
          mkdir -p dist && cat version.txt > dist/version.txt
        artifacts: ["dist/version.txt"]
`;

  it('builds the commit a trigger saw in a worktree, leaving the checked-out branch alone', async () => {
    const engine = testEngine({ clock: systemClock, killGraceMs: 500 });
    const repo = gitRepo({ 'cockpit.yml': config('main'), 'version.txt': 'v1\n' });
    // The user works on feature, with other files, a modified file and an untracked one.
    git(repo, 'checkout', '--quiet', '-b', 'feature');
    writeFiles(repo, { 'cockpit.yml': config('feature'), 'version.txt': 'feature\n' });
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-am', 'feature work');
    writeFiles(repo, { 'version.txt': 'dirty\n', 'scratch.txt': 'untracked\n' });
    const checkout = () => ({
      branch: git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'),
      head: git(repo, 'rev-parse', 'HEAD'),
      status: git(repo, 'status', '--porcelain=v1', '--untracked-files=all'),
      version: readFileSync(join(repo, 'version.txt'), 'utf8'),
    });
    const before = checkout();
    expect(before.status).toBe('M version.txt\n?? scratch.txt');
    const project = await engine.invoke('projects.add', { path: repo });
    engine.startBackgroundWork();
    // The trigger's first look (right at start) only notes main; the next one, 5 s later, sees v2.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // v2 lands on main from elsewhere (a push), as main is not checked out here.
    const other = join(tempDir(), 'other');
    git(tempDir(), 'clone', '--quiet', '--branch', 'main', repo, other);
    writeFiles(other, { 'version.txt': 'v2\n' });
    git(other, 'commit', '--quiet', '--no-gpg-sign', '-am', 'v2');
    const v2 = git(other, 'rev-parse', 'HEAD');
    git(other, 'push', '--quiet', 'origin', 'main');

    let runId = 0;
    await expect
      .poll(
        async () => {
          const runs = await engine.invoke('runs.list', { projectId: project.id });
          runId = runs[0]?.id ?? 0;
          return runs.length;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);
    await engine.waitForRun(runId);
    const detail = await engine.invoke('runs.get', { runId });
    expect(detail.status).toBe('success');
    expect(detail.trigger).toBe('commit');
    expect(detail.git).toEqual({ sha: v2, branch: 'main', dirty: false });
    const text = await logText(engine, job(detail, 'show').attempts[0]!.id);
    expect(text).toContain(`config=main version=v2 head=${v2}`);
    const worktrees = join(engine.info().dataDir, 'worktrees');
    expect(text).toContain(`dir=${worktrees}`);
    expect(job(detail, 'show').artifacts.map((a) => a.path)).toEqual(['dist/version.txt']);
    expect(
      readFileSync(
        join(engine.info().dataDir, 'artifacts', String(runId), 'show', 'dist', 'version.txt'),
        'utf8',
      ),
    ).toBe('v2\n');

    // The user's checkout is as it was, the job wrote nothing there, and no worktree is left.
    expect(checkout()).toEqual(before);
    expect(readFileSync(join(repo, 'scratch.txt'), 'utf8')).toBe('untracked\n');
    expect(existsSync(join(repo, 'dist'))).toBe(false);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(readdirSync(worktrees)).toEqual([]);
  });
});
