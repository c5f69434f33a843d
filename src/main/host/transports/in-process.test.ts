import { afterEach, describe, expect, it } from 'vitest';
import { connectInProcess } from './in-process.ts';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { CockpitError } from '../../../shared/errors.ts';

afterEach(cleanupFixtures);

describe('typed client', () => {
  it('calls methods by namespace and turns error data back into CockpitError', async () => {
    const client = connectInProcess(testEngine());
    expect((await client.api.app.info()).host).toBe('test');
    const error = await client.api.projects.get({ id: 99 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CockpitError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'There is no project with id 99.' });
  });

  it('delivers engine events to subscribers until they unsubscribe', async () => {
    const client = connectInProcess(testEngine());
    const seen: string[] = [];
    const stop = client.on('projects.changed', (payload) => seen.push(payload.reason));
    const project = await client.api.projects.add({ path: gitRepo({ 'cockpit.yml': 'version: 1\n' }) });
    await expect.poll(() => seen).toEqual(['added']);
    stop();
    await client.api.projects.remove({ id: project.id });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['added']);
  });

  it('rejects pending and later calls once the connection closes', async () => {
    const client = connectInProcess(testEngine());
    let disconnected = false;
    client.onDisconnect(() => (disconnected = true));
    const pending = client.api.app.info();
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(client.api.projects.list()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(disconnected).toBe(true);
  });

  it('refuses an already-aborted call without sending it', async () => {
    const client = connectInProcess(testEngine());
    const controller = new AbortController();
    controller.abort();
    await expect(client.api.projects.list({}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
