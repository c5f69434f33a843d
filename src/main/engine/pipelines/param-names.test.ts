// Param and variable names that would reach an object's prototype (`__proto__`, `constructor`,
// `prototype`) are refused with a clear error wherever they come from: cockpit.yml, the protocol,
// the CLI, an in-process caller.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../shared/errors.ts';
import { parseConfig } from '../config/index.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { jobEnvironment } from './job-env.ts';
import { resolveParams } from './params.ts';

afterEach(cleanupFixtures);

const COCKPIT_BIN = fileURLToPath(new URL('../../../../bin/cockpit.js', import.meta.url));

const RESERVED = ['__proto__', 'constructor', 'prototype'];

describe('reserved param and variable names', () => {
  it.each(RESERVED)('cockpit.yml refuses a param named %s at its line and column', (name) => {
    const text = `version: 1\npipelines:\n  ci:\n    params:\n      ok: { type: string }\n      ${name}: { type: string }\n    jobs:\n      a: { run: "true" }\n`;
    const result = parseConfig(text, '/repo/cockpit.yml');
    expect(result.status).toBe('invalid');
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: '/repo/cockpit.yml',
        line: 6,
        col: 7,
        message: expect.stringContaining(`"${name}" is reserved`) as string,
      }),
    ]);
  });

  it.each(RESERVED)('cockpit.yml refuses an env variable named %s', (name) => {
    const text = `version: 1\npipelines:\n  ci:\n    jobs:\n      a:\n        run: "true"\n        env:\n          ${name}: x\n`;
    const result = parseConfig(text, '/repo/cockpit.yml');
    expect(result.status).toBe('invalid');
    expect(result.problems[0]).toMatchObject({
      line: 8,
      col: 11,
      message: expect.stringContaining('reserved') as string,
    });
  });

  it('the protocol refuses reserved param names with a clear BAD_REQUEST (never silently dropped)', async () => {
    const engine = testEngine();
    const repo = gitRepo({
      'cockpit.yml': 'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: "true" }\n',
    });
    const project = await engine.invoke('projects.add', { path: repo });
    for (const name of RESERVED) {
      // As a client sends it: JSON with the name as an own key.
      const params: unknown = JSON.parse(`{"${name}": "polluted"}`);
      const call = engine.call('runs.start', { projectId: project.id, pipeline: 'ci', params });
      await expect(call).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(`"${name}" is reserved`) as string,
      });
    }
    expect(await engine.invoke('runs.list', { projectId: project.id })).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the CLI reports a reserved --param name instead of dropping it', () => {
    const repo = gitRepo({
      'cockpit.yml': 'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: "true" }\n',
    });
    const cli = spawnSync(
      process.execPath,
      [COCKPIT_BIN, '--data-dir', tempDir('cockpit-data-'), 'run', 'ci', '--param', '__proto__=x'],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('"__proto__" is reserved');
    expect(cli.stdout).not.toContain('Run #1');
  });

  it('resolveParams refuses reserved names and builds maps without prototypes', () => {
    for (const name of RESERVED) {
      const given = JSON.parse(`{"${name}": "x"}`) as Record<string, string>;
      expect(() => resolveParams('ci', {}, given)).toThrow(CockpitError);
      expect(() => resolveParams('ci', {}, given)).toThrow(`"${name}" is reserved`);
    }
    const { values, env } = resolveParams('ci', { target: { type: 'string', default: 'x' } }, {});
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.getPrototypeOf(env)).toBeNull();
    const jobEnv = jobEnvironment({
      base: {},
      runId: 1,
      pipeline: 'ci',
      job: 'a',
      attempt: 1,
      projectDir: '/p',
      git: null,
      paramEnv: env,
      secretEnv: {},
    });
    expect(Object.getPrototypeOf(jobEnv)).toBeNull();
    expect(jobEnv.COCKPIT_PARAM_TARGET).toBe('x');
  });
});
