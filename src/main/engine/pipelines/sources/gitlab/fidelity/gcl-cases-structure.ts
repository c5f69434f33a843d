// gitlab-ci-local fidelity cases (see gcl-cases.ts) about the shape of the file: include, extends,
// !reference, inherit, stages, and refused files.
import type { FidelityCase } from './fidelity-case.ts';

export const structureCases: FidelityCase[] = [
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
    case: 'no-script',
    checks: 'a job without script is refused',
    files: { '.gitlab-ci.yml': 'job:\n  stage: test\n' },
    expect: { problem: 'job "job" has no script' },
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
    case: 'stage-not-found',
    checks: 'a stage that is not in stages is refused',
    files: { '.gitlab-ci.yml': 'job:\n  stage: nowhere\n  script: echo\n' },
    expect: { problem: 'stage "nowhere" is not in stages' },
  },
  {
    case: 'schema-validation',
    checks: 'a bad when, an empty script and an unknown key are all named',
    files: {
      '.gitlab-ci.yml': "job:\n  when: 'manual2'\n  script: ''\n  data: x\n",
    },
    expect: { problem: 'job.when: expected one of on_success' },
  },
];
