// act fidelity cases (see act-cases.ts) about shells, runs-on, failing steps and checkout.
import { type ActCase, W } from './act-case.ts';

export const shellCases: ActCase[] = [
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
];

function script(shell: 'bash' | 'sh' | 'python'): string {
  if (shell === 'bash') return `'if [[ -n "$BASH" ]]; then echo "I am $BASH"; else exit 1; fi'`;
  if (shell === 'sh') return `'if [ -z \${BASH+x} ]; then echo "I am sh"; else exit 1; fi'`;
  return `|
          import platform
          print(platform.python_version())`;
}
