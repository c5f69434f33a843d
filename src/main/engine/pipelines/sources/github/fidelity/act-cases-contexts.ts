// act fidelity cases (see act-cases.ts) about contexts and expressions: workflow commands, env,
// outputs, steps context, job status and if:.
import { type ActCase, W, HELLO_WORLD_ACTION_CACHE } from './act-case.ts';

/**
 * act's steps-context/<field> case: a passing step and a failing one with continue-on-error, and
 * what steps.<id>.<field> says of each (the second: `secondIs`).
 */
function stepsContextCase(field: 'conclusion' | 'outcome', secondIs: string): ActCase {
  return {
    name: `steps-context/${field}`,
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
      - run: echo '\${{ steps.first.${field} }}' | grep success
      - run: echo '\${{ steps.second.${field} }}' | grep ${secondIs}
`,
    },
    jobs: { check: 'success' },
  };
}

export const contextCases: ActCase[] = [
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
    name: 'issue-597',
    actionCache: HELLO_WORLD_ACTION_CACHE,
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
    actionCache: HELLO_WORLD_ACTION_CACHE,
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
  stepsContextCase('conclusion', 'success'),
  stepsContextCase('outcome', 'failure'),
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
];
