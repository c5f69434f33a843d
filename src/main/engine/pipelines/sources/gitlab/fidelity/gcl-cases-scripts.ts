// gitlab-ci-local fidelity cases (see gcl-cases.ts) about scripts and variables: before/after
// scripts, sections, failures, expansion and predefined variables.
import type { FidelityCase } from './fidelity-case.ts';

export const scriptCases: FidelityCase[] = [
  {
    case: 'after-script',
    checks: 'after_script from default:, and CI_JOB_STATUS in script and after_script',
    files: {
      '.gitlab-ci.yml': `default:
  after_script:
    - echo "default cleanup"
uses-default:
  stage: build
  script: echo working
ok:
  stage: deploy
  script:
    - echo "in script $CI_JOB_STATUS"
  after_script:
    - echo "after $CI_JOB_STATUS"
broken:
  stage: .post
  script: exit 1
  after_script:
    - echo "after $CI_JOB_STATUS"
`,
    },
    expect: {
      status: { 'uses-default': 'success', ok: 'success', broken: 'failed' },
      output: {
        'uses-default': ['default cleanup'],
        ok: ['in script running', 'after success'],
        broken: ['after failed'],
      },
    },
  },
  {
    case: 'ansi-sections',
    checks: 'section_start/section_end markers in the output',
    files: {
      '.gitlab-ci.yml': `job:
  script:
    - echo -e "\\e[0Ksection_start:$(date +%s):part[collapsed=true]\\r\\e[0KA part"
    - echo inside
    - echo -e "\\e[0Ksection_end:$(date +%s):part\\r\\e[0K"
`,
    },
    expect: { status: { job: 'success' }, output: { job: ['inside'] } },
  },
  {
    case: 'before-script-default',
    checks: 'before_script from default:',
    files: {
      '.gitlab-ci.yml': `default:
  before_script:
    - echo "prepared by default"
job:
  script: echo work
`,
    },
    expect: { status: { job: 'success' }, output: { job: ['prepared by default', 'work'] } },
  },
  {
    case: 'before-script',
    checks: "a job's before_script",
    files: {
      '.gitlab-ci.yml': `job:
  before_script:
    - echo "prepared"
  script: echo work
`,
    },
    expect: { status: { job: 'success' }, output: { job: ['prepared', 'work'] } },
  },
  {
    case: 'environment',
    checks: 'CI_ENVIRONMENT_NAME, _SLUG, _URL, _ACTION, _TIER from environment:, with expansion',
    files: {
      '.gitlab-ci.yml': `stages: [deploy]
staging:
  stage: deploy
  variables:
    SUFFIX: blue
  environment:
    name: staging-$SUFFIX
    url: https://staging.example.org
    action: stop
    deployment_tier: staging
  script:
    - echo "$CI_ENVIRONMENT_NAME $CI_ENVIRONMENT_SLUG $CI_ENVIRONMENT_URL $CI_ENVIRONMENT_ACTION $CI_ENVIRONMENT_TIER"
renamed:
  stage: deploy
  variables:
    LONG: foobar-long-string
  environment:
    name: stage-domain-$LONG
  script: echo "slug=$CI_ENVIRONMENT_SLUG"
spaced:
  stage: deploy
  environment: Stage Domain
  script: echo "slug=$CI_ENVIRONMENT_SLUG"
`,
    },
    expect: {
      status: { staging: 'success', renamed: 'success', spaced: 'success' },
      output: {
        staging: ['staging-blue staging-blue https://staging.example.org stop staging'],
        // GitLab's slugs for these names (a changed or long name gets a hash suffix).
        renamed: ['slug=stage-domain-foob-yafktx'],
        spaced: ['slug=stage-domain-ip33nk'],
      },
    },
  },
  {
    case: 'plain',
    checks: 'job variables, GITLAB_USER_LOGIN, stderr, quotes',
    files: {
      '.gitlab-ci.yml': `build:
  stage: build
  variables:
    WORD: abracadabra
  script:
    - 'echo \${WORD}'
test:
  script:
    - test -n "$GITLAB_USER_LOGIN"
    - '>&2 echo "to stderr"'
    - echo "\\""
`,
    },
    expect: {
      status: { build: 'success', test: 'success' },
      output: { build: ['abracadabra'], test: ['to stderr', '"'] },
    },
  },
  {
    case: 'variable-escaping',
    checks: '$$ in a variable is a literal $',
    files: {
      '.gitlab-ci.yml': `job:
  variables:
    OPTS: '-la'
    COMMAND: 'ls "$OPTS" $$HOME_DIR'
  script: echo "$COMMAND"
`,
    },
    expect: { status: { job: 'success' }, output: { job: ['ls "-la" $HOME_DIR'] } },
  },
  {
    case: 'variable-expansion',
    checks: 'nested expansion ${A_${B}} and ${${B}_A} in job variables; CI_JOB_NAME with odd characters',
    files: {
      '.gitlab-ci.yml': `variables:
  PROD_HOST: prod-host
  HOST_PROD: host-prod
.print:
  script: echo "host=$HOST"
inner-first:
  extends: .print
  variables:
    HOST: \${HOST_\${TIER}}
    TIER: PROD
inner-last:
  extends: .print
  variables:
    HOST: \${\${TIER}_HOST}
    TIER: PROD
"name with ' quote":
  script: echo "$CI_JOB_NAME"
`,
    },
    expect: {
      output: {
        'inner-first': ['host=host-prod'],
        'inner-last': ['host=prod-host'],
        "name with ' quote": ["name with ' quote"],
      },
    },
  },
  {
    case: 'variables-null',
    checks: 'a variable without a value is empty',
    files: {
      '.gitlab-ci.yml': `variables:
  GLOBAL_EMPTY:
job:
  variables:
    JOB_EMPTY:
  script:
    - echo "global=[$GLOBAL_EMPTY] job=[$JOB_EMPTY]"
`,
    },
    expect: { output: { job: ['global=[] job=[]'] } },
  },
  {
    case: 'script-failures',
    checks: 'failing scripts and after_scripts, allowed failures, a need that failed',
    files: {
      '.gitlab-ci.yml': `fails:
  script:
    - echo "before the failure"
    - exit 1
fails-twice:
  script: exit 1
  after_script: exit 1
allowed:
  allow_failure: true
  script:
    - echo "printed before the failure"
    - exit 1
allowed-after:
  allow_failure: true
  script: exit 1
  after_script: exit 1
after-fails:
  stage: deploy
  needs: [fails]
  script: echo "never"
`,
    },
    expect: {
      status: {
        fails: 'failed',
        'fails-twice': 'failed',
        allowed: 'failed',
        'allowed-after': 'failed',
        'after-fails': 'skipped',
      },
      output: { fails: ['before the failure'], allowed: ['printed before the failure'] },
      absent: ['never'],
    },
  },
  {
    case: 'long-running-silent-build-job',
    checks: 'a job that prints now and then over eleven seconds',
    files: {
      '.gitlab-ci.yml': `job:
  script:
${Array.from({ length: 11 }, (_, i) => `    - sleep 1\n    - echo ${i + 1}`).join('\n')}
`,
    },
    expect: {
      status: { job: 'success' },
      output: { job: Array.from({ length: 11 }, (_, i) => String(i + 1)) },
    },
  },
  {
    case: 'long-running-silent-test-job',
    checks: 'a job silent for eleven seconds',
    files: { '.gitlab-ci.yml': 'job:\n  script:\n    - sleep 11\n    - echo "after the silence"\n' },
    expect: { status: { job: 'success' }, output: { job: ['after the silence'] } },
  },
  {
    case: 'predefined-variables',
    checks: 'CI_PROJECT_DIR in a shell job',
    files: { '.gitlab-ci.yml': 'job:\n  script: test "$CI_PROJECT_DIR" = "$PWD" && echo "in the project"\n' },
    expect: { status: { job: 'success' }, output: { job: ['in the project'] } },
    differs:
      'CI_PROJECT_DIR is the project folder itself; gitlab-ci-local --shell-isolation copies it to a builds folder per job',
  },
];
