import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { closestWord } from '../kernel/closest-word.ts';
import { loadConfig, parseConfig } from './load-config.ts';
import { starterConfig } from './starter-config.ts';

afterEach(cleanupFixtures);

const FILE = '/repo/cockpit.yml';

function problems(text: string) {
  const result = parseConfig(text, FILE);
  expect(result.status).toBe('invalid');
  return result.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
}

describe('cockpit.yml', () => {
  it('accepts a valid file', () => {
    const result = parseConfig('version: 1\nname: shop\npipelines: {}\nenvironments: []\n', FILE);
    expect(result).toMatchObject({ status: 'ok', config: { version: 1, name: 'shop' } });
  });

  it('accepts the starter config, even for names that need quoting', () => {
    expect(parseConfig(starterConfig('my "odd": project #1'), FILE)).toMatchObject({
      status: 'ok',
      config: { name: 'my "odd": project #1' },
    });
  });

  it('reports YAML syntax errors at their line and column', () => {
    const [problem] = problems('version: 1\nname: [unclosed\n');
    expect(problem).toMatch(/^\d+:\d+ /);
    const result = parseConfig('version: 1\nname: [unclosed\n', FILE);
    expect(result.problems[0]!.file).toBe(FILE);
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key where the duplicate is', () => {
    expect(problems('version: 1\nname: a\nname: b\n')).toEqual([
      expect.stringMatching(/^3:1 .*(unique|duplicate)/i),
    ]);
  });

  it('reports an unknown key with the closest valid key', () => {
    expect(problems('version: 1\npipline: {}\n')).toEqual([
      '2:1 unknown key "pipline" (did you mean "pipelines"?)',
    ]);
  });

  it('lists the valid keys when nothing is close', () => {
    expect(problems('version: 1\nzzzzzzzz: 3\n')[0]).toMatch(
      /^2:1 unknown key "zzzzzzzz" \(expected one of: version, name, description, owners, pipelines, environments, lifecycle, notifications, artifacts, diff\)/,
    );
  });

  it('reports a wrong type at the value, saying what was expected', () => {
    expect(problems('version: 1\nname:\n  - a list\n')).toEqual([
      expect.stringMatching(/^3:3 name: .*expected string/),
    ]);
  });

  it('reports a missing required key at the enclosing mapping', () => {
    expect(problems('name: shop\n')).toEqual([expect.stringMatching(/^1:1 version: missing required key/)]);
  });

  it('reports a wrong version value', () => {
    expect(problems('version: 2\n')).toEqual([
      '1:10 version: expected version: 1 (the only config version so far)',
    ]);
  });

  it('accepts diff.variables and places a pattern outside the repository at its line and column', () => {
    expect(
      parseConfig('version: 1\ndiff:\n  variables: ["config/*.env", values.yaml]\n', FILE),
    ).toMatchObject({
      status: 'ok',
      config: { diff: { variables: ['config/*.env', 'values.yaml'] } },
    });
    expect(problems('version: 1\ndiff:\n  variables: [ok.env, ../secrets.env]\n')).toEqual([
      '3:23 diff.variables.1: expected a path inside the repository (no leading "/", no "..")',
    ]);
  });

  it('reports an empty file', () => {
    expect(problems('')).toEqual(['1:1 the file is empty; expected a mapping starting with "version: 1"']);
    expect(problems('# only a comment\n')[0]).toMatch(/empty/);
  });

  it('reports a file that is not a mapping', () => {
    expect(problems('- just\n- a list\n')[0]).toMatch(/^1:1 .*expected object/);
  });

  it('loads from a folder: missing, ok and invalid', () => {
    const dir = tempDir();
    expect(loadConfig(dir).status).toBe('missing');
    writeFiles(dir, { 'cockpit.yml': 'version: 1\n' });
    expect(loadConfig(dir).status).toBe('ok');
    writeFiles(dir, { 'cockpit.yml': 'version: 1\nbogus: true\n' });
    const invalid = loadConfig(dir);
    expect(invalid.status).toBe('invalid');
    expect(invalid.problems[0]!.file).toBe(join(dir, 'cockpit.yml'));
  });
});

describe('closestWord', () => {
  it('suggests near misses only', () => {
    expect(closestWord('enviroments', ['pipelines', 'environments'])).toBe('environments');
    expect(closestWord('x', ['pipelines', 'environments'])).toBeUndefined();
  });
});

describe('cockpit.yml pipelines', () => {
  const pipelineProblems = (yaml: string) => {
    const result = parseConfig(`version: 1\npipelines:\n${yaml}`, FILE);
    expect(result.status).toBe('invalid');
    return result.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
  };

  it('accepts a full pipeline', () => {
    const result = parseConfig(
      `version: 1
pipelines:
  ci:
    description: everything
    concurrency: 2
    env: { NODE_ENV: test, RETRIES: 3 }
    params:
      target: { type: choice, options: [a, b], default: a }
      verbose: { type: boolean }
      note: { type: string, pattern: "^[a-z]*$" }
    triggers: [manual, { commit: { branch: main } }, { cron: "*/15 * * * *" }]
    jobs:
      lint: { run: npm run lint }
      test:
        run: [npm test, echo done]
        needs: lint
        timeout: 1h30m
        retry: { count: 2, on_exit_codes: [75] }
        if: always
        continue_on_error: true
        artifacts: [coverage/**]
        secrets: [NPM_TOKEN]
        working_directory: packages/api
        shell: sh
`,
      FILE,
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const test = result.config.pipelines!.ci!.jobs.test!;
    expect(test.needs).toEqual(['lint']);
    expect(test.timeout).toBe(90 * 60 * 1000);
    expect(test.retry).toEqual({ count: 2, on_exit_codes: [75] });
    expect(result.config.pipelines!.ci!.env).toEqual({ NODE_ENV: 'test', RETRIES: '3' });
  });

  it('names a need that points at no job', () => {
    expect(pipelineProblems('  ci:\n    jobs:\n      a: { run: x, needs: [ghost] }\n')).toEqual([
      '5:28 pipelines.ci.jobs.a.needs.0: job "a" needs "ghost", which is not a job of pipeline "ci" (jobs: a)',
    ]);
  });

  it('names a dependency cycle in full', () => {
    expect(
      pipelineProblems(
        '  ci:\n    jobs:\n      a: { run: x, needs: b }\n      b: { run: x, needs: c }\n      c: { run: x, needs: a }\n',
      ),
    ).toEqual(['5:27 pipelines.ci.jobs.a.needs: dependency cycle in pipeline "ci": a → b → c → a']);
  });

  it('suggests the closest key for a typo in a job', () => {
    expect(pipelineProblems('  ci:\n    jobs:\n      a: { run: x, neds: [] }\n')).toEqual([
      '5:20 pipelines.ci.jobs.a: unknown key "neds" (did you mean "needs"?)',
    ]);
  });

  it('rejects bad durations, retries, shells and escaping working directories', () => {
    const problems = pipelineProblems(
      '  ci:\n    jobs:\n      a:\n        run: x\n        timeout: soon\n        retry: 99\n        shell: fish\n        working_directory: ../elsewhere\n',
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^7:18 .*timeout: expected a duration/);
    expect(problems[1]).toMatch(/^8:16 .*retry/);
    expect(problems[2]).toMatch(/^9:16 .*shell/);
    expect(problems[3]).toMatch(/^10:28 .*working_directory: expected a folder inside the project/);
  });

  it('rejects a pipeline without jobs and a choice default outside its options', () => {
    expect(pipelineProblems('  ci:\n    jobs: {}\n')[0]).toMatch(/a pipeline needs at least one job/);
    expect(
      pipelineProblems(
        '  ci:\n    params:\n      t: { type: choice, options: [a], default: z }\n    jobs:\n      a: { run: x }\n',
      )[0],
    ).toMatch(/default must be one of the options/);
  });
});

describe('cockpit.yml environments', () => {
  const envProblems = (yaml: string) => {
    const result = parseConfig(`version: 1\nenvironments:\n${yaml}`, FILE);
    expect(result.status).toBe('invalid');
    return result.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
  };

  it('accepts every kind of check, version source and maintenance window', () => {
    const result = parseConfig(
      `version: 1
environments:
  - { name: db, tier: production, url: "http://127.0.0.1:5432", checks: [{ tcp: { port: 5432 } }] }
  - name: api
    tier: production
    url: https://api.example.com
    interval: 5s
    timeout: 2s
    failures_before_down: 3
    depends_on: [db]
    checks:
      - http:
          path: /health
          expect_status: [200, "2xx", "200-204"]
          json: { pointer: /status, equals: ok }
          max_latency: 500ms
          headers: { Authorization: "Bearer \${secrets.TOKEN}" }
    version: { json_pointer: /version, path: /version }
    maintenance:
      - { weekdays: [sat, sun], from: "23:00", to: "02:00", timezone: Europe/Paris }
      - { weekdays: [fri], from: "16:00", to: "24:00" }
      - { start: "2026-12-24T18:00", end: "2026-12-26T08:00" }
`,
      FILE,
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.config.environments![1]!.interval).toBe(5000);
    expect(result.config.environments![1]!.checks![0]).toMatchObject({ http: { max_latency: 500 } });
  });

  it('names duplicate environments and unknown dependencies', () => {
    expect(
      envProblems(
        '  - { name: a, url: "http://x" }\n  - { name: b, url: "http://x", depends_on: [a, ghost] }\n  - { name: a, url: "http://y" }\n',
      ),
    ).toEqual([
      '4:49 environments.1.depends_on.1: "b" depends on "ghost", which is not an environment here (environments: a, b, a)',
      '5:13 environments.2.name: another environment is already named "a"',
    ]);
  });

  it('names a dependency cycle in full', () => {
    expect(
      envProblems(
        '  - { name: a, url: "http://x", depends_on: [b] }\n  - { name: b, url: "http://x", depends_on: [a] }\n',
      ),
    ).toEqual(['3:45 environments.0.depends_on: environments depend on each other in a cycle: a → b → a']);
  });

  it('explains problems inside a check as the kind of check it is, with suggestions', () => {
    expect(
      envProblems(
        '  - name: a\n    url: http://x\n    checks:\n      - http: { path: /h, max_latency: fast, expct_status: [200] }\n',
      ),
    ).toEqual([
      '6:40 environments.0.checks.0.http.max_latency: expected a duration such as "500ms", "90s", "10m" or "1h30m", got "fast"',
      '6:46 environments.0.checks.0.http: unknown key "expct_status" (did you mean "expect_status"?)',
    ]);
  });

  it('ends a window at "24:00" but never starts one there', () => {
    expect(
      envProblems(
        '  - name: a\n    url: http://x\n    maintenance:\n      - { weekdays: [mon], from: "24:00", to: "24:00" }\n      - { weekdays: [mon], from: "01:00", to: "24:30" }\n',
      ),
    ).toEqual([
      '6:34 environments.0.maintenance.0.from: a window starts at "00:00", not "24:00" ("24:00" is only for `to`, the end of the day)',
      '7:47 environments.0.maintenance.1.to: expected a time of day such as "02:30", or "24:00" for the end of the day',
    ]);
  });

  it('refuses non-http URLs, bad time zones and bad statuses, with positions', () => {
    const problems = envProblems(
      '  - name: a\n    url: ftp://example.com\n    checks: [{ http: { expect_status: ["6xx"] } }]\n    maintenance: [{ weekdays: [mon], from: "01:00", to: "02:00", timezone: Mars/Olympus }]\n',
    );
    expect(problems.some((p) => /^4:10 .*url: expected an http/.test(p))).toBe(true);
    expect(problems.some((p) => /^5:.*checks/.test(p))).toBe(true);
    expect(problems.some((p) => /^6:.*maintenance/.test(p))).toBe(true);
  });
});

describe('release policy in cockpit.yml', () => {
  const problems = (yaml: string) => {
    const result = parseConfig(yaml, FILE);
    expect(result.status).toBe('invalid');
    return result.status === 'invalid' ? result.problems.map((p) => `${p.line}:${p.col} ${p.message}`) : [];
  };
  const base = `version: 1
pipelines:
  ci: { jobs: { test: { run: "true" } } }
  deploy:
    deploy: { environment_param: target }
    params: { target: { type: choice, options: [staging, production] } }
    jobs: { go: { run: "true" } }
environments:
  - { name: staging, tier: staging, url: "http://127.0.0.1:1" }
  - name: production
    tier: production
    url: http://127.0.0.1:2
`;

  it('accepts deploy pipelines, a lifecycle and every gate', () => {
    const result = parseConfig(
      `${base}    gates:
      pipeline_passed: ci
      approvals: 2
      approvers: [alice, bob]
      allow_self_approval: false
      freeze:
        - { weekdays: [fri], from: "16:00", to: "23:59", timezone: Europe/Paris, reason: No Friday deploys }
        - { start: "2026-12-20T00:00", end: "2027-01-03T00:00", timezone: Europe/Paris }
      soak: 30m
      healthy_before: true
lifecycle: [staging, production]
`,
      FILE,
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.config.environments![1]!.gates).toMatchObject({
      pipeline_passed: ['ci'],
      approvals: 2,
      soak: 1_800_000,
    });
    expect(result.config.pipelines!.deploy!.deploy).toEqual({ environment_param: 'target' });
  });

  it('accepts auto_deploy and auto_promote, and says where one is wrong, at file:line:col', () => {
    const result = parseConfig(
      `${base}    auto_promote: true
`.replace(
        '  - { name: staging, tier: staging, url: "http://127.0.0.1:1" }',
        '  - { name: staging, tier: staging, url: "http://127.0.0.1:1", auto_deploy: { after: ci, branch: main } }',
      ),
      FILE,
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.config.environments![0]!.auto_deploy).toEqual({ after: 'ci', branch: 'main' });
    expect(result.config.environments![1]!.auto_promote).toBe(true);

    expect(problems(`${base}    auto_deploy: { after: e2e, branch: main }\n`)).toEqual([
      '13:27 environments.1.auto_deploy.after: auto_deploy waits for pipeline "e2e", which is not a pipeline here (pipelines: ci, deploy)',
    ]);
    expect(problems(`${base}    auto_deploy: { after: ci }\n`)).toEqual([
      expect.stringMatching(/^13:18 environments\.1\.auto_deploy\.branch: missing required key/),
    ]);
    expect(problems(`${base}    auto_deploy: { after: ci, branch: main, when: always }\n`)).toEqual([
      expect.stringMatching(/^13:\d+ environments\.1\.auto_deploy: unknown key "when"/),
    ]);
    expect(problems(`${base}    auto_promote: yes please\n`)[0]).toMatch(
      /^13:19 environments\.1\.auto_promote: .*expected boolean/,
    );
    expect(
      problems(`${base}    auto_promote: true\n    auto_deploy: { after: ci, branch: main }\n`)[0],
    ).toMatch(/environments\.1\.auto_promote: "production" has both auto_deploy and auto_promote/);
  });

  it('names what a gate, a lifecycle or a deploy target points at that does not exist, at file:line:col', () => {
    expect(
      problems(`${base}    gates: { pipeline_passed: e2e, approvals: 0, soak: soon }
lifecycle: [staging, qa]
`),
    ).toEqual([
      '13:47 environments.1.gates.approvals: Too small: expected number to be >=1',
      '13:56 environments.1.gates.soak: expected a duration such as "500ms", "90s", "10m" or "1h30m", got "soon"',
    ]);
    expect(
      problems(`${base}    gates: { pipeline_passed: e2e, freez: [] }
lifecycle: [staging, qa]
`),
    ).toEqual(['13:36 environments.1.gates: unknown key "freez" (did you mean "freeze"?)']);
    expect(
      problems(`${base}    gates: { pipeline_passed: e2e }
lifecycle: [staging, qa]
`).map((p) => p.replace(/^\d+:\d+ /, '')),
    ).toEqual([
      'environments.1.gates.pipeline_passed: gate pipeline_passed names "e2e", which is not a pipeline here (pipelines: ci, deploy)',
      'lifecycle.1: the lifecycle lists "qa", which is not an environment here (environments: staging, production)',
    ]);
    expect(
      problems(`version: 1
pipelines:
  deploy:
    deploy: { environment: prod }
    jobs: { go: { run: "true" } }
`),
    ).toEqual([
      '4:28 pipelines.deploy.deploy.environment: pipeline "deploy" deploys to "prod", which is not an environment here (environments: none)',
    ]);
  });
});
