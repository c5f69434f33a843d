// Trigger filters judged against a real repository's state, and the github.event payload per event.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git } from '../../../../testing/fixtures.ts';
import { job, logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';
import { filterVerdict, matchesAny } from './trigger-filters.ts';

afterEach(cleanupFixtures);

describe('GitHub filter patterns', () => {
  it('matches as GitHub documents: *, **, ?, +, [], and ! to exclude again', () => {
    expect(matchesAny(['feature/*'], 'feature/a')).toBe(true);
    expect(matchesAny(['feature/*'], 'feature/a/b')).toBe(false);
    expect(matchesAny(['feature/**'], 'feature/a/b')).toBe(true);
    expect(matchesAny(['**.js'], 'src/deep/app.js')).toBe(true);
    expect(matchesAny(['docs/**/*.md'], 'docs/a.md')).toBe(true);
    expect(matchesAny(['v[12].*'], 'v2.0')).toBe(true);
    expect(matchesAny(['v[12].*'], 'v3.0')).toBe(false);
    expect(matchesAny(['ab+c'], 'abbbc')).toBe(true);
    expect(matchesAny(['colou?r'], 'color')).toBe(true);
    expect(matchesAny(['releases/**', '!releases/**-alpha'], 'releases/1.0-alpha')).toBe(false);
    expect(matchesAny(['releases/**', '!releases/**-alpha'], 'releases/1.0')).toBe(true);
    expect(matchesAny(['*', '!main', 'main'], 'main')).toBe(true);
  });

  it('says why an event does not pass', () => {
    const facts = { refType: 'branch' as const, refName: 'dev', changedFiles: ['docs/a.md'] };
    expect(filterVerdict('push', { branches: ['main'] }, facts)).toBe(
      'on.push.branches (main) does not match the branch dev',
    );
    expect(filterVerdict('push', { tags: ['v*'] }, facts)).toBe(
      'on.push lists only tags, and this is a push of the branch dev',
    );
    expect(filterVerdict('push', { paths: ['src/**'] }, facts)).toBe(
      'on.push.paths (src/**) matches none of the 1 changed file',
    );
    expect(filterVerdict('push', { 'paths-ignore': ['docs/**'] }, facts)).toBe(
      'on.push.paths-ignore (docs/**) matches every changed file',
    );
    expect(filterVerdict('push', { branches: ['d*'], paths: ['**.md'] }, facts)).toBeNull();
  });
});

const WORKFLOW = `on:
  push:
    branches: [main]
    paths: ['src/**']
  pull_request:
    branches: [main]
  schedule:
    - cron: '0 3 * * 1'
  workflow_dispatch:
    inputs:
      level:
        default: low
jobs:
  show:
    runs-on: x
    steps:
      - run: |
          echo "event=\${{ github.event_name }} ref=\${{ github.ref }} head=\${{ github.head_ref }} base=\${{ github.base_ref }}"
          echo "push \${{ github.event.before }}..\${{ github.event.after }} '\${{ github.event.head_commit.message }}'"
          echo "pr \${{ github.event.pull_request.head.ref }} -> \${{ github.event.pull_request.base.ref }}"
          echo "dispatch \${{ github.event.inputs.level }} schedule \${{ github.event.schedule }}"
          test -f "$GITHUB_EVENT_PATH" && echo "payload file ok"
`;

describe('GitHub triggers on the local repository', () => {
  it('evaluates push branches and paths against the branch and the changed files, and says why when it skips', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.github/workflows/ci.yml': WORKFLOW,
      'src/app.ts': 'one\n',
    });
    const before = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(join(repo, 'README.md'), 'docs only\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'docs: readme');
    const after = git(repo, 'rev-parse', 'HEAD');

    const docsOnly = await runToEnd(engine, projectId, 'github/ci');
    expect(docsOnly.status).toBe('success');
    expect(job(docsOnly, 'show')).toMatchObject({
      status: 'skipped',
      reason: 'on.push.paths (src/**) matches none of the 1 changed file',
    });

    // An uncommitted change under src/ counts: the job runs on the working tree.
    writeFileSync(join(repo, 'src/app.ts'), 'two\n');
    const withSource = await runToEnd(engine, projectId, 'github/ci');
    expect(job(withSource, 'show').status).toBe('success');
    const log = await logOf(engine, withSource, 'show');
    expect(log).toContain('event=push ref=refs/heads/main head= base=');
    expect(log).toContain(`push ${before}..${after} 'docs: readme'`);
    expect(log).toContain('payload file ok');

    git(repo, 'checkout', '-qb', 'feature');
    const onFeature = await runToEnd(engine, projectId, 'github/ci');
    expect(job(onFeature, 'show').reason).toBe('on.push.branches (main) does not match the branch feature');
    const plan = await engine.invoke('pipelines.plan', { projectId, pipeline: 'github/ci' });
    expect(plan.jobs[0]).toMatchObject({ skip: 'on.push.branches (main) does not match the branch feature' });
  });

  it('runs pull_request (into the default branch), schedule and workflow_dispatch with their payloads', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.github/workflows/ci.yml': WORKFLOW,
      'src/app.ts': 'one\n',
    });
    git(repo, 'checkout', '-qb', 'topic');
    writeFileSync(join(repo, 'src/app.ts'), 'changed\n');
    git(repo, 'commit', '-qam', 'topic change');

    const pr = await runToEnd(engine, projectId, 'github/ci', { event: 'pull_request' });
    expect(job(pr, 'show').status).toBe('success');
    const prLog = await logOf(engine, pr, 'show');
    expect(prLog).toContain('event=pull_request ref=refs/pull/0/merge head=topic base=main');
    expect(prLog).toContain('pr topic -> main');

    const scheduled = await runToEnd(engine, projectId, 'github/ci', { event: 'schedule' });
    expect(await logOf(engine, scheduled, 'show')).toContain('dispatch  schedule 0 3 * * 1');

    const dispatched = await runToEnd(engine, projectId, 'github/ci', {
      event: 'workflow_dispatch',
      params: { level: 'high' },
    });
    expect(await logOf(engine, dispatched, 'show')).toContain('dispatch high schedule ');
  });
});
