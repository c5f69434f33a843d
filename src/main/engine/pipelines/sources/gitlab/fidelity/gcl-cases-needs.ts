// gitlab-ci-local fidelity cases (see gcl-cases.ts) about needs and dependencies: what a job waits
// for, optional needs, and refused references.
import type { FidelityCase } from './fidelity-case.ts';

export const needsCases: FidelityCase[] = [
  {
    case: 'dependencies-not-found',
    checks: 'dependencies on a job that does not exist is refused',
    files: { '.gitlab-ci.yml': 'job:\n  script: echo\n  dependencies: [ghost]\n' },
    expect: { problem: 'dependencies: "ghost" is not a job in this file' },
  },
  {
    case: 'needs-artifacts',
    checks: 'needs with artifacts: false; dependencies naming it',
    files: {
      '.gitlab-ci.yml': `a:
  script: echo "FROM_A=yes" > a.env
  artifacts: { reports: { dotenv: a.env } }
b:
  script: echo "FROM_B=yes" > b.env
  artifacts: { reports: { dotenv: b.env } }
use:
  stage: deploy
  needs:
    - { job: a, artifacts: false }
    - { job: b }
  dependencies: [b, a]
  script:
    - test "$FROM_B" = yes
    - test -z "$FROM_A"
`,
    },
    expect: { status: { a: 'success', b: 'success', use: 'success' } },
    differs: 'files are not isolated per job on the host; the case is reproduced with dotenv variables',
  },
  {
    case: 'needs-contains-dependencies',
    checks: 'dependencies outside needs are refused',
    files: {
      '.gitlab-ci.yml':
        'one:\n  script: echo\ntwo:\n  script: echo\nuse:\n  stage: deploy\n  needs: [one]\n  dependencies: [one, two]\n  script: echo\n',
    },
    expect: { problem: 'use: dependencies two are not in its needs' },
  },
  {
    case: 'needs-empty-entry',
    checks: 'an empty needs entry is refused',
    files: { '.gitlab-ci.yml': 'a:\n  script: echo\nb:\n  needs:\n    - ~\n  script: echo\n' },
    expect: { problem: 'entries cannot be empty' },
  },
  {
    case: 'needs-empty',
    checks: 'needs: [] starts at once, without the dotenv of earlier stages',
    files: {
      '.gitlab-ci.yml': `one:
  script: echo "ONE=1" > one.env
  artifacts: { reports: { dotenv: one.env } }
early:
  stage: deploy
  needs: []
  script: test -z "$ONE"
`,
    },
    expect: { status: { one: 'success', early: 'success' } },
  },
  {
    case: 'needs-invalid-stage',
    checks: 'needing a job of a later stage is refused',
    files: {
      '.gitlab-ci.yml':
        'late:\n  stage: test\n  script: echo\nearly:\n  stage: build\n  needs: [late]\n  script: echo\n',
    },
    expect: { problem: 'early needs "late", which is in a later stage' },
  },
  {
    case: 'needs-not-array',
    checks: 'needs must be a list',
    files: { '.gitlab-ci.yml': 'a:\n  script: echo\nb:\n  needs: a\n  script: echo\n' },
    expect: { problem: 'b.needs: expected a list of job names' },
  },
  {
    case: 'needs-optional',
    checks: 'an optional need on a job rules leave out',
    files: {
      '.gitlab-ci.yml': `left-out:
  stage: build
  rules:
    - when: never
  script: echo "left out ran"
runs:
  needs:
    - job: left-out
      optional: true
  script: echo "runs anyway"
`,
    },
    withNeeds: true,
    expect: { status: { runs: 'success' }, output: { runs: ['runs anyway'] }, absent: ['left out ran'] },
  },
  {
    case: 'needs-optional-complex',
    checks: 'an optional need on a job whose rules (from a !reference) do not match',
    files: {
      '.gitlab-ci.yml': `variables:
  FLAG: "on"
.only-with-file:
  rules:
    - if: $FLAG == "on"
      exists: [marker.txt]
first:
  stage: build
  script: echo "first ran"
maybe:
  stage: build
  rules:
    - !reference [.only-with-file, rules]
  script: echo "maybe ran"
last:
  needs:
    - first
    - job: maybe
      optional: true
  script: echo "last ran"
`,
    },
    expect: {
      status: { first: 'success', maybe: 'skipped', last: 'success' },
      absent: ['maybe ran'],
    },
  },
  {
    case: 'needs-same-stage',
    checks: 'a need in the same stage',
    files: {
      '.gitlab-ci.yml': 'second:\n  needs: [first]\n  script: echo second\nfirst:\n  script: echo first\n',
    },
    select: ['second'],
    withNeeds: true,
    expect: { status: { first: 'success', second: 'success' } },
  },
  {
    case: 'needs-unspecified-job',
    checks: 'needing a job that does not exist is refused',
    files: { '.gitlab-ci.yml': 'a:\n  needs: [ghost]\n  script: echo\n' },
    expect: { problem: 'a needs "ghost", which is not a job in this file' },
  },
  {
    case: 'never-needs',
    checks: 'needing a job rules leave out is refused unless optional',
    files: {
      '.gitlab-ci.yml': `gone:
  stage: .pre
  rules:
    - when: never
  script: echo gone
needs-it:
  needs: [gone]
  script: echo
`,
    },
    expect: { problem: 'needs "gone", which is not in this pipeline' },
  },
  {
    case: 'self-dependency',
    checks: 'a job needing itself is refused (a cycle)',
    files: { '.gitlab-ci.yml': 'job:\n  script: echo\n  needs: [job]\n' },
    expect: { problem: 'needs form a cycle' },
  },
  {
    case: 'needs-sequence',
    checks: "a needs chain run with its needs; a need on another project's job is ignored offline",
    files: {
      '.gitlab-ci.yml': `deploy:
  stage: deploy
  needs: [test]
  script: echo "deploy ran"
test:
  stage: test
  needs: [build]
  script: echo "test ran"
build:
  stage: build
  needs: [pre]
  script: echo "build ran"
pre:
  stage: .pre
  script: echo "pre ran"
unrelated:
  stage: test
  script: echo "unrelated ran"
premium:
  needs:
    - project: group/other
      job: release
      ref: main
      artifacts: true
  script: echo premium
`,
    },
    select: ['deploy'],
    withNeeds: true,
    expect: {
      status: { pre: 'success', build: 'success', test: 'success', deploy: 'success' },
      notInRun: ['unrelated', 'premium'],
    },
  },
];
