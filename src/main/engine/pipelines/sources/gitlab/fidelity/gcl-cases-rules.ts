// gitlab-ci-local fidelity cases (see gcl-cases.ts) about rules, workflow rules, when: and manual
// jobs: which jobs run, wait or are skipped.
import type { FidelityCase } from './fidelity-case.ts';

/** Jobs that run only when changed.txt (directly, and through a matrix variable) or untouched.txt changed. */
const rulesChangesPipeline = `plain:
  rules:
    - changes: [changed.txt]
  script: echo "plain ran"
with-paths:
  parallel:
    matrix:
      - FILE: [changed.txt]
  rules:
    - changes:
        paths: ["\${FILE}"]
  script: echo "matrix ran"
unchanged:
  rules:
    - changes: [untouched.txt]
  script: echo "unchanged ran"
`;

export const rulesCases: FidelityCase[] = [
  {
    case: 'manual',
    checks: 'manual jobs by rules wait to be played, a job needing one waits, others run',
    files: {
      '.gitlab-ci.yml': `early:
  stage: .pre
  rules:
    - when: manual
      variables:
        NOTE: from the rule
  script: echo "early $NOTE"
build:
  stage: build
  rules:
    - when: manual
  script: echo "build played"
after-early:
  stage: test
  needs: [early]
  script: echo "after early"
deploy:
  script: echo "deploy ran"
`,
    },
    play: ['early', 'build'],
    expect: {
      status: { early: 'success', build: 'success', 'after-early': 'success', deploy: 'success' },
      output: { early: ['early from the rule'], build: ['build played'] },
    },
  },
  {
    case: 'never',
    checks: 'a job with rules: when: never does not run; the others do',
    files: {
      '.gitlab-ci.yml': `gone:
  stage: .pre
  rules:
    - when: never
  script: echo "gone ran"
job:
  script: echo "job ran"
`,
    },
    expect: { status: { gone: 'skipped', job: 'success' }, absent: ['gone ran'] },
  },
  {
    case: 'rules-blank',
    checks: 'rules: [] is refused',
    files: { '.gitlab-ci.yml': 'job:\n  rules: []\n  script: echo\n' },
    expect: { problem: 'a list of rules cannot be empty' },
  },
  {
    case: 'rules-curly-bracket-if',
    checks: '${VAR} in rules: if is refused',
    files: { '.gitlab-ci.yml': 'job:\n  rules:\n    - if: \'${CI} == "true"\'\n  script: echo\n' },
    expect: { problem: 'use $VAR, not ${VAR}' },
  },
  {
    case: 'rules-exists',
    checks: 'rules: exists with names, globs and folders',
    files: {
      'present.txt': 'x\n',
      'sub/dir/file.md': 'x\n',
      '.gitlab-ci.yml': `plain:
  rules:
    - exists: [present.txt]
  script: echo plain
globbed:
  rules:
    - exists: ["sub/**/*.md"]
  script: echo globbed
missing:
  rules:
    - exists: [absent.txt]
  script: echo "missing ran"
any-of:
  rules:
    - exists: [absent.txt, present.txt]
  script: echo any
`,
    },
    expect: {
      status: { plain: 'success', globbed: 'success', missing: 'skipped', 'any-of': 'success' },
      absent: ['missing ran'],
    },
  },
  {
    case: 'rules-needs',
    checks: "a matching rule's needs replace the job's",
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
for-dev:
  stage: build
  script: echo dev
for-main:
  stage: build
  script: echo main
test:
  stage: test
  needs: [for-dev]
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
      needs: [for-main]
    - when: on_success
  script: echo test
`,
    },
    select: ['test'],
    withNeeds: true,
    expect: { status: { 'for-main': 'success', test: 'success' } },
  },
  {
    case: 'when-always',
    checks: 'when: always runs after a failure in an earlier stage',
    files: {
      '.gitlab-ci.yml':
        'broken:\n  stage: build\n  script: exit 1\ncleanup:\n  when: always\n  script: echo "cleaned"\n',
    },
    expect: { status: { broken: 'failed', cleanup: 'success' } },
  },
  {
    case: 'when-on-failure',
    checks: 'when: on_failure runs only when a need failed',
    files: {
      '.gitlab-ci.yml': `pre:
  stage: .pre
  script: echo pre
broken:
  stage: build
  script: exit 1
rescue:
  needs: [broken]
  when: on_failure
  script: echo "rescued"
not-needed:
  stage: deploy
  needs: [pre]
  when: on_failure
  script: echo "should not run"
`,
    },
    expect: {
      status: { broken: 'failed', rescue: 'success', 'not-needed': 'skipped' },
      absent: ['should not run'],
    },
  },
  {
    case: 'when',
    checks: 'when: never outside rules is refused',
    files: { '.gitlab-ci.yml': 'job:\n  stage: deploy\n  when: never\n  script: echo\n' },
    expect: { problem: '"never" can only be used in rules or workflow: rules' },
  },
  {
    case: 'workflow-rules-variables',
    checks: "workflow: rules variables apply when the rule matches; a job's own variables win",
    files: {
      '.gitlab-ci.yml': `workflow:
  rules:
    - if: $CI_COMMIT_BRANCH
      variables:
        FROM: workflow
        OTHER: workflow
job:
  variables:
    OTHER: job
  script: echo "from=$FROM other=$OTHER"
`,
    },
    expect: { output: { job: ['from=workflow other=job'] } },
  },
  {
    case: 'workflow-rules-variables (no match)',
    checks: 'when no workflow rule matches, its variables do not apply (no pipeline)',
    files: {
      '.gitlab-ci.yml': `workflow:
  rules:
    - if: $NOT_SET == "x"
      variables:
        FROM: workflow
job:
  script: echo "from=$FROM"
`,
    },
    expect: { status: { job: 'skipped' }, absent: ['from=workflow'] },
  },
  {
    case: 'rules-changes',
    checks: 'rules: changes (and changes: paths, with a matrix variable) against origin/main',
    files: {
      '.gitlab-ci.yml': rulesChangesPipeline,
      'untouched.txt': 'x\n',
    },
    git: [
      ['update-ref', 'refs/remotes/origin/main', 'HEAD'],
      ['commit', '-q', '--allow-empty', '-m', 'nothing'],
    ],
    expect: {
      status: { plain: 'skipped', 'with-paths: [changed.txt]': 'skipped', unchanged: 'skipped' },
    },
  },
  {
    case: 'rules-changes (has changes)',
    checks: 'a change to the file makes the jobs run',
    files: {
      '.gitlab-ci.yml': rulesChangesPipeline,
      'untouched.txt': 'x\n',
    },
    git: [
      ['update-ref', 'refs/remotes/origin/main', 'HEAD'],
      ['checkout', '-q', '-b', 'feature'],
    ],
    writeAfterGit: { 'changed.txt': 'new\n' },
    expect: {
      status: { plain: 'success', 'with-paths: [changed.txt]': 'success', unchanged: 'skipped' },
    },
  },
];
