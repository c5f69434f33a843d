// One project's cockpit.yml cannot blind the others: its size, aliases, nodes and nesting are
// limited, every problem is a file:line:col error for that project alone, and parsing never throws.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { DEFAULT_CONFIG_LIMITS } from './config-limits.ts';
import { loadConfig, parseConfig } from './load-config.ts';

afterEach(cleanupFixtures);

const FILE = '/repo/cockpit.yml';

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
export function billionLaughs(): string {
  const lines = ['version: 1', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= 8; level++) {
    lines.push(
      `a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  }
  lines.push('description: *a8');
  return `${lines.join('\n')}\n`;
}

function invalid(text: string, limits = DEFAULT_CONFIG_LIMITS) {
  const result = parseConfig(text, FILE, limits);
  expect(result.status).toBe('invalid');
  for (const problem of result.problems) {
    expect(problem.file).toBe(FILE);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.col).toBeGreaterThanOrEqual(1);
  }
  return result.problems;
}

describe('cockpit.yml limits', () => {
  it('refuses an alias bomb (billion laughs) at the alias that expands too far, without expanding it', () => {
    const problems = invalid(billionLaughs());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/aliases expand .* more than [\d,]+ nodes/);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3); // an alias, not the top of the file
  });

  it('refuses more aliases than the limit, at the first one over it', () => {
    const text = `version: 1\nname: &n shop\nowners: [${Array(12).fill('*n').join(', ')}]\n`;
    const problems = invalid(text, { ...DEFAULT_CONFIG_LIMITS, maxAliases: 10 });
    expect(problems).toEqual([
      expect.objectContaining({
        line: 3,
        col: 10 + 4 * 10,
        message: expect.stringMatching(/more than 10 aliases/) as string,
      }),
    ]);
  });

  it('refuses an alias inside the node it names, and an alias to no anchor', () => {
    expect(invalid('version: 1\nowners: &o [a, *o]\n')[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('refers to a node that contains it') as string,
    });
    expect(invalid('version: 1\nname: *nowhere\n')[0]).toMatchObject({
      line: 2,
      col: 7,
      message: expect.stringContaining('nowhere') as string,
    });
  });

  it('refuses more nodes than the limit', () => {
    const text = `version: 1\nowners: [${Array(1000).fill('x').join(', ')}]\n`;
    const problems = invalid(text, { ...DEFAULT_CONFIG_LIMITS, maxNodes: 500 });
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/more than 500 nodes/) as string }),
    ]);
    expect(parseConfig(text, FILE).status).toBe('ok');
  });

  it('refuses nesting deeper than the limit', () => {
    const text = `version: 1\ndescription: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    expect(invalid(text)[0]!.message).toMatch(/nested more than \d+ levels deep/);
  });

  it('refuses a file over the size limit before reading it, and takes a larger limit from the environment', () => {
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\n' });
    const big = `version: 1\n# ${'x'.repeat(1024 * 1024)}\n`;
    writeFileSync(join(repo, 'cockpit.yml'), big);
    const result = loadConfig(repo);
    expect(result).toMatchObject({
      status: 'invalid',
      problems: [
        {
          file: join(repo, 'cockpit.yml'),
          line: 1,
          col: 1,
          message: expect.stringMatching(
            /1,048,5\d\d bytes, larger than the limit of 1 MiB.*COCKPIT_CONFIG_MAX_BYTES/,
          ) as string,
        },
      ],
    });
    process.env.COCKPIT_CONFIG_MAX_BYTES = String(2 * 1024 * 1024);
    try {
      expect(loadConfig(repo).status).toBe('ok');
    } finally {
      delete process.env.COCKPIT_CONFIG_MAX_BYTES;
    }
  });

  it('reports duplicate keys at the duplicate, also among many keys', () => {
    const jobs = Array.from({ length: 3000 }, (_, i) => `      j${i}: { run: "true" }`);
    jobs.push('      j1234: { run: "again" }');
    const text = `version: 1\npipelines:\n  ci:\n    jobs:\n${jobs.join('\n')}\n`;
    expect(invalid(text)).toEqual([
      expect.objectContaining({
        line: 3005,
        col: 7,
        message: expect.stringMatching(/duplicate key "j1234".*line 1239/) as string,
      }),
    ]);
  });

  it('never throws, whatever the text', () => {
    for (const text of [
      '\u0000',
      '&a [*a',
      '? [a, b]\n: c\n',
      '%YAML 9.9\n---\nx',
      'a: !!binary "%%"',
      '- - - -',
    ]) {
      expect(() => parseConfig(text, FILE)).not.toThrow();
    }
  });

  it("one project's alias bomb costs only that project: the others, the board and environments keep working", async () => {
    const engine = testEngine();
    const good = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  ci:
    jobs:
      a: { run: "true" }
environments:
  - name: production
    tier: production
    url: http://127.0.0.1:9/
`,
    });
    const bomb = gitRepo({ 'cockpit.yml': billionLaughs() });
    const goodProject = await engine.invoke('projects.add', { path: good });
    const bombProject = await engine.invoke('projects.add', { path: bomb });
    expect(bombProject.configStatus).toBe('invalid');
    expect(bombProject.configProblems[0]!.message).toMatch(/aliases expand/);
    expect(goodProject.configStatus).toBe('ok');

    const projects = await engine.invoke('projects.list', {});
    expect(projects.map((p) => [p.id, p.configStatus])).toEqual(
      expect.arrayContaining([
        [goodProject.id, 'ok'],
        [bombProject.id, 'invalid'],
      ]),
    );
    const environments = await engine.invoke('environments.list', {});
    expect(environments.map((env) => env.name)).toEqual(['production']);
    const board = await engine.invoke('releases.board', {});
    expect(JSON.stringify(board)).toContain('production');
    const pipelines = await engine.invoke('pipelines.list', { projectId: goodProject.id });
    expect(pipelines.map((p) => p.name)).toEqual(['ci']);
  });
});
