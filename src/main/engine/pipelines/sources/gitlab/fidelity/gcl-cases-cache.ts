// gitlab-ci-local fidelity cases (see gcl-cases.ts) about cache: keys, policies, paths and when a
// cache is saved or restored.
import type { FidelityCase } from './fidelity-case.ts';

export const cacheCases: FidelityCase[] = [
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
];
