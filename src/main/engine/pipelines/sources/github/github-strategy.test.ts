// strategy (matrix include/exclude/fromJSON, fail-fast) and defaults.run, on real repositories with
// real shells.
import { afterEach, describe, expect, it } from 'vitest';
import { expandMatrix } from './matrix.ts';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';
import { logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

describe('GitHub matrix expansion', () => {
  it('excludes partial matches and includes as GitHub documents', () => {
    // The example of GitHub's documentation ("Expanding or adding matrix configurations").
    const { combinations } = expandMatrix({
      fruit: ['apple', 'pear'],
      animal: ['cat', 'dog'],
      include: [
        { color: 'green' },
        { color: 'pink', animal: 'cat' },
        { fruit: 'apple', shape: 'circle' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' },
      ],
    });
    expect(combinations).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    expect(
      expandMatrix({ os: ['a', 'b'], v: [1, 2], exclude: [{ os: 'a', v: 2 }, { os: 'b' }] }).combinations,
    ).toEqual([{ os: 'a', v: 1 }]);
    expect(expandMatrix({ include: [{ a: 1 }, { a: 2 }] }).combinations).toEqual([{ a: 1 }, { a: 2 }]);
    expect(expandMatrix({ os: 'linux' }).problems).toEqual([
      { key: 'os', message: 'strategy.matrix.os must be a list of values' },
    ]);
  });
});

describe('GitHub strategy and defaults', () => {
  it('expands include, exclude and fromJSON of an input into jobs, with the strategy context', async () => {
    const { engine, projectId } = await projectWith({
      '.github/workflows/m.yml': `on:
  workflow_dispatch:
    inputs:
      versions:
        default: '["18", "20", "22"]'
jobs:
  test:
    runs-on: x
    strategy:
      matrix:
        node: \${{ fromJSON(inputs.versions) }}
        os: [linux, mac]
        exclude:
          - os: mac
            node: "18"
        include:
          - node: "22"
            experimental: true
          - node: "16"
            os: linux
    steps:
      - run: echo "node=\${{ matrix.node }} os=\${{ matrix.os }} exp=\${{ matrix.experimental }} \${{ strategy.job-index }}/\${{ strategy.job-total }}"
`,
    });
    const detail = await runToEnd(engine, projectId, 'github/m', { event: 'workflow_dispatch' });
    expect(detail.status).toBe('success');
    expect(detail.jobs.map((j) => j.name)).toEqual([
      'test (18, linux)',
      'test (20, linux)',
      'test (20, mac)',
      'test (22, linux, true)',
      'test (22, mac, true)',
      'test (16, linux)',
    ]);
    expect(await logOf(engine, detail, 'test (22, mac, true)')).toContain('node=22 os=mac exp=true 4/6');
    const narrowed = await runToEnd(engine, projectId, 'github/m', {
      event: 'workflow_dispatch',
      params: { versions: '["20"]' },
    });
    // No combination has node 22 any more: that include entry becomes a combination of its own.
    expect(narrowed.jobs.map((j) => j.name)).toEqual([
      'test (20, linux)',
      'test (20, mac)',
      'test (22, true)',
      'test (16, linux)',
    ]);
  });

  it('cancels the other combinations when one fails (fail-fast, the default), not with fail-fast: false', async () => {
    const workflow = (failFast: string) => `on: push
jobs:
  test:
    runs-on: x
    strategy:
      ${failFast}
      matrix:
        n: [fast, slow]
    steps:
      - run: |
          if [ "\${{ matrix.n }}" = fast ]; then exit 3; fi
          sleep 20
          echo slow finished
      - if: cancelled()
        run: echo "cleaning up"
  after:
    needs: test
    if: always()
    runs-on: x
    steps:
      - run: echo "test was \${{ needs.test.result }}"
`;
    const { engine, projectId } = await projectWith({
      '.github/workflows/ff.yml': workflow(''),
      '.github/workflows/nff.yml': workflow('fail-fast: false').replace('sleep 20', 'sleep 1'),
    });
    const stopped = await runToEnd(engine, projectId, 'github/ff');
    expect(stopped.status).toBe('failed');
    expect(stopped.jobs.map((j) => [j.name, j.status])).toEqual([
      ['test (fast)', 'failed'],
      ['test (slow)', 'cancelled'],
      ['after', 'success'],
    ]);
    expect(stopped.jobs[1]!.reason).toBe('test (fast) failed (fail-fast)');
    const slowLog = await logOf(engine, stopped, 'test (slow)');
    expect(slowLog).not.toContain('slow finished');
    expect(slowLog).toContain('cleaning up');
    expect(await logOf(engine, stopped, 'after')).toContain('test was failure');

    const finished = await runToEnd(engine, projectId, 'github/nff');
    expect(finished.jobs.map((j) => [j.name, j.status])).toEqual([
      ['test (fast)', 'failed'],
      ['test (slow)', 'success'],
      ['after', 'success'],
    ]);
  });

  it('applies defaults.run (shell, working-directory) of the workflow, overridden by the job and the step', async () => {
    const { engine, projectId } = await projectWith({
      'sub/deeper/marker.txt': 'here\n',
      '.github/workflows/d.yml': `on: push
defaults:
  run:
    shell: sh
    working-directory: sub
jobs:
  a:
    runs-on: x
    steps:
      - run: echo "in $(basename "$PWD") with $(ps -o comm= -p $$)"
  b:
    runs-on: x
    defaults:
      run:
        working-directory: sub/deeper
        shell: python3 {0}
    steps:
      - run: |
          import os
          print("python in", os.path.basename(os.getcwd()), open("marker.txt").read().strip())
      - shell: bash
        working-directory: .
        run: echo "bash in $(basename "$PWD") $BASH_VERSION" | sed 's/ [0-9].*/ ok/'
`,
    });
    const detail = await runToEnd(engine, projectId, 'github/d');
    expect(detail.status).toBe('success');
    const a = await logOf(engine, detail, 'a');
    expect(a.find((line) => line.startsWith('in '))).toMatch(/^in sub with sh$/);
    const b = await logOf(engine, detail, 'b');
    expect(b).toContain('python in deeper here');
    expect(b.some((line) => /^bash in cockpit-repo-\S+ ok$/.test(line))).toBe(true);
  });
});
