// `cockpit run github/<workflow>`, `cockpit run gitlab`, `--dry-run` and `cockpit play` as real child
// processes on a real repository without a cockpit.yml (also proves GitHub's parser loads under Node).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCockpitSync } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

function cockpit(args: string[], cwd: string, dataDir: string) {
  return runCockpitSync(args, { cwd, dataDir });
}

const files = {
  '.github/workflows/ci.yml': `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20]
    steps:
      - run: echo "testing on node \${{ matrix.node }}"
  fail:
    if: \${{ github.event_name == 'workflow_dispatch' }}
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
`,
  '.gitlab-ci.yml': `build:
  stage: build
  script: echo building
deploy:
  stage: deploy
  when: manual
  script: echo deploying
`,
  '.github/workflows/broken.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n',
};

describe('cockpit with GitHub workflows and .gitlab-ci.yml', () => {
  it('lists, plans, runs and plays them, with exit codes as for native pipelines', () => {
    const repo = gitRepo(files);
    const dataDir = tempDir();

    const listed = cockpit(['pipelines'], repo, dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^github\/broken {2}\.github\/workflows\/broken\.yml has problems:$/m);
    expect(listed.stdout).toContain(
      `${join(repo, '.github/workflows/broken.yml')}:5:5: Unexpected value 'stepz'`,
    );
    expect(listed.stdout).toMatch(/^github\/ci — CI {2}\(\.github\/workflows\/ci\.yml\)$/m);
    expect(listed.stdout).toMatch(/^gitlab {2}\(\.gitlab-ci\.yml\)$/m);

    const plan = cockpit(['run', 'github/ci', '--dry-run'], repo, dataDir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('from .github/workflows/ci.yml (github), event push (nothing was run)');
    expect(plan.stdout).toMatch(/wave 1: test \(18\), test \(20\), fail {2}\(in parallel\)/);
    expect(plan.stdout).toMatch(/^ {4}test \(18\) — matrix of test; \.github\/workflows\/ci\.yml:4$/m);
    expect(plan.stdout).toMatch(
      /^ {4}fail — runs if: \$\{\{ github\.event_name == 'workflow_dispatch' \}\}/m,
    );

    const github = cockpit(['run', 'github/ci'], repo, dataDir);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^test \(20\)\s+\| testing on node 20$/m);
    expect(github.stdout).toMatch(
      /^fail\s+skipped\s+0\s+\S+\s+-\s+if: \$\{\{ github\.event_name == 'workflow_dispatch' \}\} was false$/m,
    );

    const gitlab = cockpit(['run', 'gitlab'], repo, dataDir);
    expect(gitlab.code).toBe(0);
    expect(gitlab.stdout).toMatch(/^build\s+\| building$/m);
    expect(gitlab.stdout).toMatch(/^deploy\s+manual\s+0\s+-\s+-\s+manual: it runs when someone plays it$/m);
    expect(gitlab.stdout).toContain('deploy waits to be played: cockpit play 2 deploy');

    const played = cockpit(['play', '2', 'deploy'], repo, dataDir);
    expect(played.code).toBe(0);
    expect(played.stdout).toMatch(/^deploy\s+\| deploying$/m);
    expect(played.stdout).toMatch(/Run #2 success/);

    const again = cockpit(['play', '2', 'deploy'], repo, dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"deploy" of run #2 is not a manual job waiting to be played.');

    const broken = cockpit(['run', 'github/broken'], repo, dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`broken.yml:5:5: Unexpected value 'stepz'`);

    const failing = cockpit(['run', 'github/ci', '--event', 'workflow_dispatch'], repo, dataDir);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('github/ci does not run on "workflow_dispatch" (on: push).');
  }, 120_000);
});

describe('cockpit run with GitHub events and actions offline', () => {
  it('judges branch filters for --event, and --skip-unavailable-actions turns a missing action into a skip', () => {
    const repo = gitRepo({
      '.github/workflows/ci.yml': `on:
  push:
    branches: [release/**]
  pull_request:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: someone/offline-missing@v1
      - run: echo "built for \${{ github.event_name }}"
`,
    });
    const dataDir = tempDir();

    const plan = cockpit(['run', 'github/ci', '--dry-run'], repo, dataDir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('on.push.branches (release/**) does not match the branch main');

    const failing = cockpit(['run', 'github/ci', '--event', 'pull_request'], repo, dataDir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('action someone/offline-missing@v1 is not available offline');

    const skipping = cockpit(
      ['run', 'github/ci', '--event', 'pull_request', '--skip-unavailable-actions'],
      repo,
      dataDir,
    );
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toContain('built for pull_request');
  });
});
