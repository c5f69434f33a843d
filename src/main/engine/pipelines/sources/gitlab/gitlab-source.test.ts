// .gitlab-ci.yml end to end: real git repositories, real shells, a real SQLite file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../../shared/domain/run.ts';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';

import {
  job,
  logOf as logLines,
  projectWith,
  runToEnd,
  type TestEngine,
} from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

async function logOf(engine: TestEngine, detail: RunDetail, name: string) {
  return (await logLines(engine, detail, name)).join('\n');
}

const PIPELINE = `stages: [build, test, deploy]
variables:
  GREETING: hello
build:
  stage: build
  image: node:20
  before_script:
    - export PREPARED=yes
  script:
    - echo "$GREETING from $CI_JOB_NAME in $CI_JOB_STAGE, prepared=$PREPARED" >> order.txt
unit:
  stage: test
  variables:
    GREETING: bonjour
  script: echo "$GREETING unit" >> order.txt
lint:
  stage: test
  script: echo lint >> order.txt
  after_script: echo "after $CI_JOB_STATUS" >> order.txt
deploy:
  stage: deploy
  when: manual
  script: echo deployed >> order.txt
notify:
  stage: deploy
  needs: [deploy]
  script: echo notified >> order.txt
`;

describe('the gitlab source', () => {
  it('runs stages in order with variables, before_script and after_script, and holds manual jobs until played', async () => {
    const { engine, repo, projectId, project } = await projectWith({ '.gitlab-ci.yml': PIPELINE });
    expect(project.configStatus).toBe('missing'); // no cockpit.yml, and a valid project all the same
    const [info] = await engine.invoke('pipelines.list', { projectId });
    expect(info).toMatchObject({
      name: 'gitlab',
      source: { kind: 'gitlab', file: '.gitlab-ci.yml' },
      problems: [],
    });

    const detail = await runToEnd(engine, projectId, 'gitlab');
    expect(detail.status).toBe('success');
    expect(detail.source).toMatchObject({ kind: 'gitlab', file: '.gitlab-ci.yml' });
    expect(detail.source.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const lines = readFileSync(join(repo, 'order.txt'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('hello from build in build, prepared=yes');
    expect(lines.slice(1, 4).sort()).toEqual(['after success', 'bonjour unit', 'lint']);
    expect(lines).toHaveLength(4);
    expect(job(detail, 'deploy')).toMatchObject({
      status: 'manual',
      location: { file: '.gitlab-ci.yml', line: 20, col: 1 },
    });
    expect(job(detail, 'notify')).toMatchObject({
      status: 'skipped',
      reason: 'waits for the manual job deploy to be played',
    });
    expect(job(detail, 'lint').attempts[0]!.steps.map((s) => [s.name, s.status])).toEqual([
      ['script', 'success'],
      ['after_script', 'success'],
    ]);
    expect(await logOf(engine, detail, 'build')).toContain(
      '"image" is ignored: the job runs on this machine.',
    );

    await engine.invoke('runs.play', { runId: detail.id, job: 'deploy' });
    await engine.waitForRun(detail.id);
    const played = await engine.invoke('runs.get', { runId: detail.id });
    expect(played.status).toBe('success');
    expect(job(played, 'deploy').status).toBe('success');
    expect(job(played, 'notify')).toMatchObject({ status: 'success', reason: null });
    expect(readFileSync(join(repo, 'order.txt'), 'utf8').trim().split('\n').slice(4)).toEqual([
      'deployed',
      'notified',
    ]);
    await expect(engine.invoke('runs.play', { runId: detail.id, job: 'deploy' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('runs after_script after a failure, and skips later stages saying which job failed', async () => {
    const { engine, projectId } = await projectWith({
      '.gitlab-ci.yml': `build:
  stage: build
  script:
    - echo building
    - exit 3
  after_script:
    - echo "cleaning up after $CI_JOB_STATUS"
test:
  script: echo never
rescue:
  stage: deploy
  when: on_failure
  script: echo rescued
`,
    });
    const detail = await runToEnd(engine, projectId, 'gitlab');
    expect(detail.status).toBe('failed');
    expect(job(detail, 'build').attempts[0]).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(job(detail, 'build').attempts[0]!.steps.map((s) => s.status)).toEqual(['failed', 'success']);
    expect(await logOf(engine, detail, 'build')).toContain('cleaning up after failed');
    expect(job(detail, 'test')).toMatchObject({ status: 'skipped', reason: 'build failed' });
    // on_failure: the job before it (test) was skipped, but build, two stages back, failed.
    expect(job(detail, 'rescue').status).toBe('success');
  });

  it('turns section_start/section_end markers into collapsible groups of the log', async () => {
    const { engine, projectId } = await projectWith({
      '.gitlab-ci.yml': `job:
  script:
    - echo -e "\\e[0Ksection_start:$(date +%s):deps[collapsed=true]\\r\\e[0KInstall dependencies"
    - echo installing
    - echo -e "\\e[0Ksection_end:$(date +%s):deps\\r\\e[0K"
    - echo done
`,
    });
    const detail = await runToEnd(engine, projectId, 'gitlab');
    expect(detail.status).toBe('success');
    const attempt = job(detail, 'job').attempts[0]!;
    expect(attempt.groups).toHaveLength(1);
    const [group] = attempt.groups;
    const page = await engine.invoke('runs.logPage', { attemptId: attempt.id, fromLine: 0, count: 100 });
    expect(group!.title).toBe('Install dependencies');
    expect(page.lines[group!.firstLine]!.text).toContain('section_start');
    expect(page.lines[group!.firstLine + 1]!.text).toBe('installing');
    expect(page.lines[group!.lastLine]!.text).toContain('section_end');
  });

  it('names an unsupported key at file:line:col, and keeps listing the other pipelines', async () => {
    const { engine, repo, projectId, project } = await projectWith({
      'cockpit.yml': 'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: "true" }\n',
      '.gitlab-ci.yml': 'build:\n  script: make\n  trigger:\n    include: dist.yml\n',
    });
    expect(project.configProblems).toEqual([
      {
        file: join(repo, '.gitlab-ci.yml'),
        line: 3,
        col: 3,
        message: 'build: "trigger" is not supported yet (see docs/ci-compatibility.md)',
      },
    ]);
    const list = await engine.invoke('pipelines.list', { projectId });
    expect(list.map((p) => [p.name, p.problems.length])).toEqual([
      ['ci', 0],
      ['gitlab', 1],
    ]);
    await expect(engine.invoke('runs.start', { projectId, pipeline: 'gitlab' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(
        '.gitlab-ci.yml:3:3: build: "trigger" is not supported yet',
      ) as unknown,
    });
    expect(existsSync(join(repo, 'dist'))).toBe(false);
  });

  it('plans without running: stage order as needs, and jobs that rules leave out', async () => {
    const { engine, projectId } = await projectWith({
      '.gitlab-ci.yml':
        'a:\n  stage: build\n  script: "true"\nb:\n  script: "true"\nc:\n  stage: deploy\n  rules:\n    - when: never\n  script: "true"\n',
    });
    const plan = await engine.invoke('pipelines.plan', { projectId, pipeline: 'gitlab' });
    // A when: never job is not in the pipeline: it waits for nothing, and nothing waits for it.
    expect(plan.waves).toEqual([['a', 'c'], ['b']]);
    expect(plan.jobs.map((j) => [j.id, j.needs, j.skip])).toEqual([
      ['a', [], null],
      ['b', ['a'], null],
      ['c', [], 'rules: rule 1 says when: never'],
    ]);
    const detail = await runToEnd(engine, projectId, 'gitlab');
    expect(job(detail, 'c')).toMatchObject({
      status: 'skipped',
      reason: 'rules: rule 1 says when: never',
      attempts: [],
    });
  });
});
