// The behaviour of nektos/act's host-executor runner cases (pkg/runner/runner_test.go, the list run
// on Linux with `-self-hosted`), reproduced with this project's own fixtures: for each case, the
// files of a repository, the event, and which jobs succeed, fail or are skipped. Container-only jobs
// of a case are left out (they need Docker); `note` says what else differs and why.

export type Outcome = 'success' | 'failed' | 'skipped' | 'cancelled';

export interface ActCase {
  /** The case's folder in act's pkg/runner/testdata. */
  name: string;
  event?: string;
  files: Record<string, string>;
  /** Job (display name) → its status, as act's case expects it. */
  jobs: Record<string, Outcome>;
  /** A case act passes and the cockpit does not: our behaviour is checked instead, and counted. */
  differs?: { reason: string; check: 'refused'; message: RegExp };
  /** Not offline-capable here, with the reason (not counted). */
  notApplicable?: string;
  /** What the fixture changes from act's case and why (the behaviour stays). */
  note?: string;
  /** Files put into the offline action cache (<data dir>/actions/…). */
  actionCache?: Record<string, string>;
  /** The repository's origin remote. */
  origin?: string;
}

const W = '.github/workflows/case.yml';

const HELLO_ACTION = `name: Hello
description: greets
inputs:
  who-to-greet:
    description: whom
    default: World
outputs:
  time:
    description: when
runs:
  using: node20
  main: index.js
`;
const HELLO_JS = `const fs = require('fs');
const who = process.env['INPUT_WHO-TO-GREET'] ?? process.env.INPUT_WHO_TO_GREET;
console.log('Hello ' + who + '!');
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'time=' + new Date().toISOString() + '\\n');
const payload = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
console.log('event has ref', payload.ref);
`;

const GREETER = `name: Checks its inputs
description: composite with inputs and outputs
inputs:
  needed:
    description: required
    required: true
  optional:
    description: optional
    default: optional-default
  optional-given:
    description: optional, given
    default: optional-default
  needed-with-default:
    description: required with a default
    required: true
    default: needed-default
  passed-secret:
    description: a secret as input
outputs:
  result:
    description: out
    value: \${{ steps.out.outputs.result }}
  combined:
    description: secret and env
    value: \${{ format('{0}+{1}', inputs.passed-secret, env.passed_secret) }}
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        echo "needed=\${{ inputs.needed }} optional=\${{ inputs.optional }}"
        [ "\${{ inputs.needed }}" = "needed-value" ] || exit 1
    - shell: bash
      run: '[ "\${{ inputs.optional }}" = "optional-default" ] || [ "\${{ inputs.optional }}" = "optional-value" ] || exit 2'
    - shell: bash
      run: '[ "\${{ inputs.optional-given }}" = "given" ] || exit 3'
    - shell: bash
      run: '[ "\${{ inputs.needed-with-default }}" = "needed-default" ] || [ "\${{ inputs.needed-with-default }}" = "given" ] || exit 4'
    - id: out
      shell: bash
      run: |
        echo "result=the-result" >> "$GITHUB_OUTPUT"
        echo "FROM_ACTION=set by the action" >> "$GITHUB_ENV"
`;

export const ACT_CASES: ActCase[] = [
  {
    name: 'shells/defaults',
    files: {
      [W]: `on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - run: |
          if [[ -n "$BASH" ]]; then echo "bash: $BASH"; else exit 1; fi
`,
    },
    jobs: { check: 'success' },
    note: 'the container job (sh in alpine) needs Docker and is left out',
  },
  {
    name: 'shells/pwsh',
    files: {},
    jobs: {},
    notApplicable: 'pwsh is not installed on this machine (the cockpit runs shell: pwsh when it is)',
  },
  ...(['bash', 'sh', 'python'] as const).map((shell): ActCase => ({
    name: `shells/${shell}`,
    files: {
      [W]: `on: push
env:
  MY_SHELL: ${shell}
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - shell: ${shell}
        run: ${script(shell)}
  check-job-default:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: \${{ env.MY_SHELL }}
    steps:
      - run: ${script(shell)}
`,
    },
    jobs: { check: 'success', 'check-job-default': 'success' },
    note: 'the container job needs Docker and is left out',
  })),
  {
    name: 'local-action-js',
    files: {
      [W]: `on: push
jobs:
${['node12', 'node16', 'node20']
  .map(
    (version) => `  test-${version}:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./actions/${version}
        with:
          who-to-greet: Mona
`,
  )
  .join('')}`,
      'actions/node12/action.yml': HELLO_ACTION.replace('node20', 'node12'),
      'actions/node12/index.js': HELLO_JS,
      'actions/node16/action.yml': HELLO_ACTION.replace('node20', 'node16'),
      'actions/node16/index.js': HELLO_JS,
      'actions/node20/action.yml': HELLO_ACTION,
      'actions/node20/index.js': HELLO_JS,
    },
    jobs: { 'test-node12': 'success', 'test-node16': 'success', 'test-node20': 'success' },
    note: "act's actions are bundled with @actions/core; ours write GITHUB_OUTPUT directly. All run on the host's node",
  },
  {
    name: 'uses-composite',
    files: {
      'actions/greeter/action.yml': GREETER,
      [W]: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/greeter
        id: first
        with:
          needed: needed-value
          optional: optional-value
          optional-given: given
          needed-with-default: given
          passed-secret: \${{ secrets.NOT_SET || 'NO SECRET' }}
        env:
          passed_secret: \${{ secrets.NOT_SET || 'NO SECRET' }}
      - if: steps.first.outputs.result != 'the-result'
        run: exit 1
      - run: '[[ "\${{ steps.first.outputs.combined == format(''{0}+{0}'', ''NO SECRET'') }}" = "true" ]]'
      - run: '[[ "$FROM_ACTION" = "set by the action" ]]'
      - uses: ./actions/greeter
        id: second
        with:
          needed: needed-value
          optional-given: given
      - if: steps.second.outputs.result != 'the-result'
        run: exit 1
`,
    },
    jobs: { test: 'success' },
  },
  {
    name: 'uses-composite-with-error',
    files: {
      'actions/broken/action.yml': `name: broken
description: fails
runs:
  using: composite
  steps:
    - run: exit 1
      shell: bash
    - run: echo should not run inside && exit 1
      shell: bash
`,
      [W]: `on: push
jobs:
  failing-composite-action:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/broken
      - run: echo should run
        if: failure()
      - run: echo should not run && exit 1
`,
    },
    jobs: { 'failing-composite-action': 'failed' },
  },
  {
    name: 'uses-nested-composite',
    files: {
      'actions/greeter/action.yml': GREETER,
      'actions/outer/action.yml': `name: outer
description: nests
inputs:
  given:
    description: a value
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: '>=18'
    - shell: node {0}
      env:
        GIVEN: \${{ inputs.given }}
      run: |
        if (process.env.GIVEN !== "Test") process.exit(1);
        console.log("node", process.version);
    - uses: ./actions/greeter
      id: inner
      with:
        needed: needed-value
        optional-given: given
        passed-secret: \${{ inputs.given }}
      env:
        passed_secret: \${{ inputs.given }}
    - shell: bash
      run: '[[ "\${{ steps.inner.outputs.result == ''the-result'' }}" = "true" ]]'
    - shell: bash
      run: '[[ "\${{ steps.inner.outputs.combined == format(''{0}+{0}'', inputs.given) }}" = "true" ]]'
`,
      [W]: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/outer
        with:
          given: Test
      - run: '[[ "$FROM_ACTION" = "set by the action" ]]'
`,
    },
    jobs: { test: 'success' },
    note: "act's case wants node 16 from setup-node; the cockpit uses the host's node, so the fixture asks for >=18 (a version the host lacks fails clearly). act splices ${{ inputs.given }} into a `node {0}` script; the cockpit gives such values to non-sh shells only through env:, so the fixture reads it from the environment",
  },
  {
    name: 'act-composite-env-test',
    files: {
      'actions/one/action.yml': `name: one
description: env levels
runs:
  using: composite
  steps:
    - run: exit 1
      if: env.OVERRIDE != '1'
      shell: bash
    - run: exit 1
      if: env.JOB != '1' || env.GLOBAL != '1'
      shell: bash
    - uses: ./actions/two
      env:
        OVERRIDE: "2"
        INNER: "1"
`,
      'actions/two/action.yml': `name: two
description: env levels
runs:
  using: composite
  steps:
    - run: exit 1
      if: env.OVERRIDE != '2' || env.INNER != '1'
      shell: bash
    - run: exit 1
      if: env.JOB != '1' || env.GLOBAL != '1'
      shell: bash
`,
      [W]: `on: push
env:
  GLOBAL: "1"
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      JOB: "1"
    steps:
      - uses: ./actions/one
        env:
          OVERRIDE: "1"
`,
    },
    jobs: { test: 'success' },
  },
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
    differs: {
      reason: "a matrix computed from another job's outputs: the cockpit fixes the plan when the run starts",
      check: 'refused',
      message: /a matrix computed from other jobs' outputs is not supported yet/,
    },
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
    differs: {
      reason:
        "a matrix computed from another job's outputs (here also its key): the plan is fixed when the run starts",
      check: 'refused',
      message: /a matrix computed from other jobs' outputs is not supported yet/,
    },
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
    name: 'fail',
    files: {
      [W]: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      TEST_ENV: test-value
    steps:
      - run: echo \${TEST_ENV} | grep bazooka
`,
    },
    jobs: { build: 'failed' },
    note: "act's job sets the variable in a container's env; here in the job's env (no Docker)",
  },
  {
    name: 'runs-on',
    files: {
      [W]: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${GITHUB_ACTOR} | grep -F "\${{ github.actor }}"
  many:
    runs-on: [ubuntu-latest]
    steps:
      - run: test -n "\${GITHUB_ACTOR}"
  selfmany:
    runs-on: [self-hosted, ubuntu-latest]
    steps:
      - run: test -n "\${GITHUB_ACTOR}"
`,
    },
    jobs: { test: 'success', many: 'success', selfmany: 'success' },
    note: 'act names the actor nektos/act; the cockpit names the local user, so the fixture greps for github.actor',
  },
  {
    name: 'checkout',
    files: {
      [W]: `on: push
jobs:
  checkout:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`,
    },
    jobs: { checkout: 'success' },
  },
  {
    name: 'remote-action-js',
    actionCache: {
      'actions/hello-world-javascript-action@main/action.yml': HELLO_ACTION,
      'actions/hello-world-javascript-action@main/index.js': HELLO_JS,
    },
    files: {
      [W]: `on: push
jobs:
  test-node:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/hello-world-javascript-action@main
        with:
          who-to-greet: Mona
`,
    },
    jobs: { 'test-node': 'success' },
    note: 'act downloads the action; the cockpit runs it from the offline action cache (<data dir>/actions/…), where the fixture puts its own copy',
  },
  {
    name: 'matrix',
    files: {
      [W]: `on: push
jobs:
  build:
    name: PHP \${{ matrix.os }} \${{ matrix.node }}
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-18.04, macos-latest]
        node: [4, 6]
    steps:
      - run: echo \${NODE_VERSION} | grep \${{ matrix.node }}
        env:
          NODE_VERSION: \${{ matrix.node }}
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [8.x, 10.x]
    steps:
      - run: echo \${NODE_VERSION} | grep \${{ matrix.node }}
        env:
          NODE_VERSION: \${{ matrix.node }}
`,
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
  build:
    name: PHP \${{ matrix.os }} \${{ matrix.node }}
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-18.04, macos-latest]
        node: [4, 6]
        exclude:
          - os: macos-latest
            node: 4
        include:
          - os: ubuntu-16.04
            node: 10
    steps:
      - run: echo \${NODE_VERSION} | grep \${{ matrix.node }}
        env:
          NODE_VERSION: \${{ matrix.node }}
`,
    },
    jobs: {
      'PHP ubuntu-18.04 4': 'success',
      'PHP ubuntu-18.04 6': 'success',
      'PHP macos-latest 6': 'success',
      'PHP ubuntu-16.04 10': 'success',
    },
  },
  {
    name: 'commands',
    files: {
      [W]: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"
    steps:
      - run: echo "::set-env name=foo::bar"
      - run: echo $foo | grep bar
      - id: out
        run: echo "::set-output name=zoo::zar"
      - run: echo "::add-path::/zip"
      - run: echo $PATH | grep /zip
      - if: steps.out.outputs.zoo
        run: echo "::set-env name=cond_env::foo"
      - run: echo $cond_env | grep foo
      - run: |
          echo "::debug file=app.js,line=100,col=20::Hello debug!"
          echo "::warning file=app.js,line=100,col=20::Hello warning!"
          echo "::error file=app.js,line=100,col=30::Hello error!"
      - run: |
          echo "::stop-commands::my-end-token"
          echo "::set-env name=foo::baz"
          echo $foo | grep bar
          echo "::my-end-token::"
          echo "::set-env name=foo::baz"
      - run: echo $foo | grep baz
`,
    },
    jobs: { build: 'success' },
  },
  {
    name: 'composite-fail-with-output',
    files: {
      'actions/fail-with-output/action.yml': `name: fails with an output
description: fails
outputs:
  customoutput:
    description: out
    value: my-customoutput-\${{ steps.color.outputs.SELECTED_COLOR }}
runs:
  using: composite
  steps:
    - id: color
      run: echo '::set-output name=SELECTED_COLOR::green'
      shell: bash
    - run: exit 1
      shell: bash
`,
      [W]: `on: push
jobs:
  test-for-output:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/fail-with-output
        id: failing
        continue-on-error: true
      - run: exit \${{ steps.failing.outputs.customoutput == 'my-customoutput-green' && '0' || '1' }}
`,
    },
    jobs: { 'test-for-output': 'success' },
  },
  {
    name: 'issue-597',
    actionCache: {
      'actions/hello-world-javascript-action@main/action.yml': HELLO_ACTION,
      'actions/hello-world-javascript-action@main/index.js': HELLO_JS,
    },
    files: {
      [W]: `on: push
jobs:
  my_first_job:
    runs-on: ubuntu-latest
    steps:
      - if: "endsWith('Should not', 'o1')"
        uses: actions/checkout@v2.0.0
        with:
          ref: refs/pull/\${{ github.event.pull_request.number }}/merge
      - if: \${{ endsWith('Hello world', 'ld') }}
        uses: actions/hello-world-javascript-action@main
        with:
          who-to-greet: Renst
      - if: "endsWith('Should not evaluate', 'o2')"
        uses: actions/checkout@v2.0.0
      - if: \${{ endsWith('Should not evaluate', 'o3') }}
        uses: actions/checkout@v2.0.0
`,
    },
    jobs: { my_first_job: 'success' },
    note: 'the remote action comes from the offline action cache',
  },
  {
    name: 'issue-598',
    actionCache: {
      'actions/hello-world-javascript-action@main/action.yml': HELLO_ACTION,
      'actions/hello-world-javascript-action@main/index.js': HELLO_JS,
    },
    files: {
      [W]: `on: push
jobs:
  my_first_job:
    runs-on: ubuntu-latest
    steps:
      - if: "endsWith('Hello world', 'o1')"
        uses: actions/hello-world-javascript-action@main
      - if: "!endsWith('Hello world', 'od')"
        uses: actions/hello-world-javascript-action@main
        with:
          who-to-greet: Renst
      - if: "endsWith('Hello world', 'o2')"
        uses: actions/hello-world-javascript-action@main
`,
    },
    jobs: { my_first_job: 'success' },
    note: 'the remote action comes from the offline action cache',
  },
  {
    name: 'if-env-act',
    files: {
      [W]: `on: push
jobs:
  if_env_test:
    runs-on: ubuntu-latest
    steps:
      - if: \${{ env.ACT }}
        run: exit 0
      - if: \${{ !env.ACT }}
        run: exit 1
`,
    },
    jobs: { if_env_test: 'success' },
  },
  {
    name: 'env-and-path',
    files: {
      [W]: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "$HOME/someFolder" >> $GITHUB_PATH
      - run: echo "$HOME/someOtherFolder" >> $GITHUB_PATH
      - run: '[[ "\${PATH}" =~ .*"$HOME/"someOtherFolder.*"$HOME/"someFolder.* ]]'
      - run: |
          dir=$(mktemp -d)
          printf '#!/bin/sh\\necho called ls\\n' > $dir/ls
          chmod +x $dir/ls
          echo $dir >> $GITHUB_PATH
      - run: ls | grep -q 'called ls'
      - run: echo "KEY=value=another" >> $GITHUB_ENV
      - run: '[[ "\${KEY}" = "value=another" ]]'
      - run: |
          echo 'KEY2<<ghadelimiter_b8273c6d-d535-419a-a010-b0aaac240e36' >> $GITHUB_ENV
          echo value2 >> $GITHUB_ENV
          echo 'ghadelimiter_b8273c6d-d535-419a-a010-b0aaac240e36' >> $GITHUB_ENV
      - run: '[[ "\${KEY2}" = "value2" ]]'
`,
    },
    jobs: { build: 'success' },
  },
  {
    name: 'non-existent-action',
    files: {
      [W]: `on: push
jobs:
  nopanic:
    runs-on: ubuntu-latest
    steps:
      - uses: ./path/to/non-existent-action
`,
    },
    jobs: { nopanic: 'failed' },
  },
  {
    name: 'outputs',
    files: {
      [W]: `on: push
jobs:
  build_output:
    runs-on: ubuntu-latest
    outputs:
      variable_1: \${{ steps.set_1.outputs.var_1 }}
      variable_2: \${{ steps.set_1.outputs.var_2 }}
      variable_3: \${{ steps.set_2.outputs.var_3 }}
    steps:
      - id: set_1
        run: |
          echo "::set-output name=var_1::$(echo var1)"
          echo "::set-output name=var_2::$(echo var2)"
      - id: set_2
        run: echo "var_3=var3" >> "$GITHUB_OUTPUT"
  build:
    needs: build_output
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ needs.build_output.outputs.variable_1 }}" | grep var1
      - run: echo "\${{ needs.build_output.outputs.variable_2 }}" | grep var2
      - run: echo "\${{ needs.build_output.outputs.variable_3 }}" | grep var3
`,
    },
    jobs: { build_output: 'success', build: 'success' },
  },
  {
    name: 'steps-context/conclusion',
    files: {
      [W]: `on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - id: first
        run: exit 0
      - id: second
        continue-on-error: true
        run: exit 1
      - run: echo '\${{ steps.first.conclusion }}' | grep success
      - run: echo '\${{ steps.second.conclusion }}' | grep success
`,
    },
    jobs: { check: 'success' },
  },
  {
    name: 'steps-context/outcome',
    files: {
      [W]: `on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - id: first
        run: exit 0
      - id: second
        continue-on-error: true
        run: exit 1
      - run: echo '\${{ steps.first.outcome }}' | grep success
      - run: echo '\${{ steps.second.outcome }}' | grep failure
`,
    },
    jobs: { check: 'success' },
  },
  {
    name: 'job-status-check',
    files: {
      [W]: `on: push
jobs:
  fail:
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
  suc1:
    if: success() || failure()
    needs: [fail]
    runs-on: ubuntu-latest
    steps:
      - run: exit 0
  suc2:
    if: success() || failure()
    needs: [fail]
    runs-on: ubuntu-latest
    steps:
      - run: exit 0
  next:
    needs: [suc1, suc2]
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
`,
    },
    jobs: { fail: 'failed', suc1: 'success', suc2: 'success', next: 'failed' },
    note: "act's case expects only that the job 'fail' fails; `next` (needs two successful jobs) runs and exits 1, as on GitHub",
  },
  {
    name: 'if-expressions',
    files: {
      [W]: `on: push
jobs:
  mytest:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./
        if: failure()
      - run: echo Success
      - run: echo Success
        if: success()
      - run: exit 1
      - run: echo "Should not run" && exit 2
        if: success()
      - run: echo "Should not run either" && exit 3
      - run: echo expected to run
        if: failure()
  next:
    needs: mytest
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`,
    },
    jobs: { mytest: 'failed', next: 'skipped' },
  },
  {
    name: 'uses-action-with-pre-and-post-step',
    actionCache: {
      'acme/js-with-pre-and-post@main/action.yml': `name: pre and post
description: sets env in each phase
runs:
  using: node20
  pre: pre.js
  main: main.js
  post: post.js
`,
      'acme/js-with-pre-and-post@main/pre.js': `require('fs').appendFileSync(process.env.GITHUB_ENV, 'ACTION_OUTPUT_PRE=pre\\n');`,
      'acme/js-with-pre-and-post@main/main.js': `require('fs').appendFileSync(process.env.GITHUB_ENV, 'ACTION_OUTPUT_MAIN=main\\n');`,
      'acme/js-with-pre-and-post@main/post.js': `require('fs').appendFileSync(process.env.GITHUB_ENV, 'ACTION_OUTPUT_POST=post\\n');`,
    },
    files: {
      'actions/last/action.yml': `name: last
description: checks what ran before its post
runs:
  using: node20
  main: main.js
  post: post.js
`,
      'actions/last/main.js': '',
      'actions/last/post.js': `const { ACTION_OUTPUT_PRE: pre, ACTION_OUTPUT_MAIN: main, ACTION_OUTPUT_POST: post } = process.env;
console.log({ pre, main, post });
if (pre !== 'pre' || main !== 'main' || post !== 'post') process.exit(1);
`,
      [W]: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/last
      - uses: acme/js-with-pre-and-post@main
      - run: cat $GITHUB_ENV
`,
    },
    jobs: { test: 'success' },
    note: 'the remote action (its own copy) comes from the offline action cache',
  },
  {
    name: 'evalenv',
    files: {
      [W]: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      BUILD_DIR: \${{ github.workspace }}/build
    steps:
      - run: '[ "$BUILD_DIR" = "$EXPECTED" ] && [ "$BUILD_DIR" = "$GITHUB_WORKSPACE/build" ]'
        env:
          EXPECTED: \${{ github.workspace }}/build
`,
    },
    jobs: { test: 'success' },
  },
  {
    name: 'ensure-post-steps',
    files: {
      'actions/composite/action.yml': `name: composite
description: two node actions with post steps
runs:
  using: composite
  steps:
    - uses: ./actions/with-post/
      with:
        fail: "true"
    - uses: ./actions/with-post/
`,
      'actions/with-post/action.yml': `name: with post
description: its post step fails when asked
inputs:
  fail:
    description: fail in post
    default: "false"
runs:
  using: node16
  main: main.js
  post: post.js
`,
      'actions/with-post/main.js': '',
      'actions/with-post/post.js': `if (process.env.INPUT_FAIL === 'true') process.exit(1);`,
      [W]: `on: push
jobs:
  second-post-step-should-fail:
    runs-on: ubuntu-latest
    steps:
      - uses: ./actions/composite/
`,
    },
    jobs: { 'second-post-step-should-fail': 'failed' },
  },
];

function script(shell: 'bash' | 'sh' | 'python'): string {
  if (shell === 'bash') return `'if [[ -n "$BASH" ]]; then echo "I am $BASH"; else exit 1; fi'`;
  if (shell === 'sh') return `'if [ -z \${BASH+x} ]; then echo "I am sh"; else exit 1; fi'`;
  return `|
          import platform
          print(platform.python_version())`;
}
