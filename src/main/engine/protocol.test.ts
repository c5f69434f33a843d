// Every protocol method must reject malformed input with a structured BAD_REQUEST, through the same
// frames every client uses. The loop covers methods added later automatically.
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError, fromErrorData, requestIssues, type ErrorData } from '../../shared/errors.ts';
import type { ClientFrame, ServerFrame } from '../../shared/frames.ts';
import { methodNames } from '../../shared/protocol.ts';
import { channelPair } from '../../shared/channel-pair.ts';
import { cleanupFixtures } from '../testing/fixtures.ts';
import { testEngine } from '../testing/test-engine.ts';
import { serveConnection } from './connection.ts';

afterEach(cleanupFixtures);

const malformedPayloads: [string, unknown][] = [
  ['null', null],
  ['a string', 'projects'],
  ['a number', 42],
  ['an array', []],
  ['an unknown key', { definitelyNotAParameter: true }],
];

describe('protocol boundary', () => {
  for (const method of methodNames) {
    for (const [label, payload] of malformedPayloads) {
      it(`${method} rejects ${label}`, async () => {
        const engine = testEngine();
        const error = await engine.call(method, payload).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(CockpitError);
        expect((error as CockpitError).toData()).toMatchObject({
          code: 'BAD_REQUEST',
          message: expect.stringContaining(method) as string,
          details: { method, issues: expect.any(Array) as unknown },
        });
      });
    }
  }

  it('rejects wrongly typed fields, naming the field', async () => {
    const engine = testEngine();
    await expect(engine.call('projects.get', { id: 'seven' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      details: { issues: [{ path: 'id' }] },
    });
    await expect(engine.call('projects.add', { path: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(engine.call('projects.remove', { id: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    const engine = testEngine();
    await expect(engine.call('projects.explode', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    await expect(engine.call('__proto__', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('answers malformed frames that carry an id and ignores the rest, staying up', async () => {
    const engine = testEngine();
    const [client, server] = channelPair<unknown, ServerFrame>();
    serveConnection(engine, server, 'test');
    const received: ServerFrame[] = [];
    client.onMessage((frame) => received.push(frame));

    client.send({ t: 'call', id: 7 }); // no method
    client.send('garbage');
    client.send(null);
    client.send({ t: 'call', id: 8, method: 'app.info', params: {} } satisfies ClientFrame);
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toMatchObject({
      t: 'result',
      id: 7,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // Each missing field is named by its path, like a bad parameter is.
    const issues = requestIssues(fromErrorData((received[0] as { error: ErrorData }).error));
    expect(issues.map((issue) => issue.path)).toEqual(['method', 'params']);
    expect(received[1]).toMatchObject({ t: 'result', id: 8, ok: true, result: { host: 'test' } });
  });

  it('never leaks internals: unexpected failures become INTERNAL with a readable message', async () => {
    const engine = testEngine();
    // A path inside a file makes the filesystem throw ENOTDIR deep inside the service.
    const error = await engine
      .call('projects.add', { path: '/etc/hostname/nested' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CockpitError);
    expect((error as CockpitError).code).toMatch(/NOT_FOUND|INTERNAL/);
    expect((error as CockpitError).message).not.toMatch(/\n\s+at /);
  });

  it('a failure that escapes the engine reaches the client as INTERNAL with an id only, logged in full', async () => {
    const engine = testEngine();
    const leaky = { ...engine, call: () => Promise.reject(new Error('EACCES /home/someone/.secret')) };
    const [client, server] = channelPair<unknown, ServerFrame>();
    serveConnection(leaky, server, 'test');
    const received: ServerFrame[] = [];
    client.onMessage((frame) => received.push(frame));
    client.send({ t: 'call', id: 3, method: 'app.info', params: {} } satisfies ClientFrame);
    await expect.poll(() => received.length).toBe(1);

    const frame = received[0];
    if (frame?.t !== 'result' || frame.ok) throw new Error('expected an error result');
    expect(frame.error.code).toBe('INTERNAL');
    const errorId = (frame.error.details as { errorId: string }).errorId;
    expect(frame.error.message).toBe(
      `Internal error ${errorId}. The details are in the cockpit's diagnostic log.`,
    );
    expect(JSON.stringify(frame.error)).not.toMatch(/EACCES|secret/);
    expect(engine.logLines.find((line) => line.includes(errorId))).toMatch(/EACCES/);
  });
});
