// act fidelity cases (see act-cases.ts) about actions: JavaScript, composite and remote actions,
// their outputs, errors and pre/post steps.
import { type ActCase, W, HELLO_ACTION, HELLO_JS, HELLO_WORLD_ACTION_CACHE, GREETER } from './act-case.ts';

export const actionCases: ActCase[] = [
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
    name: 'remote-action-js',
    actionCache: HELLO_WORLD_ACTION_CACHE,
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
