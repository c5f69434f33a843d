// GitLab job control and job data: needs (optional, artifacts: false), dependencies, parallel and
// parallel: matrix, delayed jobs, allow_failure: exit_codes, timeout, retry, artifacts (paths,
// exclude, when, reports: dotenv) and the local cache. Real git repositories, real shells.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../../shared/domain/run.ts';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';

import {
  projectWith as projectOf,
  runToEnd as runPipeline,
  type TestEngine,
} from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

async function projectWith(files: Record<string, string>) {
  const made = await projectOf(files);
  expect(made.project.configProblems).toEqual([]);
  return made;
}

const runToEnd = (engine: TestEngine, projectId: number) => runPipeline(engine, projectId, 'gitlab');

const statuses = (detail: RunDetail) => Object.fromEntries(detail.jobs.map((j) => [j.name, j.status]));
const jobOf = (detail: RunDetail, name: string) => detail.jobs.find((j) => j.name === name)!;
const lines = (repo: string, file = 'out.txt') =>
  readFileSync(join(repo, file), 'utf8').trim().split('\n').sort();

describe('gitlab job control', () => {
  it('expands parallel: N and parallel: matrix with GitLab names, and needs them all or one combination', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.gitlab-ci.yml': `shard:
  stage: build
  parallel: 2
  script: echo "shard $CI_NODE_INDEX/$CI_NODE_TOTAL" >> out.txt
deploy:
  stage: build
  parallel:
    matrix:
      - PROVIDER: aws
        REGION: [eu, us]
      - PROVIDER: gcp
  script: echo "deploy $PROVIDER $REGION $CI_JOB_NAME" >> out.txt
after-eu:
  stage: test
  needs:
    - job: deploy
      parallel:
        matrix:
          - PROVIDER: aws
            REGION: eu
  script: echo after-eu >> out.txt
after-all:
  stage: test
  needs: [shard, deploy]
  script: echo after-all >> out.txt
`,
    });
    const plan = await engine.invoke('pipelines.plan', { projectId, pipeline: 'gitlab' });
    expect(plan.jobs.map((j) => [j.id, j.needs])).toEqual([
      ['shard 1/2', []],
      ['shard 2/2', []],
      ['deploy: [aws, eu]', []],
      ['deploy: [aws, us]', []],
      ['deploy: [gcp]', []],
      ['after-eu', ['deploy: [aws, eu]']],
      ['after-all', ['shard 1/2', 'shard 2/2', 'deploy: [aws, eu]', 'deploy: [aws, us]', 'deploy: [gcp]']],
    ]);
    const detail = await runToEnd(engine, projectId);
    expect(detail.status).toBe('success');
    expect(lines(repo)).toEqual(
      [
        'shard 1/2',
        'shard 2/2',
        'deploy aws eu deploy: [aws, eu]',
        'deploy aws us deploy: [aws, us]',
        'deploy gcp  deploy: [gcp]',
        'after-eu',
        'after-all',
      ].sort(),
    );
  });

  it('allows failures by exit code, retries, times out, waits start_in, and honours optional needs', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.gitlab-ci.yml': `allowed:
  stage: build
  allow_failure:
    exit_codes: [3, 4]
  script: exit 3
flaky:
  stage: build
  retry:
    max: 2
    when: script_failure
  script:
    - echo try >> tries.txt
    - test $(wc -l < tries.txt) -ge 2
slow:
  stage: build
  timeout: 1s
  allow_failure: true
  script: sleep 20
delayed:
  stage: build
  when: delayed
  start_in: 1 second
  script: echo delayed >> out.txt
optional-need:
  stage: test
  needs:
    - job: only-on-tags
      optional: true
    - job: delayed
  script: echo optional-need >> out.txt
only-on-tags:
  stage: build
  rules:
    - if: $CI_COMMIT_TAG
  script: echo tag
`,
    });
    const detail = await runToEnd(engine, projectId);
    expect(statuses(detail)).toMatchObject({
      allowed: 'failed',
      flaky: 'success',
      slow: 'timed_out',
      delayed: 'success',
      'optional-need': 'success',
      'only-on-tags': 'skipped',
    });
    expect(jobOf(detail, 'flaky').attempts).toHaveLength(2);
    expect(jobOf(detail, 'delayed').attempts[0]!.steps.map((s) => s.name)).toEqual([
      'start_in: waits 1 s',
      'script',
    ]);
    expect(jobOf(detail, 'optional-need').needs).toEqual(['delayed']);
    expect(detail.status).toBe('success'); // exit 3 is allowed, and slow may fail
    expect(lines(repo)).toEqual(['delayed', 'optional-need']);
    const other = await projectWith({
      '.gitlab-ci.yml':
        'job:\n  allow_failure:\n    exit_codes: 4\n  script: exit 5\nlater:\n  stage: deploy\n  script: "true"\n',
    });
    const failed = await runToEnd(other.engine, other.projectId);
    expect(failed.status).toBe('failed');
    expect(statuses(failed)).toEqual({ job: 'failed', later: 'skipped' });
  });

  it('cancels an older run of the pipeline when a newer one starts and only interruptible jobs have started', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.gitlab-ci.yml': `wait:
  interruptible: true
  script:
    - touch "started-$CI_PIPELINE_ID"
    - sleep 30
`,
    });
    const older = await engine.invoke('runs.start', { projectId, pipeline: 'gitlab' });
    while (!existsSync(join(repo, `started-${older.id}`))) await new Promise((r) => setTimeout(r, 50));
    const newer = await engine.invoke('runs.start', { projectId, pipeline: 'gitlab' });
    expect((await engine.waitForRun(older.id)).status).toBe('cancelled');
    await engine.invoke('runs.cancel', { runId: newer.id });
    await engine.waitForRun(newer.id);

    const kept = await projectWith({
      '.gitlab-ci.yml': 'wait:\n  script:\n    - touch "started-$CI_PIPELINE_ID"\n    - sleep 2\n',
    });
    const first = await kept.engine.invoke('runs.start', { projectId: kept.projectId, pipeline: 'gitlab' });
    while (!existsSync(join(kept.repo, `started-${first.id}`))) await new Promise((r) => setTimeout(r, 50));
    const second = await kept.engine.invoke('runs.start', { projectId: kept.projectId, pipeline: 'gitlab' });
    expect((await kept.engine.waitForRun(first.id)).status).toBe('success');
    expect((await kept.engine.waitForRun(second.id)).status).toBe('success');
  });
});

describe('gitlab artifacts and cache', () => {
  it('keeps artifacts (paths, exclude, when), passes dotenv reports to later jobs unless artifacts: false or dependencies say not', async () => {
    const { engine, projectId } = await projectWith({
      '.gitlab-ci.yml': `build:
  stage: build
  script:
    - mkdir -p dist/logs
    - echo app > dist/app.js
    - echo noise > dist/logs/debug.log
    - echo "VERSION=1.2.3" > build.env
    - echo "# a comment" >> build.env
    - echo "CHANNEL='beta'" >> build.env
  artifacts:
    paths: [dist/]
    exclude: ["dist/logs/**"]
    reports:
      dotenv: build.env
broken:
  stage: build
  script:
    - echo "why it failed" > failure.txt
    - exit 1
  allow_failure: true
  artifacts:
    when: on_failure
    paths: [failure.txt]
reads:
  stage: test
  script: echo "version=$VERSION channel=$CHANNEL" > reads.txt
no-artifacts:
  stage: test
  needs:
    - job: build
      artifacts: false
  script: echo "version=\${VERSION:-none}" > no-artifacts.txt
no-dependencies:
  stage: test
  dependencies: []
  script: echo "version=\${VERSION:-none}" > no-dependencies.txt
`,
    });
    const detail = await runToEnd(engine, projectId);
    expect(detail.status).toBe('success');
    expect(jobOf(detail, 'build').artifacts.map((a) => a.path)).toEqual(['dist/app.js']);
    expect(jobOf(detail, 'broken').artifacts.map((a) => a.path)).toEqual(['failure.txt']);
    const repo = (await engine.invoke('projects.list', {}))[0]!.path;
    expect(readFileSync(join(repo, 'reads.txt'), 'utf8').trim()).toBe('version=1.2.3 channel=beta');
    expect(readFileSync(join(repo, 'no-artifacts.txt'), 'utf8').trim()).toBe('version=none');
    expect(readFileSync(join(repo, 'no-dependencies.txt'), 'utf8').trim()).toBe('version=none');
  });

  it('saves the cache under the data folder by key and restores it in a later run', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.gitlab-ci.yml': `variables:
  CACHE_NAME: deps
fill:
  cache:
    key: "$CACHE_NAME-v1"
    paths: [vendor/**/*.txt]
  script:
    - if [ -f vendor/a/lib.txt ]; then echo "restored $(cat vendor/a/lib.txt)" >> out.txt; fi
    - mkdir -p vendor/a && echo "lib-$CI_PIPELINE_ID" > vendor/a/lib.txt
    - echo "filled" >> out.txt
`,
    });
    const first = await runToEnd(engine, projectId);
    expect(first.status).toBe('success');
    const save = jobOf(first, 'fill').attempts[0]!.steps.map((s) => [s.name, s.status]);
    expect(save).toEqual([
      ['restore cache', 'success'],
      ['script', 'success'],
      ['save cache', 'success'],
    ]);
    // The working tree loses the folder; the next run gets it back from the cache.
    const { rmSync } = await import('node:fs');
    rmSync(join(repo, 'vendor'), { recursive: true });
    const second = await runToEnd(engine, projectId);
    expect(second.status).toBe('success');
    expect(readFileSync(join(repo, 'out.txt'), 'utf8').trim().split('\n')).toEqual([
      'filled',
      `restored lib-${first.id}`,
      'filled',
    ]);
    expect(existsSync(join(repo, 'vendor/a/lib.txt'))).toBe(true);
  });
});
