// act fidelity cases (see act-cases.ts) about matrix strategies: expressions in the matrix,
// include/exclude, and needs across matrix jobs.
import { type ActCase, W } from './act-case.ts';

/** The build job of the matrix cases: named after, and run on, its matrix os, over two oses and two nodes. */
const phpBuildJob = `  build:
    name: PHP \${{ matrix.os }} \${{ matrix.node }}
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-18.04, macos-latest]
        node: [4, 6]
`;

/** Steps that check the job's NODE_VERSION is its matrix node. */
const stepsCheckingMatrixNode = `    steps:
      - run: echo \${NODE_VERSION} | grep \${{ matrix.node }}
        env:
          NODE_VERSION: \${{ matrix.node }}
`;

/** How the cockpit differs where act computes a matrix from other jobs' outputs: it refuses the file. */
function refusesMatrixFromOutputs(reason: string): ActCase['differs'] {
  return {
    reason,
    check: 'refused',
    message: /a matrix computed from other jobs' outputs is not supported yet/,
  };
}

export const matrixCases: ActCase[] = [
  {
    name: 'evalmatrix',
    files: {
      [W]: `on: push
jobs:
  from-json:
    strategy:
      matrix: |-
        \${{ fromJson('{ "A": [ "A", "B" ] }') }}
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ matrix.A && '0' || '1' }}
  include-only:
    strategy:
      matrix:
        include:
          - def: val
    runs-on: ubuntu-latest
    outputs:
      result: \${{ steps.r.outputs.result }}
    steps:
      - run: exit \${{ matrix.def == 'val' && '0' || '1' }}
      - id: r
        run: echo "::set-output name=result::success"
  after-include:
    needs: include-only
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ needs.include-only.outputs.result == 'success' && '0' || '1' }}
  extra-properties:
    strategy:
      matrix:
        x: [0]
        y: [0]
        include:
          - def: val
            y: 0
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ matrix.def == 'val' && matrix.x == 0 && matrix.y == 0 && '0' || '1' }}
`,
    },
    jobs: {
      'from-json (A)': 'success',
      'from-json (B)': 'success',
      'include-only (val)': 'success',
      'after-include': 'success',
      'extra-properties (0, 0, val)': 'success',
    },
  },
  {
    name: 'evalmatrixneeds',
    files: {
      [W]: `on: push
jobs:
  prepare:
    runs-on: ubuntu-latest
    outputs:
      matrix: \${{ steps.r.outputs.matrix }}
    steps:
      - id: r
        run: echo 'matrix={"package":["a","b"]}' >> "$GITHUB_OUTPUT"
  evalm:
    needs: prepare
    strategy:
      matrix: \${{ fromJson(needs.prepare.outputs.matrix) }}
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ matrix.package && '0' || '1' }}
`,
    },
    jobs: { prepare: 'success', 'evalm (a)': 'success', 'evalm (b)': 'success' },
    differs: refusesMatrixFromOutputs(
      "a matrix computed from another job's outputs: the cockpit fixes the plan when the run starts",
    ),
  },
  {
    name: 'evalmatrixneeds2',
    files: {
      [W]: `on: push
jobs:
  prepare:
    runs-on: ubuntu-latest
    outputs:
      list: \${{ steps.r.outputs.list }}
      key: steady
    steps:
      - id: r
        run: echo 'list=["a","b"]' >> "$GITHUB_OUTPUT"
  evalm:
    needs: prepare
    strategy:
      matrix:
        one: \${{ fromJson(needs.prepare.outputs.list) }}
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ matrix.one && '0' || '1' }}
`,
    },
    jobs: { prepare: 'success', 'evalm (a)': 'success', 'evalm (b)': 'success' },
    differs: refusesMatrixFromOutputs(
      "a matrix computed from another job's outputs (here also its key): the plan is fixed when the run starts",
    ),
  },
  {
    name: 'evalmatrix-merge-map',
    files: {
      [W]: `on: push
jobs:
  a:
    strategy:
      matrix:
        a:
          - env:
              key1: val1
              \${{ insert }}:
                key2: val2
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ (matrix.a.env.key1 == 'val1' && matrix.a.env.key2 == 'val2') && '0' || '1' }}
`,
    },
    jobs: { 'a ({"env":{"key1":"val1","key2":"val2"}})': 'success' },
    note: "act's case also merges a second `${{ insert }}` key holding fromJSON(…); the fixture has one",
  },
  {
    name: 'evalmatrix-merge-array',
    files: {
      [W]: `on: push
jobs:
  a:
    strategy:
      matrix:
        a:
          - env:
              key1: \${{ 'val' }}1
          - \${{ fromJSON('[{"env":{"key2":"val2"}},{"env":{"key3":"val3"}}]') }}
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ (matrix.a.env.key1 == 'val1' || matrix.a.env.key2 == 'val2' || matrix.a.env.key3 == 'val3') && '0' || '1' }}
`,
    },
    jobs: {
      'a ({"env":{"key1":"val1"}})': 'success',
      'a ({"env":{"key2":"val2"}})': 'success',
      'a ({"env":{"key3":"val3"}})': 'success',
    },
  },
  {
    name: 'issue-1195',
    origin: 'https://github.com/nektos/act.git',
    files: {
      [W]: `on: push
env:
  variable: "\${{ github.repository_owner }}"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: exit \${{ (env.variable == 'nektos') && '0' || '1' }}
`,
    },
    jobs: { test: 'success' },
  },
  {
    name: 'matrix',
    files: {
      [W]: `on: push
jobs:
${phpBuildJob}${stepsCheckingMatrixNode}  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [8.x, 10.x]
${stepsCheckingMatrixNode}`,
    },
    jobs: {
      'PHP ubuntu-18.04 4': 'success',
      'PHP ubuntu-18.04 6': 'success',
      'PHP macos-latest 4': 'success',
      'PHP macos-latest 6': 'success',
      'test (8.x)': 'success',
      'test (10.x)': 'success',
    },
  },
  {
    name: 'matrix-include-exclude',
    files: {
      [W]: `on: push
jobs:
${phpBuildJob}        exclude:
          - os: macos-latest
            node: 4
        include:
          - os: ubuntu-16.04
            node: 10
${stepsCheckingMatrixNode}`,
    },
    jobs: {
      'PHP ubuntu-18.04 4': 'success',
      'PHP ubuntu-18.04 6': 'success',
      'PHP macos-latest 6': 'success',
      'PHP ubuntu-16.04 10': 'success',
    },
  },
];
