// How .gitlab-ci.yml is put together (anchors, extends, !reference, default, include: local) and which
// jobs a pipeline has (rules, only/except, workflow): real git repositories, real shells.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../../shared/domain/run.ts';
import { cleanupFixtures, gitRepo } from '../../../../testing/fixtures.ts';
import { commitFiles, workingTreeFiles } from '../project-files.ts';
import { parseGitlab } from './gitlab-model.ts';

import {
  projectWith,
  runToEnd as runPipeline,
  type TestEngine,
} from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

const runToEnd = (engine: TestEngine, projectId: number) => runPipeline(engine, projectId, 'gitlab');

const statuses = (detail: RunDetail) => Object.fromEntries(detail.jobs.map((j) => [j.name, j.status]));
const reasons = (detail: RunDetail) => Object.fromEntries(detail.jobs.map((j) => [j.name, j.reason]));
const lines = (repo: string, file = 'out.txt') => readFileSync(join(repo, file), 'utf8').trim().split('\n');

describe('.gitlab-ci.yml composition', () => {
  it('resolves anchors, <<: merges, multi-level extends, !reference, default: and include: local with wildcards', async () => {
    const { engine, repo, projectId } = await projectWith({
      '.gitlab-ci.yml': `include:
  - local: ci/*.yml
  - ci/single.yaml
default:
  before_script:
    - echo "default before" >> out.txt
variables:
  BASE: base
  URL: "https://$HOST_NAME/$BASE"
.vars: &vars
  HOST_NAME: example.org
.grandparent:
  stage: build
  variables:
    LEVEL: grandparent
    KEPT: from-grandparent
.parent:
  extends: .grandparent
  variables:
    LEVEL: parent
child:
  extends: [.parent, .included]
  variables:
    <<: *vars
  script:
    - echo "child $LEVEL $KEPT $FROM_INCLUDE $URL" >> out.txt
referencing:
  stage: test
  inherit:
    default: false
  script:
    - !reference [.setup, script]
    - echo "referencing ran" >> out.txt
`,
      'ci/one.yml': `.setup:
  script:
    - echo "setup from include" >> out.txt
`,
      'ci/two.yml': `.included:
  variables:
    FROM_INCLUDE: included
`,
      'ci/single.yaml': `late:
  stage: deploy
  script: echo "late $BASE" >> out.txt
`,
    });
    const detail = await runToEnd(engine, projectId);
    expect(statuses(detail)).toEqual({ child: 'success', referencing: 'success', late: 'success' });
    expect(lines(repo)).toEqual([
      'default before',
      'child parent from-grandparent included https://example.org/base',
      'setup from include',
      'referencing ran',
      'default before',
      'late base',
    ]);
  });

  it('names each include that needs the network at file:line:col', async () => {
    const { project, repo } = await projectWith({
      '.gitlab-ci.yml': `include:
  - remote: https://example.com/ci.yml
  - project: group/tools
    file: ci.yml
  - template: Auto-DevOps.gitlab-ci.yml
job:
  extends: .missing
  script: echo
loop:
  script:
    - !reference [loop, script]
`,
    });
    const file = join(repo, '.gitlab-ci.yml');
    expect(project.configProblems).toEqual([
      {
        file,
        line: 2,
        col: 5,
        message:
          'include: remote "https://example.com/ci.yml" cannot be read offline; copy it into the project and include it with "local:"',
      },
      {
        file,
        line: 3,
        col: 5,
        message:
          'include: project "group/tools:ci.yml" cannot be read offline; copy it into the project and include it with "local:"',
      },
      {
        file,
        line: 5,
        col: 5,
        message:
          'include: template "Auto-DevOps.gitlab-ci.yml" cannot be read offline; copy it into the project and include it with "local:"',
      },
    ]);
  });

  it('shows a YAML error, an unknown include, a circular !reference and a broken extends chain at file:line:col', async () => {
    const { project, repo } = await projectWith({
      '.gitlab-ci.yml': 'include: ci/nothing-*.yml\njob:\n  extends: .missing\n  script: echo\n',
    });
    expect(project.configProblems).toEqual([
      {
        file: join(repo, '.gitlab-ci.yml'),
        line: 1,
        col: 10,
        message: 'include: local "ci/nothing-*.yml" matches no file in the project',
      },
    ]);
    const broken = await projectWith({ '.gitlab-ci.yml': 'job:\n  script: [echo\n' });
    expect(broken.project.configProblems[0]).toMatchObject({ line: 3, col: 1 });
    const referencing = await projectWith({
      '.gitlab-ci.yml': 'loop:\n  script:\n    - !reference [loop, script]\n',
    });
    expect(referencing.project.configProblems.map((p) => [p.line, p.col, p.message])).toEqual([
      [1, 1, 'loop: !reference [loop, script] is circular or nested more than 10 deep'],
    ]);
    const extending = await projectWith({
      '.gitlab-ci.yml': 'job:\n  extends: .a\n  script: echo\n.a:\n  extends: .b\n.b:\n  extends: .missing\n',
    });
    expect(extending.project.configProblems.map((p) => [p.line, p.col, p.message])).toEqual([
      [2, 3, 'job: extends ".missing", which is not in this file'],
    ]);
  });
});

describe('a commit, as a commit-triggered run reads it', () => {
  it('reads the files .gitlab-ci.yml includes as that commit has them, not as the working tree does', async () => {
    const repo = gitRepo({
      '.gitlab-ci.yml': 'include: ci/jobs.yml\n',
      'ci/jobs.yml': 'committed:\n  script: echo committed\n',
    });
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    writeFileSync(join(repo, 'ci/jobs.yml'), 'changed:\n  script: echo "working tree"\n');
    const files = await commitFiles(repo, sha, ['.gitlab-ci.yml'], []);
    expect(parseGitlab(files, '.gitlab-ci.yml').model?.jobs.map((j) => j.name)).toEqual(['committed']);
    expect(parseGitlab(workingTreeFiles(repo), '.gitlab-ci.yml').model?.jobs.map((j) => j.name)).toEqual([
      'changed',
    ]);
  });
});

describe('which jobs are in the pipeline', () => {
  it('judges rules (if, changes, exists, when, variables, allow_failure), only/except and expands variables', async () => {
    const { engine, repo, projectId } = await projectWith({
      'src/app.js': 'app\n',
      'docs/readme.md': 'docs\n',
      '.gitlab-ci.yml': `variables:
  TARGET: prod
  DEPLOY_TO: "server-$TARGET"
on-main:
  rules:
    - if: $CI_COMMIT_BRANCH == "dev"
      when: never
    - if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && ($TARGET =~ /^pr/ || $NOPE)'
      variables:
        FROM_RULE: "rule for $DEPLOY_TO"
  script: echo "on-main $FROM_RULE" >> out.txt
never-on-main:
  rules:
    - if: $CI_COMMIT_BRANCH != "main"
  script: echo never >> out.txt
when-exists:
  rules:
    - exists: [src/*.js]
  script: echo "exists" >> out.txt
when-missing:
  rules:
    - exists: [nothing/**]
  script: echo missing >> out.txt
docs-changed:
  stage: build
  rules:
    - changes: [docs/**/*.md]
  script: echo "docs changed" >> out.txt
src-changed:
  stage: build
  rules:
    - changes: [lib/**]
  script: echo "lib changed" >> out.txt
manual-by-rule:
  rules:
    - when: manual
      allow_failure: true
  script: echo manual >> out.txt
only-main:
  stage: deploy
  only: [main]
  script: echo "only main" >> out.txt
only-tags:
  stage: deploy
  only: [tags]
  script: echo tags >> out.txt
except-main:
  stage: deploy
  except:
    refs: [/^ma/]
  script: echo except >> out.txt
only-variables:
  stage: deploy
  only:
    variables: [$TARGET == "prod"]
  script: echo "only variables" >> out.txt
`,
    });
    // A second commit on a branch changes docs only, so `changes` has a base to compare with.
    execFileSync('git', ['checkout', '-q', '-b', 'main-2'], { cwd: repo });
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo });
    writeFileSync(join(repo, 'docs/readme.md'), 'docs, changed\n');
    execFileSync('git', ['commit', '-qam', 'docs'], { cwd: repo });
    const detail = await runToEnd(engine, projectId);
    expect(statuses(detail)).toEqual({
      'docs-changed': 'success',
      'src-changed': 'skipped',
      'on-main': 'success',
      'never-on-main': 'skipped',
      'when-exists': 'success',
      'when-missing': 'skipped',
      'manual-by-rule': 'manual',
      'only-main': 'success',
      'only-tags': 'skipped',
      'except-main': 'skipped',
      'only-variables': 'success',
    });
    expect(reasons(detail)).toMatchObject({
      'src-changed': 'rules: no rule matched',
      'never-on-main': 'rules: no rule matched',
      'only-tags': 'only: refs tags do not match main',
      'except-main': 'except: matches this commit',
    });
    expect(detail.status).toBe('success');
    expect(lines(repo).sort()).toEqual(
      ['docs changed', 'exists', 'on-main rule for server-prod', 'only main', 'only variables'].sort(),
    );
  });

  it('skips every job when workflow: rules match nothing, and takes variables from the rule that matches', async () => {
    const skipped = await projectWith({
      '.gitlab-ci.yml': `workflow:
  rules:
    - if: $CI_COMMIT_TAG
job:
  script: echo ran > out.txt
`,
    });
    const none = await runToEnd(skipped.engine, skipped.projectId);
    expect(none.jobs.map((j) => [j.status, j.reason])).toEqual([
      ['skipped', 'workflow: rules: no rule matched: GitLab would not create this pipeline'],
    ]);
    const matched = await projectWith({
      '.gitlab-ci.yml': `variables:
  MODE: default
workflow:
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
      variables:
        MODE: from-workflow
job:
  script: echo "$MODE" > out.txt
`,
    });
    const ran = await runToEnd(matched.engine, matched.projectId);
    expect(ran.status).toBe('success');
    expect(lines(matched.repo)).toEqual(['from-workflow']);
  });
});
