// The one entry for starting pipeline runs: a deploy pipeline's run is a deployment (the same gates,
// lock and record as the board), and a run's end comes with its deployment's, from the run itself.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures } from '../../testing/fixtures.ts';
import { releaseShop } from '../../testing/release-shop.ts';

afterEach(cleanupFixtures);

const setup = releaseShop;

describe('startPipelineRun', () => {
  it('running a deploy pipeline directly goes through the same gates', async () => {
    const { engine, projectId } = await setup({ stagingGates: '      pipeline_passed: ci\n' });
    await expect(
      engine.invoke('runs.start', { projectId, pipeline: 'deploy', params: { target: 'staging' } }),
    ).rejects.toMatchObject({ code: 'GATE_FAILED' });
    const run = await engine.invoke('runs.start', {
      projectId,
      pipeline: 'deploy',
      params: { target: 'production' },
    });
    await engine.waitForRun(run.id);
    const [deployment] = await engine.invoke('releases.list', { projectId });
    expect(deployment).toMatchObject({ environment: 'production', runId: run.id });
  });

  it('a pipeline run started anywhere ends with its deployment, from the run itself', async () => {
    const { engine, projectId } = await setup();
    const deploy = await engine.invoke('runs.start', {
      projectId,
      pipeline: 'deploy',
      params: { target: 'staging' },
    });
    const deployed = await engine.waitForPipelineRun(deploy.id);
    expect(deployed.run).toMatchObject({ id: deploy.id, status: 'success' });
    expect(deployed.deployment).toMatchObject({
      runId: deploy.id,
      status: 'succeeded',
      environment: 'staging',
    });
    const ci = await engine.invoke('runs.start', { projectId, pipeline: 'ci' });
    expect(await engine.waitForPipelineRun(ci.id)).toMatchObject({ run: { id: ci.id }, deployment: null });
    await expect(engine.invoke('runs.rerun', { runId: deploy.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
