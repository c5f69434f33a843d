import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { closestWord } from './closest-word.ts';
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
      /^2:1 unknown key "zzzzzzzz" \(expected one of: version, name, description, pipelines, environments\)/,
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
