// Config fuzz: random mutations of real cockpit.yml files (examples/ and the configs the tests use)
// never crash the parser, every problem names file:line:col inside the file, and while one project's
// file is mutated over and over, the other projects, the board and environments keep working.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { recordFigures, SEED, times } from '../../testing/faults.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const root = join(import.meta.dirname, '..', '..', '..', '..');
let tried = 0;
let crashes = 0;
let engineChecks = 0;

afterAll(() =>
  recordFigures('config fuzz', { inputs: tried, engineRounds: engineChecks, failures: crashes }),
);

/** examples/**\/cockpit.yml, and the cockpit.yml texts in the test files (each ${…} as a plain word). */
function corpus(): string[] {
  const texts = [readFileSync(join(root, 'examples', 'demo', 'cockpit.yml'), 'utf8')];
  const files = readdirSync(join(root, 'src'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts'));
  for (const file of files) {
    const source = readFileSync(join(root, 'src', file), 'utf8');
    for (const match of source.matchAll(/`(version: 1\n[^`]*)`/g)) {
      texts.push(match[1]!.replace(/\$\{[^}]*\}/g, 'x1'));
    }
  }
  return [...new Set(texts)];
}

const CORPUS = corpus();
const YAML_BITS = [
  ':',
  ' ',
  '\n',
  '  ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '|',
  '>',
  '#',
  "'",
  '"',
  '? ',
  '%',
  '@',
  '`',
  '\t',
  '\\',
  '---',
  '...',
  '<<: *a',
  '~',
  'null',
  'true',
  '0x1F',
  '1e9',
  '.inf',
  '\u0000',
  '\u00e9',
  '\ud83d\ude80',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...YAML_BITS) }),
  fc.record({ kind: fc.constant('insertRandom' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 400 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : change.at % lines.length;
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
    case 'insertRandom':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'duplicateLine':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'swapLines': {
      const other = change.other % lines.length;
      [lines[line], lines[other]] = [lines[other]!, lines[line]!];
      return lines.join('\n');
    }
    case 'indent':
      lines[line] = change.by >= 0 ? ' '.repeat(change.by) + lines[line] : lines[line]!.slice(-change.by);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, at);
    case 'repeat':
      lines.splice(line, 1, ...Array<string>(change.times).fill(lines[line] ?? ''));
      return lines.join('\n');
  }
}

const mutated = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, changes]) => changes.reduce(apply, text));

describe('config fuzz', () => {
  it(`parses ${CORPUS.length} real configs under random mutations: no crash, every problem at file:line:col`, () => {
    expect(CORPUS.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(mutated, (text) => {
        tried++;
        let result;
        try {
          result = parseConfig(text, '/fuzz/cockpit.yml');
        } catch (error) {
          crashes++;
          throw error;
        }
        const lines = text.split('\n').length;
        for (const problem of result.problems) {
          expect(problem.file).toBe('/fuzz/cockpit.yml');
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lines + 1);
          expect(problem.col).toBeGreaterThanOrEqual(1);
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: times(2000, 20000), seed: SEED },
    );
  });

  it('other projects keep working while one project’s cockpit.yml is mutated', async () => {
    const engine = testEngine();
    const good = gitRepo({
      'cockpit.yml':
        'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: "true" }\nenvironments:\n  - name: production\n    tier: production\n    url: http://127.0.0.1:9/\n',
    });
    const victim = gitRepo({ 'cockpit.yml': CORPUS[0]! });
    const goodProject = await engine.invoke('projects.add', { path: good });
    const victimProject = await engine.invoke('projects.add', { path: victim });
    const samples = fc.sample(mutated, { numRuns: times(40, 300), seed: SEED });
    for (const text of samples) {
      writeFileSync(join(victim, 'cockpit.yml'), text);
      const refreshed = await engine.invoke('projects.refresh', { id: victimProject.id });
      for (const problem of refreshed.configProblems) expect(problem.line).toBeGreaterThanOrEqual(1);
      expect((await engine.invoke('projects.get', { id: goodProject.id })).configStatus).toBe('ok');
      expect(
        (await engine.invoke('pipelines.list', { projectId: goodProject.id })).map((p) => p.name),
      ).toEqual(['ci']);
      const environments = await engine.invoke('environments.list', { projectId: goodProject.id });
      expect(environments.map((env) => env.name)).toEqual(['production']);
      await engine.invoke('releases.board', {});
      engineChecks++;
    }
  });
});
