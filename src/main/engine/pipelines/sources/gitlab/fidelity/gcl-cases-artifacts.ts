// gitlab-ci-local fidelity cases (see gcl-cases.ts) about artifacts: which files a job keeps,
// excludes, globs, reports, and what later jobs receive.
import type { FidelityCase } from './fidelity-case.ts';

export const artifactsCases: FidelityCase[] = [
  {
    case: 'artifacts-after-afterscript',
    checks: 'artifacts are collected after after_script ran',
    files: {
      '.gitlab-ci.yml': `keep:
  stage: build
  artifacts:
    paths: [out]
  script:
    - mkdir -p out
    - echo kept > out/a.log
    - echo dropped > out/a.tmp
  after_script:
    - rm out/*.tmp
`,
    },
    expect: { status: { keep: 'success' }, artifacts: { keep: ['out/a.log'] } },
  },
  {
    case: 'artifacts-exclude',
    checks: 'artifacts: exclude with globs, folders and names with spaces',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  script:
    - mkdir -p tree/sub/deep "tree/with space" other
    - touch tree/a tree/b tree/sub/c tree/sub/deep/d "tree/with space/e" other/f
  artifacts:
    paths: [tree, other]
    exclude:
      - tree/sub/**
      - "tree/with space/**"
      - tree/b
`,
    },
    expect: { status: { make: 'success' }, artifacts: { make: ['other/f', 'tree/a'] } },
  },
  {
    case: 'artifacts-no-shell-out',
    checks: 'artifacts paths with a folder and a ** glob, minus an exclude',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  script:
    - mkdir -p dir && touch dir/one dir/two
  artifacts:
    paths: [dir/, "**/one"]
    exclude: [dir/two]
`,
    },
    expect: { status: { make: 'success' }, artifacts: { make: ['dir/one'] } },
  },
  {
    case: 'artifacts-sequence',
    checks: 'a later stage finds the files earlier jobs (and matrix jobs) made',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  parallel:
    matrix:
      - FILE: [first, second]
  script: touch "made-$FILE"
  artifacts:
    paths: ["made-$FILE"]
use:
  stage: test
  script:
    - test -f made-first
    - test -f made-second
`,
    },
    expect: {
      status: { 'make: [first]': 'success', 'make: [second]': 'success', use: 'success' },
      artifacts: { 'make: [first]': ['made-first'], 'make: [second]': ['made-second'] },
    },
  },
  {
    case: 'artifacts-shell-fail-always',
    checks: 'artifacts: when: always keeps the files of a failed job',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  script:
    - mkdir -p report && touch report/r.txt
    - exit 1
  artifacts:
    when: always
    paths: [report/]
`,
    },
    expect: { status: { make: 'failed' }, artifacts: { make: ['report/r.txt'] } },
  },
  {
    case: 'artifacts-shell-fail',
    checks: 'a failed job keeps no artifacts; when: always still runs after it',
    files: {
      '.gitlab-ci.yml': `build:
  stage: build
  script: "true"
  artifacts:
    paths: [never-made.log]
test:
  stage: test
  script: exit 1
  artifacts:
    paths: [also-never-made.txt]
deploy:
  stage: deploy
  when: always
  script: echo "deploying anyway"
`,
    },
    expect: {
      status: { build: 'success', test: 'failed', deploy: 'success' },
      artifacts: { build: [], test: [] },
      output: { deploy: ['deploying anyway'] },
    },
  },
  {
    case: 'artifacts-shell',
    checks:
      'artifacts from an extends template with a $CI_PROJECT_DIR path and an exclude; a job left out by rules',
    files: {
      '.gitlab-ci.yml': `.keeps:
  artifacts:
    paths: [$CI_PROJECT_DIR/out/]
    exclude: [out/skip]
make:
  extends: .keeps
  stage: build
  script:
    - mkdir -p out && touch out/keep out/skip
never:
  stage: build
  rules:
    - when: never
  script: echo "never runs"
use:
  stage: test
  dependencies: [make]
  script: test -f out/keep
`,
    },
    expect: {
      status: { make: 'success', never: 'skipped', use: 'success' },
      artifacts: { make: ['out/keep'] },
      absent: ['never runs'],
    },
  },
  {
    case: 'artifacts-globstar',
    checks:
      'artifacts path/**/*.txt keeps only .txt files deep down; a pattern matching nothing keeps nothing',
    files: {
      '.gitlab-ci.yml': `make:
  stage: .pre
  needs: []
  artifacts:
    paths: [deep/**/*.txt]
  script:
    - mkdir -p deep/a/b
    - echo "made it" > deep/a/b/log.txt
    - echo other > deep/a/b/other.ext
nothing:
  stage: .pre
  needs: []
  artifacts:
    paths: ['*/target']
  script: echo nothing
use:
  needs: [make]
  script: cat deep/a/b/log.txt
`,
    },
    expect: {
      status: { make: 'success', nothing: 'success', use: 'success' },
      artifacts: { make: ['deep/a/b/log.txt'], nothing: [] },
      output: { use: ['made it'] },
    },
  },
  {
    case: 'artifacts-many-paths',
    checks: '9,000 artifact files with 255-character names',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  script:
    - pad=$(printf 'y%.0s' $(seq 1 240))
    - for i in $(seq -w 1 9000); do printf '' > "many_\${i}_\${pad}"; done
    - mkdir -p result && echo hello > result/r.txt
  artifacts:
    paths: [many_*, result/]
use:
  stage: test
  script:
    - test "$(find . -maxdepth 1 -name 'many_*' | wc -l)" -eq 9000
    - test -f result/r.txt
`,
    },
    expect: { status: { make: 'success', use: 'success' } },
  },
  {
    case: 'coverage',
    checks: 'coverage: /regex/ extracts a percentage from the log',
    files: {
      '.gitlab-ci.yml':
        'job:\n  coverage: /Lines:\\s*(\\d+.\\d+)\\%/\n  script:\n    - \'echo "Lines:   78.46% (510/650)"\'\n',
    },
    expect: { status: { job: 'success' } },
    differs: 'coverage is accepted and ignored (said in the log); the percentage is not shown on the run',
  },
  {
    case: 'artifacts-reports-dotenv',
    checks: 'a dotenv report reaches the job that needs it, and its file does not',
    files: {
      '.gitlab-ci.yml': `make:
  stage: build
  needs: []
  script: echo "VERSION=1.0" > version.env
  artifacts:
    reports: { dotenv: version.env }
use:
  stage: deploy
  needs: [make]
  script:
    - test "$VERSION" = 1.0
    - test -f version.env
`,
    },
    expect: { status: { make: 'success', use: 'success' } },
    differs:
      'the report file stays in the working tree (jobs share it on the host); gitlab-ci-local isolates it',
  },
];
