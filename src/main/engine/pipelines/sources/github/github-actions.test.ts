// Actions offline: local composite and node actions (inputs, outputs, pre/post, state), the
// well-known actions the cockpit does itself, the local action cache, and actions that are not
// available — real repositories, real node and bash processes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../../../testing/fixtures.ts';
import { job, logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';
import { satisfies } from './version-ranges.ts';

afterEach(cleanupFixtures);

const COMPOSITE = `name: Greet
description: says hello
inputs:
  who:
    description: whom
    default: world
  punctuation:
    default: "!"
outputs:
  greeting:
    value: \${{ steps.make.outputs.text }}
runs:
  using: composite
  steps:
    - id: make
      shell: bash
      run: echo "text=Hello \${{ inputs.who }}\${{ inputs.punctuation }}" >> "$GITHUB_OUTPUT"
    - shell: bash
      run: echo "inside sees $OUTER_ENV and \${{ steps.make.outputs.text }} at $GITHUB_ACTION_PATH" | sed "s|$PWD/||"
    - uses: ./.github/actions/shout
      with:
        text: \${{ steps.make.outputs.text }}
`;

const SHOUT = `name: Shout
runs:
  using: composite
  steps:
    - shell: sh
      run: echo "SHOUT \${{ inputs.text }}"
`;

const NODE_ACTION = `name: Node thing
inputs:
  Target Name:
    required: true
outputs:
  size:
    description: a number
runs:
  using: node20
  pre: pre.js
  main: main.js
  post: post.js
`;

describe('GitHub actions offline', () => {
  it('runs local composite actions (inputs with defaults, outputs, nesting) and node actions with pre, post and state', async () => {
    const { engine, projectId } = await projectWith({
      '.github/actions/greet/action.yml': COMPOSITE,
      '.github/actions/shout/action.yaml': SHOUT,
      '.github/actions/node-thing/action.yml': NODE_ACTION,
      '.github/actions/node-thing/pre.js': `console.log('pre for', process.env['INPUT_TARGET NAME'] ?? process.env.INPUT_TARGET_NAME);
require('fs').appendFileSync(process.env.GITHUB_STATE, 'from_pre=yes\\n');`,
      '.github/actions/node-thing/main.js': `const fs = require('fs');
console.log('main for', process.env.INPUT_TARGET_NAME, 'state', process.env.STATE_from_pre);
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'size=42\\n');
fs.appendFileSync(process.env.GITHUB_STATE, 'from_main=' + process.env.INPUT_TARGET_NAME + '\\n');`,
      '.github/actions/node-thing/post.js': `console.log('post sees', process.env.STATE_from_pre, process.env.STATE_from_main);`,
      '.github/workflows/a.yml': `on: push
jobs:
  use:
    runs-on: x
    outputs:
      greeting: \${{ steps.hello.outputs.greeting }}
    steps:
      - uses: ./.github/actions/node-thing
        id: thing
        with:
          Target Name: site
      - id: hello
        uses: ./.github/actions/greet
        env:
          OUTER_ENV: outer
        with:
          who: cockpit
      - uses: ./.github/actions/greet
        if: false
      - run: echo "outside got '\${{ steps.hello.outputs.greeting }}' (\${{ steps.hello.outcome }}) size \${{ steps.thing.outputs.size }}"
`,
    });
    const detail = await runToEnd(engine, projectId, 'github/a');
    expect(detail.status).toBe('success');
    const use = job(detail, 'use');
    expect(use.attempts[0]!.steps.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['Pre Run ./.github/actions/node-thing', 'success', null],
      ['Run ./.github/actions/node-thing', 'success', null],
      [
        'Greet / Run echo "text=Hello ${{ inputs.who }}${{ inputs.punctuation }}" >> "$GITHUB_OUTPUT"',
        'success',
        null,
      ],
      expect.arrayContaining(['success']),
      ['Greet / Shout / Run echo "SHOUT ${{ inputs.text }}"', 'success', null],
      expect.arrayContaining(['skipped', 'the action Greet: if: success() && (false) was false']),
      expect.arrayContaining(['skipped']),
      expect.arrayContaining(['skipped']),
      expect.arrayContaining(['success']),
      ['Post Run ./.github/actions/node-thing', 'success', null],
    ]);
    const log = await logOf(engine, detail, 'use');
    expect(log).toContain('pre for site');
    expect(log).toContain('main for site state yes');
    expect(log).toContain('inside sees outer and Hello cockpit! at .github/actions/greet');
    expect(log).toContain('SHOUT Hello cockpit!');
    expect(log).toContain("outside got 'Hello cockpit!' (success) size 42");
    expect(log).toContain('post sees yes site');
    expect(use.outputs).toEqual({ greeting: 'Hello cockpit!' });
  });

  it('does setup-*, artifacts and cache itself, runs cached remote actions, and names the ones it cannot get', async () => {
    const dataDir = tempDir('cockpit-data-');
    const cached = join(dataDir, 'actions', 'acme', 'hello@v1');
    mkdirSync(cached, { recursive: true });
    writeFileSync(
      join(cached, 'action.yml'),
      'name: hello\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "hello from the action cache"\n',
    );
    const major = process.versions.node.split('.')[0];
    const workflow = `on: push
jobs:
  build:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
      - id: node
        uses: actions/setup-node@v4
        with:
          node-version: ${major}.x
      - run: echo "node \${{ steps.node.outputs.node-version }}"
      - uses: actions/cache@v4
        id: cache
        with:
          path: .cache-dir
          key: deps-\${{ hashFiles('lock.txt') }}
          restore-keys: deps-
      - run: |
          echo "cache hit: \${{ steps.cache.outputs.cache-hit }}"
          ls .cache-dir 2>/dev/null || echo "no cache dir"
          mkdir -p .cache-dir dist/sub && echo cached > .cache-dir/file && echo built > dist/sub/app.txt
      - uses: actions/upload-artifact@v4
        with:
          name: app
          path: dist/
      - uses: acme/hello@v1
  ship:
    needs: build
    runs-on: x
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: app
          path: downloaded
      - run: cat downloaded/sub/app.txt && rm -r downloaded
      - uses: actions/setup-python@v5
        with:
          python-version: '2.7'
  other:
    runs-on: x
    steps:
      - uses: someone/unknown-action@v3
      - run: echo after
`;
    const { engine, repo, projectId } = await projectWith(
      { '.github/workflows/b.yml': workflow, 'lock.txt': 'v1\n' },
      { dataDir },
    );
    const first = await runToEnd(engine, projectId, 'github/b');
    const build = await logOf(engine, first, 'build');
    expect(job(first, 'build').status).toBe('success');
    expect(build).toContain(`node v${process.versions.node}`);
    expect(build).toContain('cache hit: false');
    expect(build).toContain('no cache dir');
    expect(build).toContain('hello from the action cache');
    expect(build.some((line) => line.startsWith('Saved 1 path to the local cache'))).toBe(true);
    const ship = job(first, 'ship');
    expect(await logOf(engine, first, 'ship')).toContain('built');
    expect(ship.status).toBe('failed');
    expect(ship.attempts[0]!.steps[2]!.reason).toMatch(
      /^actions\/setup-python: python 2\.7 is wanted, this machine has 3\./,
    );
    const other = job(first, 'other');
    expect(other.attempts[0]!.steps.map((s) => [s.status, s.reason])).toEqual([
      ['failed', expect.stringMatching(/^action someone\/unknown-action@v3 is not available offline/)],
      ['skipped', 'an earlier step failed'],
    ]);

    // The cache is there for the next run; an unavailable action can be skipped on request.
    const second = await runToEnd(engine, projectId, 'github/b', { skipUnavailableActions: true });
    const again = await logOf(engine, second, 'build');
    expect(again).toContain('cache hit: true');
    expect(again).toContain('file');
    expect(job(second, 'other').status).toBe('success');
    expect(job(second, 'other').attempts[0]!.steps[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/is not available offline/) as unknown,
    });
    expect(existsSync(join(repo, 'downloaded'))).toBe(false);
  });

  it('reads versions as the setup actions do', () => {
    expect(satisfies('20.11.1', '20')).toBe(true);
    expect(satisfies('20.11.1', '20.x')).toBe(true);
    expect(satisfies('20.11.1', '18')).toBe(false);
    expect(satisfies('20.11.1', '>=18')).toBe(true);
    expect(satisfies('3.12.3', '3.12')).toBe(true);
    expect(satisfies('3.12.3', '3.11')).toBe(false);
    expect(satisfies('3.12.3', '^3.10')).toBe(true);
    expect(satisfies('1.22.2', '1.22.x')).toBe(true);
    expect(satisfies('24.1.0', 'lts/*')).toBe(true);
  });
});
