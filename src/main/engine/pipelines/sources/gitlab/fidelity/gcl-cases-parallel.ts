// gitlab-ci-local fidelity cases (see gcl-cases.ts) about parallel and parallel:matrix jobs, and
// needs on matrix jobs.
import type { FidelityCase } from './fidelity-case.ts';

/** A job's `parallel: matrix:` with one CLOUD list (`'aws, gcp'`). */
const cloudMatrix = (clouds: string) => `  parallel:
    matrix:
      - CLOUD: [${clouds}]
`;

/** A job's `needs:` on the combination of `make` whose CLOUD is its own `$[[ matrix.<key> ]]`. */
const needsMakeOfMatrix = (key: string) => `  needs:
    - job: make
      parallel:
        matrix:
          - CLOUD: $[[ matrix.${key} ]]
`;

export const parallelCases: FidelityCase[] = [
  {
    case: 'needs-parallel',
    checks: 'needs chains (one via !reference), run with what they need',
    files: {
      '.gitlab-ci.yml': `pre:
  stage: .pre
  script: echo "pre ran"
build:
  stage: build
  needs: [pre]
  script: echo "build ran"
.needs:
  needs: [build]
test:
  stage: test
  needs: [pre, !reference [.needs, needs]]
  script: echo "test ran"
deploy:
  stage: deploy
  needs: [pre, build, test]
  script: echo "deploy ran"
`,
    },
    select: ['deploy'],
    withNeeds: true,
    expect: { status: { pre: 'success', build: 'success', test: 'success', deploy: 'success' } },
  },
  {
    case: 'parallel',
    checks: 'parallel: N with CI_NODE_INDEX / CI_NODE_TOTAL',
    files: {
      '.gitlab-ci.yml': `shards:
  stage: build
  parallel: 2
  script: echo "node $CI_NODE_INDEX/$CI_NODE_TOTAL"
single:
  stage: build
  parallel: 1
  script: echo "node $CI_NODE_INDEX/$CI_NODE_TOTAL"
`,
    },
    expect: {
      status: { 'shards 1/2': 'success', 'shards 2/2': 'success', 'single 1/1': 'success' },
      output: { 'shards 1/2': ['node 1/2'], 'shards 2/2': ['node 2/2'], 'single 1/1': ['node 1/1'] },
    },
    differs: 'jobs are named as GitLab names them ("shards 1/2"); gitlab-ci-local says "shards: [1/2]"',
  },
  {
    case: 'parallel-matrix',
    checks: 'parallel: matrix names, variables and node index; needs on all combinations',
    files: {
      '.gitlab-ci.yml': `build:
  stage: build
  parallel:
    matrix:
      - NAME: [red, blue]
      - NAME: green
  script:
    - echo "name=$NAME $CI_NODE_INDEX/$CI_NODE_TOTAL"
    - echo "$NAME" > "built-$NAME"
check:
  stage: test
  needs: [build]
  script:
    - test -f built-red && test -f built-blue && test -f built-green
`,
    },
    expect: {
      status: {
        'build: [red]': 'success',
        'build: [blue]': 'success',
        'build: [green]': 'success',
        check: 'success',
      },
      output: {
        'build: [red]': ['name=red 1/3'],
        'build: [blue]': ['name=blue 2/3'],
        'build: [green]': ['name=green 3/3'],
      },
    },
  },
  {
    case: 'needs-parallel-matrix-static',
    checks: 'needs on one, two and a partial selection of matrix combinations',
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
build:
  stage: build
  parallel:
    matrix:
      - NAME: [foo, bar, baz]
  script: echo "build $NAME"
multi:
  stage: build
  parallel:
    matrix:
      - ARCH: [x64, arm]
        OS: [linux, mac]
  script: echo "multi $ARCH/$OS"
one:
  stage: test
  needs:
    - job: build
      parallel:
        matrix:
          - NAME: foo
  script: echo one
two:
  stage: test
  needs:
    - job: build
      parallel:
        matrix:
          - NAME: [foo, bar]
  script: echo two
partial:
  stage: test
  needs:
    - job: multi
      parallel:
        matrix:
          - ARCH: x64
  script: echo partial
`,
    },
    select: ['one', 'two', 'partial'],
    withNeeds: true,
    expect: {
      status: {
        'build: [foo]': 'success',
        'build: [bar]': 'success',

        'multi: [x64, linux]': 'success',
        'multi: [x64, mac]': 'success',

        one: 'success',
        two: 'success',
        partial: 'success',
      },
      notInRun: ['build: [baz]', 'multi: [arm, linux]', 'multi: [arm, mac]'],
    },
  },
  {
    case: 'parallel-matrix-long-name',
    checks: 'a matrix value hundreds of characters long',
    files: {
      '.gitlab-ci.yml': `build:
  parallel:
    matrix:
      - APP:
          - "${'a-very-long-application-description,'.repeat(8)}end"
          - short
  script: echo "app=$APP"
`,
    },
    expect: { status: { 'build: [short]': 'success' }, output: { 'build: [short]': ['app=short'] } },
  },
  {
    case: 'needs-parallel-matrix-error',
    checks: 'needs by parallel: matrix on a job without a matrix is refused',
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
plain:
  stage: build
  script: echo
use:
  stage: test
  needs:
    - job: plain
      parallel:
        matrix:
          - NAME: foo
  script: echo
`,
    },
    expect: { problem: 'use needs "plain" by parallel: matrix, but it has no parallel: matrix' },
  },
  {
    case: 'needs-parallel-matrix-expressions',
    checks: '$[[ matrix.X ]] in needs: each consumer combination needs its own producer combination',
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
make:
  stage: build
${cloudMatrix('aws, gcp, azure')}  script: echo "made $CLOUD"
check:
  stage: test
${cloudMatrix('aws, gcp')}${needsMakeOfMatrix('CLOUD')}  script: echo "checked $CLOUD"
`,
    },
    select: ['check'],
    withNeeds: true,
    expect: {
      status: {
        'make: [aws]': 'success',
        'make: [gcp]': 'success',
        'check: [aws]': 'success',
        'check: [gcp]': 'success',
      },
      notInRun: ['make: [azure]'],
    },
  },
  {
    case: 'needs-parallel-matrix-expressions-unknown-identifier',
    checks: '$[[ matrix.X ]] naming a key the consumer does not have is refused',
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
make:
  stage: build
${cloudMatrix('aws')}  script: echo
check:
  stage: test
${cloudMatrix('aws')}${needsMakeOfMatrix('REGION')}  script: echo
`,
    },
    expect: { problem: 'check: $[[ matrix.REGION ]] is not a key of its parallel: matrix' },
  },
  {
    case: 'needs-parallel-matrix-expressions-non-parallel-consumer',
    checks: '$[[ matrix.X ]] in a job without parallel: matrix is refused',
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
make:
  stage: build
${cloudMatrix('aws')}  script: echo
check:
  stage: test
${needsMakeOfMatrix('CLOUD')}  script: echo
`,
    },
    expect: { problem: 'check uses $[[ matrix.CLOUD ]] in needs but has no parallel: matrix' },
  },
  {
    case: 'needs-parallel-matrix-artifacts',
    checks: "each consumer combination receives only its own producer combination's artifacts",
    files: {
      '.gitlab-ci.yml': `stages: [build, test]
make:
  stage: build
${cloudMatrix('aws, gcp')}  script: echo "DATA=$CLOUD-data" > "data-$CLOUD.env"
  artifacts:
    reports:
      dotenv: data-$CLOUD.env
check:
  stage: test
${cloudMatrix('aws, gcp')}${needsMakeOfMatrix('CLOUD')}  script: echo "got $DATA"
`,
    },
    expect: { output: { 'check: [aws]': ['got aws-data'], 'check: [gcp]': ['got gcp-data'] } },
    differs: 'files are not isolated per job on the host; the case is reproduced with dotenv reports',
  },
];
