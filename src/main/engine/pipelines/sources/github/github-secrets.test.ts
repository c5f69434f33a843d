// secrets.* from the project's secret store, masked wherever printed; ::add-mask:: in GitHub runs;
// GITHUB_STATE accepted.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';
import { logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

describe('GitHub secrets and masking', () => {
  it('reads secrets.* from the store, masks them and ::add-mask:: values, and leaves a missing secret empty', async () => {
    const { engine, projectId } = await projectWith({
      '.github/workflows/s.yml': `on: push
env:
  FROM_WORKFLOW: \${{ secrets.DEPLOY_TOKEN }}
jobs:
  use:
    runs-on: x
    steps:
      - env:
          TOKEN: \${{ secrets.DEPLOY_TOKEN }}
        run: |
          echo "token is $TOKEN"
          echo "inline \${{ secrets.DEPLOY_TOKEN }} and workflow $FROM_WORKFLOW"
          echo "not in env by name: \${DEPLOY_TOKEN:-unset}"
          generated="gen-$((6*7))-value-xyz"
          echo "::add-mask::$generated"
          echo "generated is $generated"
          echo "saved=1" >> "$GITHUB_STATE"
      - run: echo "missing is empty [\${{ secrets.MISSING_ONE }}]; token empty too? [\${{ secrets.GITHUB_TOKEN }}]"
`,
    });
    await engine.invoke('secrets.set', { projectId, name: 'DEPLOY_TOKEN', value: 'tok-4f9a1c77e2' });
    const detail = await runToEnd(engine, projectId, 'github/s');
    expect(detail.status).toBe('success');
    const log = (await logOf(engine, detail, 'use')).join('\n');
    expect(log).not.toContain('tok-4f9a1c77e2');
    expect(log).toContain('token is ***');
    expect(log).toContain('inline *** and workflow ***');
    expect(log).toContain('not in env by name: unset');
    expect(log).not.toContain('gen-42-value-xyz');
    expect(log).toContain('generated is ***');
    expect(log).toContain('missing is empty []; token empty too? []');
  });
});
