// GitHub workflows end to end, parsed by GitHub's parser and judged by GitHub's evaluator: real git
// repositories, real shells, a real SQLite file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../../shared/domain/run.ts';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';
import { job, logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

const CI = `name: CI
on: push
env:
  LEVEL: workflow
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        node: [18, 20]
        os: [linux]
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - name: Versions for \${{ matrix.node }}
        id: version
        run: |
          echo "::group::Details of \${{ matrix.node }}"
          echo "level=$LEVEL node=\${{ matrix.node }}"
          echo "::endgroup::"
          echo "value=v\${{ matrix.node }}" >> "$GITHUB_OUTPUT"
          echo "FROM_STEP=carried" >> "$GITHUB_ENV"
      - run: echo "env says $FROM_STEP and \${{ steps.version.outputs.value }}"
      - if: failure()
        run: echo "never printed"
  report:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "test gave \${{ needs.test.outputs.version }} (\${{ needs.test.result }})"
          echo "### Report" >> "$GITHUB_STEP_SUMMARY"
          echo "::warning file=src/app.ts,line=3,col=5,title=Lint::Prefer const"
      - shell: python3 {0}
        run: |
          import os
          print("python sees", os.environ["GITHUB_JOB"])
`;

describe('the github source', () => {
  it('runs a workflow: matrix, needs with outputs, GITHUB_OUTPUT and GITHUB_ENV, groups, annotations and a summary', async () => {
    const { engine, projectId, project } = await projectWith({ '.github/workflows/ci.yml': CI });
    expect(project.configStatus).toBe('missing');
    const [info] = await engine.invoke('pipelines.list', { projectId });
    expect(info).toMatchObject({
      name: 'github/ci',
      source: { kind: 'github', file: '.github/workflows/ci.yml' },
      triggers: ['push'],
      problems: [],
    });

    const detail = await runToEnd(engine, projectId, 'github/ci');
    expect(detail.status).toBe('success');
    expect(detail.event).toBe('push');
    expect(detail.jobs.map((j) => [j.name, j.group, j.status])).toEqual([
      ['test (18, linux)', 'test', 'success'],
      ['test (20, linux)', 'test', 'success'],
      ['report', 'report', 'success'],
    ]);
    // max-parallel: 1 — one combination after the other.
    const [first, second] = [job(detail, 'test (18, linux)'), job(detail, 'test (20, linux)')];
    expect(second.startedAt!).toBeGreaterThanOrEqual(first.finishedAt!);

    const steps = first.attempts[0]!.steps;
    expect(steps.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['Versions for 18', 'success', null],
      ['Run echo "env says $FROM_STEP and ${{ steps.version.outputs.value }}"', 'success', null],
      ['Run echo "never printed"', 'skipped', 'if: failure() was false'],
    ]);
    expect(first.plannedSteps[0]!.location).toEqual({ file: '.github/workflows/ci.yml', line: 16, col: 9 });
    expect(first.location).toEqual({ file: '.github/workflows/ci.yml', line: 6, col: 3 });
    const log = await logOf(engine, detail, 'test (18, linux)');
    expect(log).toContain('level=workflow node=18');
    expect(log).toContain('env says carried and v18');
    const [group] = first.attempts[0]!.groups;
    expect(group).toMatchObject({ title: 'Details of 18', depth: 0 });
    expect(log[group!.firstLine]).toBe('::group::Details of 18');
    expect(log[group!.firstLine + 1]).toBe('level=workflow node=18');
    expect(first.outputs).toEqual({ version: 'v18' });

    const report = job(detail, 'report');
    const reportLog = await logOf(engine, detail, 'report');
    expect(reportLog).toContain('test gave v20 (success)');
    expect(reportLog).toContain('python sees report');
    expect(report.summary).toBe('### Report\n');
    expect(detail.annotations).toEqual([
      expect.objectContaining({
        job: 'report',
        level: 'warning',
        title: 'Lint',
        message: 'Prefer const',
        file: 'src/app.ts',
        line: 3,
        col: 5,
      }),
    ]);
  });

  it('skips on failure as GitHub does, and says why; failure() and always() steps and jobs still run', async () => {
    const { engine, projectId } = await projectWith({
      '.github/workflows/build.yaml': `on: [push, workflow_dispatch]
jobs:
  build:
    runs-on: x
    steps:
      - id: broken
        run: exit 4
      - run: echo after
      - if: failure()
        run: echo "cleanup after \${{ steps.broken.outcome }}"
  deploy:
    needs: build
    runs-on: x
    steps:
      - run: echo deploying
  notify:
    needs: build
    if: always() && github.ref == 'refs/heads/main'
    runs-on: x
    steps:
      - run: echo "build was \${{ needs.build.result }}"
`,
    });
    const detail = await runToEnd(engine, projectId, 'github/build');
    expect(detail.status).toBe('failed');
    const build = job(detail, 'build');
    expect(build.attempts[0]).toMatchObject({ status: 'failed', exitCode: 4 });
    expect(build.attempts[0]!.steps.map((s) => [s.status, s.reason])).toEqual([
      ['failed', null],
      ['skipped', 'an earlier step failed'],
      ['success', null],
    ]);
    expect(await logOf(engine, detail, 'build')).toContain('cleanup after failure');
    expect(job(detail, 'deploy')).toMatchObject({ status: 'skipped', reason: 'build failed' });
    expect(await logOf(engine, detail, 'notify')).toContain('build was failure'); // github.ref from the repository
  });

  it('gives inputs and outputs to shells only as environment variables, never as command text', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.github/workflows/release.yml': `on:
  workflow_dispatch:
    inputs:
      version:
        type: string
        default: "1.0"
      channel:
        type: choice
        options: [stable, beta]
        default: beta
jobs:
  tag:
    runs-on: x
    steps:
      - run: |
          echo "tagging \${{ inputs.version }} on '\${{ inputs.channel }}'"
`,
    });
    const [info] = await engine.invoke('pipelines.list', { projectId });
    expect(info!.params.map((p) => [p.name, p.type, p.default])).toEqual([
      ['version', 'string', '1.0'],
      ['channel', 'choice', 'beta'],
    ]);
    const detail = await runToEnd(engine, projectId, 'github/release', {
      event: 'workflow_dispatch',
      params: { version: '$(touch pwned)"; touch pwned2; echo "', channel: 'stable' },
    });
    expect(detail.status).toBe('success');
    expect(await logOf(engine, detail, 'tag')).toContain(
      `tagging $(touch pwned)"; touch pwned2; echo " on 'stable'`,
    );
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
    expect(existsSync(join(repo, 'pwned2'))).toBe(false);
    await expect(
      runToEnd(engine, projectId, 'github/release', { event: 'pull_request' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'github/release does not run on "pull_request" (on: workflow_dispatch).',
    });
  });

  it('shows a workflow that does not parse with the parser’s message at file:line:col', async () => {
    const { engine, repo, projectId, project } = await projectWith({
      '.github/workflows/ok.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ok\n',
      '.github/workflows/bad.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n',
    });
    const file = join(repo, '.github/workflows/bad.yml');
    expect(project.configProblems).toContainEqual({
      file,
      line: 5,
      col: 5,
      message: "Unexpected value 'stepz'",
    });
    const list = await engine.invoke('pipelines.list', { projectId });
    expect(list.map((p) => [p.name, p.problems.length])).toEqual([
      ['github/bad', 1],
      ['github/ok', 0],
    ]);
    await expect(engine.invoke('runs.start', { projectId, pipeline: 'github/bad' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(`${file}:5:5: Unexpected value 'stepz'`) as unknown,
    });
    expect((await runToEnd(engine, projectId, 'github/ok')).status).toBe('success');
  });

  it('runs always() jobs after a cancel, and a second cancel stops them too', async () => {
    const { engine, projectId } = await projectWith({
      '.github/workflows/slow.yml': `on: push
jobs:
  long:
    runs-on: x
    steps:
      - run: sleep 30
  cleanup:
    needs: long
    if: always()
    runs-on: x
    steps:
      - run: echo "cleaning after \${{ needs.long.result }}"; sleep 30
  deploy:
    needs: long
    runs-on: x
    steps:
      - run: echo deploying
`,
    });
    const run = await engine.invoke('runs.start', { projectId, pipeline: 'github/slow' });
    const until = async (check: (detail: RunDetail) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const detail = await engine.invoke('runs.get', { runId: run.id });
        if (check(detail)) return detail;
        await new Promise((wake) => setTimeout(wake, 50));
      }
      throw new Error('timed out waiting for the run');
    };
    await until((d) => job(d, 'long').attempts[0]?.steps[0]?.status === 'running');
    await engine.invoke('runs.cancel', { runId: run.id });
    await until((d) => job(d, 'cleanup').attempts[0]?.steps[0]?.status === 'running');
    await engine.invoke('runs.cancel', { runId: run.id });
    await engine.waitForRun(run.id);
    const detail = await engine.invoke('runs.get', { runId: run.id });
    expect(detail.status).toBe('cancelled');
    expect(job(detail, 'long').status).toBe('cancelled');
    expect(job(detail, 'cleanup').status).toBe('cancelled');
    expect(await logOf(engine, detail, 'cleanup')).toContain('cleaning after cancelled');
    expect(job(detail, 'deploy')).toMatchObject({ status: 'cancelled', reason: 'the run was cancelled' });
  });

  it('plans a matrix without running it, and selects a matrix job by its name', async () => {
    const { engine, projectId } = await projectWith({ '.github/workflows/ci.yml': CI });
    const plan = await engine.invoke('pipelines.plan', {
      projectId,
      pipeline: 'github/ci',
      jobs: ['report'],
      withNeeds: true,
    });
    expect(plan.waves).toEqual([['test (18, linux)', 'test (20, linux)'], ['report']]);
    expect(plan.jobs.map((j) => [j.id, j.group, j.needs])).toEqual([
      ['test (18, linux)', 'test', []],
      ['test (20, linux)', 'test', []],
      ['report', 'report', ['test (18, linux)', 'test (20, linux)']],
    ]);
    const only = await engine.invoke('pipelines.plan', { projectId, pipeline: 'github/ci', jobs: ['test'] });
    expect(only.jobs.map((j) => j.id)).toEqual(['test (18, linux)', 'test (20, linux)']);
  });
});
