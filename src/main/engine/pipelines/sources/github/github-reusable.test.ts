// Local reusable workflows (`jobs.<id>.uses: ./.github/workflows/x.yml`): the called workflow's jobs
// run in the run as "caller / job", with `with:` inputs, secrets and workflow_call outputs.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../../../testing/fixtures.ts';
import { logOf, projectWith, runToEnd } from '../../../../testing/pipeline-project.ts';

afterEach(cleanupFixtures);

describe('GitHub reusable workflows', () => {
  it('runs a local called workflow with inputs, secrets and outputs, and skips a call whose if is false', async () => {
    const { engine, projectId } = await projectWith({
      '.github/workflows/ci.yml': `on: push
jobs:
  build:
    runs-on: x
    outputs:
      version: \${{ steps.v.outputs.version }}
    steps:
      - id: v
        run: echo "version=1.2.3" >> "$GITHUB_OUTPUT"
  deploy:
    needs: build
    uses: ./.github/workflows/deploy.yml
    with:
      version: \${{ needs.build.outputs.version }}
    secrets:
      token: \${{ secrets.DEPLOY_TOKEN }}
  never:
    if: false
    uses: ./.github/workflows/deploy.yml
    with:
      version: none
  report:
    needs: [deploy, never]
    if: always()
    runs-on: x
    steps:
      - run: echo "deployed to \${{ needs.deploy.outputs.url }} (\${{ needs.deploy.result }}), never was \${{ needs.never.result }}"
`,
      '.github/workflows/deploy.yml': `on:
  workflow_call:
    inputs:
      version:
        type: string
        required: true
      target:
        type: string
        default: staging
    secrets:
      token:
        required: false
    outputs:
      url:
        value: \${{ jobs.ship.outputs.url }}
env:
  CALLED: yes
jobs:
  prepare:
    runs-on: x
    steps:
      - run: echo "preparing \${{ inputs.version }} for \${{ inputs.target }} ($CALLED) token \${{ secrets.token }}"
  ship:
    needs: prepare
    runs-on: x
    outputs:
      url: \${{ steps.s.outputs.url }}
    steps:
      - id: s
        run: echo "url=https://\${{ inputs.target }}.example/\${{ inputs.version }}" >> "$GITHUB_OUTPUT"
`,
    });
    await engine.invoke('secrets.set', { projectId, name: 'DEPLOY_TOKEN', value: 'tok-aa91c2e77f' });
    const detail = await runToEnd(engine, projectId, 'github/ci');
    expect(detail.jobs.map((j) => [j.name, j.status, j.reason])).toEqual([
      ['build', 'success', null],
      ['deploy / prepare', 'success', null],
      ['deploy / ship', 'success', null],
      ['never / prepare', 'skipped', 'the call never: if: false was false'],
      ['never / ship', 'skipped', expect.any(String)],
      ['report', 'success', null],
    ]);
    expect(await logOf(engine, detail, 'deploy / prepare')).toContain(
      'preparing 1.2.3 for staging (yes) token ***',
    );
    expect(await logOf(engine, detail, 'report')).toContain(
      'deployed to https://staging.example/1.2.3 (success), never was skipped',
    );
    const plan = await engine.invoke('pipelines.plan', {
      projectId,
      pipeline: 'github/ci',
      jobs: ['deploy'],
      withNeeds: true,
    });
    expect(plan.waves).toEqual([['build'], ['deploy / prepare'], ['deploy / ship']]);
  });
});
