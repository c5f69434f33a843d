// The behaviour gitlab-ci-local's own test cases (tests/test-cases/<case>/ in firecow/gitlab-ci-local)
// check, for the cases that run offline with the shell executor, reproduced with this project's own
// fixtures: which jobs run, fail or are skipped, what they print, and which files are refused.
// `differs` says why the cockpit deliberately behaves otherwise; such a case asserts the cockpit's
// behaviour and counts against the fidelity figure in docs/ci-compatibility.md.
import type { JobStatus } from '../../../../../../shared/domain/run.ts';

export interface FidelityCase {
  /** The gitlab-ci-local test case reproduced. */
  case: string;
  /** What it checks, in a few words. */
  checks: string;
  files: Record<string, string>;
  /** Jobs to run (`cockpit run gitlab --job …`), with what they need when `withNeeds`. */
  select?: string[];
  withNeeds?: boolean;
  /** Manual jobs to play once the run has settled. */
  play?: string[];
  /** git commands run in the repository after its first commit. */
  git?: string[][];
  /** Run the pipeline twice; the expectations are about the second run. */
  twice?: boolean;
  /** Files written after the git commands (uncommitted changes). */
  writeAfterGit?: Record<string, string>;
  expect: {
    /** A problem with the file: the run is refused with this text. */
    problem?: string;
    status?: Record<string, JobStatus>;
    /** Lines a job's log contains. */
    output?: Record<string, string[]>;
    /** Text no job prints (commands echoed as `$ …` excepted). */
    absent?: string[];
    /** Jobs the run does not have (not selected). */
    notInRun?: string[];
    /** Files the job's artifacts keep, exactly. */
    artifacts?: Record<string, string[]>;
  };
  differs?: string;
}

export const gclCases: FidelityCase[] = [
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
    case: 'cache-conditional-policy',
    checks: 'cache policy from a variable a rule sets',
    files: {
      '.gitlab-ci.yml': `job:
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      variables:
        CACHE_POLICY: pull-push
    - if: $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH
      variables:
        CACHE_POLICY: pull
  cache:
    key: $CI_COMMIT_REF_SLUG
    policy: $CACHE_POLICY
    paths: [cached]
  script: echo cached
`,
    },
    expect: { status: { job: 'success' } },
  },
  {
    case: 'cache-shell',
    checks: 'a cache filled by one job (paths from a !reference) is restored in a later job',
    files: {
      '.gitlab-ci.yml': `.paths:
  paths: [store/**.txt]
.cached:
  cache:
    - !reference [.paths]
fill:
  extends: .cached
  stage: build
  script: mkdir -p store && echo filled > store/x.txt
read:
  stage: test
  needs: [fill]
  cache:
    paths: [store]
    policy: pull
  script: test -f store/x.txt
`,
    },
    expect: { status: { fill: 'success', read: 'success' } },
  },
  {
    case: 'cache-shell-fail',
    checks: 'a cache whose paths match nothing saves nothing, and the next job finds nothing',
    files: {
      '.gitlab-ci.yml': `fill:
  stage: build
  cache:
    key: shared
    paths: [store/**/*]
  script: "true"
read:
  stage: test
  needs: [fill]
  cache:
    key: shared
    paths: [store]
    policy: pull
  script: (! test -f store/x.txt)
`,
    },
    expect: {
      status: { fill: 'success', read: 'success' },
      output: { fill: ["Saved cache 'shared' (0 paths)"] },
    },
  },
  {
    case: 'cache-when',
    checks: 'cache: when on_success / on_failure / always against a job that passes or fails',
    files: {
      '.gitlab-ci.yml': `.c:
  script: mkdir -p keep && touch keep/x.txt
ok-on-success:
  extends: .c
  cache: { key: a, paths: [keep], policy: push, when: on_success }
failed-on-success:
  cache: { key: b, paths: [keep], policy: push, when: on_success }
  script: mkdir -p keep && touch keep/x.txt && exit 1
ok-on-failure:
  extends: .c
  cache: { key: c, paths: [keep], policy: push, when: on_failure }
failed-on-failure:
  cache: { key: d, paths: [keep], policy: push, when: on_failure }
  script: mkdir -p keep && touch keep/x.txt && exit 1
failed-always:
  cache: { key: e, paths: [keep], policy: push, when: always }
  script: mkdir -p keep && touch keep/x.txt && exit 1
`,
    },
    expect: {
      status: {
        'ok-on-success': 'success',
        'failed-on-success': 'failed',
        'ok-on-failure': 'success',
        'failed-on-failure': 'failed',
        'failed-always': 'failed',
      },
      output: {
        'ok-on-success': ["Saved cache 'a' (1 paths)"],
        'failed-on-failure': ["Saved cache 'd' (1 paths)"],
        'failed-always': ["Saved cache 'e' (1 paths)"],
      },
      absent: ["Saved cache 'b'", "Saved cache 'c'"],
    },
  },
  {
    case: 'dependencies-not-found',
    checks: 'dependencies on a job that does not exist is refused',
    files: { '.gitlab-ci.yml': 'job:\n  script: echo\n  dependencies: [ghost]\n' },
    expect: { problem: 'dependencies: "ghost" is not a job in this file' },
  },
  {
    case: 'duplicated-keys',
    checks: 'a repeated top-level key wins over the earlier one, whose anchor still works',
    files: {
      '.gitlab-ci.yml': `variables: &first
  ONE: "1"
variables: &second
  TWO: "2"
from-second:
  variables:
    <<: *second
  script: echo "one=$ONE two=$TWO"
from-first:
  variables:
    <<: *first
  script: echo "one=$ONE two=$TWO"
`,
    },
    expect: {
      status: { 'from-second': 'success', 'from-first': 'success' },
      output: { 'from-second': ['one= two=2'], 'from-first': ['one=1 two=2'] },
    },
    differs:
      'gitlab-ci-local also warns "duplicated mapping key"; the cockpit accepts the file silently, as GitLab does',
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
    case: 'extends',
    checks: 'extends of several multi-level templates, the last one winning',
    files: {
      '.gitlab-ci.yml': `.root:
  stage: test
.with-after:
  extends: .middle
  script: echo "not this script"
  after_script: echo "after from template"
.middle:
  extends: .root
.with-before:
  before_script: echo "before from template"
  script: echo "nor this one"
.final:
  extends: .with-before
  script: echo "the script"
job:
  extends: [.with-after, .final]
`,
    },
    expect: {
      status: { job: 'success' },
      output: { job: ['before from template', 'the script', 'after from template'] },
      absent: ['not this script', 'nor this one'],
    },
  },
  {
    case: 'include-invalid-local',
    checks: 'an include: local file that does not exist is refused',
    files: { '.gitlab-ci.yml': 'include:\n  - { local: missing.yml }\n' },
    expect: { problem: 'include: local "missing.yml" is not a file in the project' },
  },
  {
    case: 'include-invalid-remote',
    checks: 'an include: remote cannot be read (gitlab-ci-local: not found; here: offline)',
    files: { '.gitlab-ci.yml': 'include:\n  - remote: https://example.invalid/x.yml\n' },
    expect: { problem: 'include: remote "https://example.invalid/x.yml" cannot be read offline' },
  },
  {
    case: 'include-local',
    checks: 'include: local as a string, a list, and its path errors ("./", "..")',
    files: {
      '.gitlab-ci.yml': 'include:\n  - ci/base.yml\n  - local: /ci/more.yml\n',
      'ci/base.yml': 'from-base:\n  script: echo "from base"\n',
      'ci/more.yml': 'from-more:\n  script: echo "from more"\n',
    },
    expect: {
      status: { 'from-base': 'success', 'from-more': 'success' },
      output: { 'from-base': ['from base'], 'from-more': ['from more'] },
    },
  },
  {
    case: 'include-local (relative path)',
    checks: 'an include starting with ./ is refused',
    files: { '.gitlab-ci.yml': 'include:\n  local: ./other.yml\n', 'other.yml': 'a:\n  script: echo\n' },
    expect: { problem: 'cannot start with "./"' },
  },
  {
    case: 'include-local (directory traversal)',
    checks: 'an include leaving the project is refused',
    files: { '.gitlab-ci.yml': 'include:\n  local: ../elsewhere/.gitlab-ci.yml\n' },
    expect: { problem: 'leaves the project' },
  },
  {
    case: 'include-local-wildcard',
    checks: 'include: local with * and ** wildcards',
    files: {
      '.gitlab-ci.yml': "include:\n  - local: '/.ci/*.gitlab-ci.yml'\n  - local: 'parts/**/job.yml'\n",
      '.ci/one.gitlab-ci.yml': 'one:\n  script: echo one\n',
      '.ci/two.gitlab-ci.yml': 'two:\n  script: echo two\n',
      '.ci/ignored.yml': 'ignored:\n  script: echo ignored\n',
      'parts/a/job.yml': 'deep-a:\n  script: echo deep-a\n',
      'parts/a/b/job.yml': 'deep-b:\n  script: echo deep-b\n',
    },
    expect: {
      status: { one: 'success', two: 'success', 'deep-a': 'success', 'deep-b': 'success' },
      absent: ['ignored'],
    },
  },
  {
    case: 'include-nested',
    checks: 'includes that include further files, the same file included many times',
    files: {
      '.gitlab-ci.yml': 'include:\n  - local: /nest/outer.yml\n  - local: /nest/outer.yml\n',
      'nest/outer.yml': 'include:\n  - local: /nest/inner.yml\nouter:\n  script: echo outer\n',
      'nest/inner.yml': 'inner:\n  script: echo inner\n',
    },
    expect: { status: { outer: 'success', inner: 'success' } },
  },
  {
    case: 'include-rules',
    checks: 'include: rules with if decide which files are included',
    files: {
      '.gitlab-ci.yml': `include:
  - local: yes.yml
    rules:
      - if: '$GITLAB_CI == "false"'
  - local: no.yml
    rules:
      - if: '$GITLAB_CI == "true"'
`,
      'yes.yml': 'included:\n  script: echo "included"\n',
      'no.yml': 'left-out:\n  script: echo "left out"\n',
    },
    expect: { status: { included: 'success' }, absent: ['left out'] },
  },
  {
    case: 'inherit',
    checks: 'inherit: default false / a list, inherit: variables false / a list',
    files: {
      '.gitlab-ci.yml': `variables:
  V1: one
  V2: two
default:
  before_script: echo "default before"
  after_script: echo "default after"
all:
  script: echo "vars $V1 $V2"
no-default:
  inherit:
    default: false
    variables: false
  script: echo "vars $V1 $V2"
some:
  inherit:
    default: [before_script]
    variables: [V2]
  script: echo "vars $V1 $V2"
`,
    },
    expect: {
      output: {
        all: ['default before', 'vars one two', 'default after'],
        'no-default': ['vars  '],
        some: ['default before', 'vars  two'],
      },
    },
  },
  {
    case: 'invalid-stages',
    checks: 'stages must be a list',
    files: { '.gitlab-ci.yml': 'stages: test\njob:\n  script: echo\n' },
    expect: { problem: 'stages: expected a list of stage names' },
  },
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
    case: 'no-script',
    checks: 'a job without script is refused',
    files: { '.gitlab-ci.yml': 'job:\n  stage: test\n' },
    expect: { problem: 'job "job" has no script' },
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
    case: 'reference',
    checks: '!reference in script (nested, to a list at the top) and in variables, across an include',
    files: {
      '.gitlab-ci.yml': `include:
  - local: base.yml
job:
  variables:
    GREETING: !reference [.setup, variables, GREETING]
  script:
    - !reference [.two, script]
    - echo "$GREETING"
.lines:
  - echo "from a top-level list"
.two:
  script:
    - !reference [.one, script]
.one:
  script:
    - !reference [.setup, script]
    - !reference [.lines]
`,
      'base.yml': '.setup:\n  variables:\n    GREETING: hello\n  script:\n    - echo "from setup"\n',
    },
    expect: {
      status: { job: 'success' },
      output: { job: ['from setup', 'from a top-level list', 'hello'] },
    },
  },
  {
    case: 'reference-circular-chain',
    checks: 'a !reference to itself is refused',
    files: { '.gitlab-ci.yml': 'loop:\n  script:\n    - !reference [loop, script]\n' },
    expect: { problem: 'circular' },
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
    case: 'script-blank',
    checks: 'script: [] is refused',
    files: { '.gitlab-ci.yml': 'job:\n  script: []\n' },
    expect: { problem: 'job "job" has no script' },
  },
  {
    case: 'script-multidimension',
    checks: 'nested script lists are flattened up to 10 levels, and refused deeper',
    files: {
      '.gitlab-ci.yml': `ten:
  script:
    - echo 1
    - - echo 2
    - - - - - - - - - - echo 10
`,
    },
    expect: { status: { ten: 'success' }, output: { ten: ['1', '2', '10'] } },
  },
  {
    case: 'script-multidimension (11 levels)',
    checks: 'eleven levels of nesting are refused',
    files: { '.gitlab-ci.yml': 'job:\n  script:\n    - - - - - - - - - - - echo 11\n' },
    expect: { problem: 'lists nest more than 10 levels' },
  },
  {
    case: 'scripts-as-string',
    checks: 'before_script, script and after_script as plain text',
    files: {
      '.gitlab-ci.yml': 'job:\n  before_script: echo "b"\n  script: echo "s"\n  after_script: echo "a"\n',
    },
    expect: { status: { job: 'success' }, output: { job: ['b', 's', 'a'] } },
  },
  {
    case: 'self-dependency',
    checks: 'a job needing itself is refused (a cycle)',
    files: { '.gitlab-ci.yml': 'job:\n  script: echo\n  needs: [job]\n' },
    expect: { problem: 'needs form a cycle' },
  },
  {
    case: 'stage-not-found',
    checks: 'a stage that is not in stages is refused',
    files: { '.gitlab-ci.yml': 'job:\n  stage: nowhere\n  script: echo\n' },
    expect: { problem: 'stage "nowhere" is not in stages' },
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
    case: 'cache-directives',
    checks: 'a top-level cache whose paths use a job variable',
    files: {
      '.gitlab-ci.yml': `cache:
  paths: [$STORE/**.txt]
job:
  variables:
    STORE: kept
  script: mkdir -p kept && touch kept/one.txt
`,
    },
    expect: { status: { job: 'success' }, output: { job: ["Saved cache 'default' (1 paths)"] } },
  },
  {
    case: 'cache-double-run',
    checks: 'the second run finds the cache the first one saved',
    files: {
      '.gitlab-ci.yml': `job:
  cache:
    key: shared
    paths: [warm/**.txt]
    policy: pull-push
  script:
    - test -d warm && echo "cache is warm" || echo "cache is cold"
    - mkdir -p warm && touch warm/x.txt
`,
    },
    twice: true,
    expect: { output: { job: ['cache is warm'] } },
  },
  {
    case: 'cache-key-prefix',
    checks: 'cache key: files + prefix give separate caches per prefix',
    files: {
      Dockerfile: 'FROM scratch\n',
      '.gitlab-ci.yml': `dev:
  script: mkdir -p cached && echo dev > cached/v.txt
  cache:
    paths: [cached/]
    key: { prefix: development, files: [Dockerfile] }
prod:
  script: mkdir -p cached && echo prod > cached/v.txt
  cache:
    paths: [cached/]
    key: { prefix: $CI_JOB_NAME, files: [Dockerfile] }
`,
    },
    expect: { status: { dev: 'success', prod: 'success' } },
  },
  {
    case: 'cache-paths-not-array',
    checks: 'cache paths must be a list',
    files: { '.gitlab-ci.yml': 'job:\n  cache:\n    key: k\n    paths: folder\n  script: "true"\n' },
    expect: { problem: 'job.cache.paths: expected a list' },
  },
  {
    case: 'cache-paths-undefined-array',
    checks: 'a cache without paths, and an empty cache, are fine',
    files: {
      '.gitlab-ci.yml': 'a:\n  cache:\n    key: k\n  script: echo a\nb:\n  cache: {}\n  script: echo b\n',
    },
    expect: { status: { a: 'success', b: 'success' } },
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
    case: 'rules-changes',
    checks: 'rules: changes (and changes: paths, with a matrix variable) against origin/main',
    files: {
      '.gitlab-ci.yml': `plain:
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
`,
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
      '.gitlab-ci.yml': `plain:
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
`,
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
  parallel:
    matrix:
      - CLOUD: [aws, gcp, azure]
  script: echo "made $CLOUD"
check:
  stage: test
  parallel:
    matrix:
      - CLOUD: [aws, gcp]
  needs:
    - job: make
      parallel:
        matrix:
          - CLOUD: $[[ matrix.CLOUD ]]
  script: echo "checked $CLOUD"
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
  parallel:
    matrix:
      - CLOUD: [aws]
  script: echo
check:
  stage: test
  parallel:
    matrix:
      - CLOUD: [aws]
  needs:
    - job: make
      parallel:
        matrix:
          - CLOUD: $[[ matrix.REGION ]]
  script: echo
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
  parallel:
    matrix:
      - CLOUD: [aws]
  script: echo
check:
  stage: test
  needs:
    - job: make
      parallel:
        matrix:
          - CLOUD: $[[ matrix.CLOUD ]]
  script: echo
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
  parallel:
    matrix:
      - CLOUD: [aws, gcp]
  script: echo "DATA=$CLOUD-data" > "data-$CLOUD.env"
  artifacts:
    reports:
      dotenv: data-$CLOUD.env
check:
  stage: test
  parallel:
    matrix:
      - CLOUD: [aws, gcp]
  needs:
    - job: make
      parallel:
        matrix:
          - CLOUD: $[[ matrix.CLOUD ]]
  script: echo "got $DATA"
`,
    },
    expect: { output: { 'check: [aws]': ['got aws-data'], 'check: [gcp]': ['got gcp-data'] } },
    differs: 'files are not isolated per job on the host; the case is reproduced with dotenv reports',
  },
  {
    case: 'cache-key-invalid-files',
    checks: 'cache key: files with none or three files is refused',
    files: {
      '.gitlab-ci.yml': `none:
  cache:
    - { key: { files: [] }, paths: [bag] }
  script: echo
three:
  cache:
    - { key: { files: [a.json, b.json, c.txt] }, paths: [bag] }
  script: echo
`,
    },
    expect: { problem: 'none.cache.key.files: expected one or two files' },
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
    case: 'schema-validation',
    checks: 'a bad when, an empty script and an unknown key are all named',
    files: {
      '.gitlab-ci.yml': "job:\n  when: 'manual2'\n  script: ''\n  data: x\n",
    },
    expect: { problem: 'job.when: expected one of on_success' },
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
  {
    case: 'predefined-variables',
    checks: 'CI_PROJECT_DIR in a shell job',
    files: { '.gitlab-ci.yml': 'job:\n  script: test "$CI_PROJECT_DIR" = "$PWD" && echo "in the project"\n' },
    expect: { status: { job: 'success' }, output: { job: ['in the project'] } },
    differs:
      'CI_PROJECT_DIR is the project folder itself; gitlab-ci-local --shell-isolation copies it to a builds folder per job',
  },
];
