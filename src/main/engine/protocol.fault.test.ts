// Protocol fuzz: every method of the protocol table (a method added later is covered by itself),
// called through the same frames and connection every client uses, with malformed, huge, deeply
// nested, wrongly typed and prototype-polluting params; and raw frames of every shape. The engine
// must never crash, never hang, never leak its insides, and always answer a typed error; an INTERNAL
// error (a handler failing on input that passed validation) counts as a failure too.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { badRequestDetailsSchema } from '../../shared/errors.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { channelPair } from '../../shared/channel-pair.ts';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/frames.ts';
import { methodNames, methods, type MethodName } from '../../shared/protocol.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../testing/fixtures.ts';
import {
  asJson,
  describeValue,
  expectNoLeak,
  expectTypedError,
  fuzzParameters,
  fuzzRuns,
  hostileString,
  hostileValue,
  prototypeKeyObject,
  prototypeKeys,
} from '../testing/fuzz.ts';
import { testEngine } from '../testing/test-engine.ts';
import { serveConnection } from './connection.ts';
import type { Engine } from './engine.ts';

/** A reply must come within this, whatever was asked (a hang is a failure, not a slow answer). */
const ANSWER_WITHIN_MS = 15_000;

interface Connection {
  /** The answer, or null when the client side cannot even send it (too deep to clone). */
  call(method: string, params: unknown): Promise<ServerFrame | null>;
  raw(frame: unknown, id: number | null): Promise<ServerFrame | null>;
}

/** Sends, or says that the transport cannot carry it (structured cloning has a depth limit). */
function trySend(client: { send(message: unknown): void }, message: unknown): boolean {
  try {
    client.send(message);
    return true;
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && error.name === 'DataCloneError'))
      return false;
    throw error;
  }
}

let engine: Engine;
let connection: Connection;
let sandbox: string;
let repo: string;
const tried = { calls: 0, frames: 0, internal: [] as string[], answers: new Map<string, number>() };

function connect(target: Engine): Connection {
  const [client, server] = channelPair<unknown, ServerFrame>();
  serveConnection(target, server, 'fuzz');
  const waiting = new Map<number, (frame: ServerFrame) => void>();
  client.onMessage((frame) => {
    if (frame.t === 'result') waiting.get(frame.id)?.(frame);
  });
  let nextId = 1;
  const reply = (id: number, label: string) =>
    new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer to ${label} within ${ANSWER_WITHIN_MS} ms`)),
        ANSWER_WITHIN_MS,
      );
      waiting.set(id, (frame) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(frame);
      });
    });
  return {
    async call(method, params) {
      const id = nextId++;
      // Answers arrive asynchronously, so waiting for one right after sending misses nothing.
      if (!trySend(client, { t: 'call', id, method, params } satisfies ClientFrame)) return null;
      return reply(id, method);
    },
    async raw(frame, id) {
      // A well-formed cancel is never answered; neither is a frame without a numeric id.
      const parsed = clientFrameSchema.safeParse(frame);
      if (id === null || (parsed.success && parsed.data.t === 'cancel')) {
        trySend(client, frame);
        return null;
      }
      return trySend(client, frame) ? reply(id, 'a raw frame') : null;
    },
  };
}

/** The keys a method's params schema knows, to aim values at them (and at keys it does not know). */
function knownKeys(schema: ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Values that are valid-looking for a key (ids that may exist, short names) or hostile. */
function valueFor(key: string): fc.Arbitrary<unknown> {
  const plausible = /Id$|^id$/.test(key)
    ? fc.integer({ min: 1, max: 6 })
    : /^(limit|count|fromLine|offset|page|since|until|at)$/.test(key)
      ? fc.integer({ min: -1, max: 2_000 })
      : fc.constantFrom('ci', 'production', 'staging', 'main', 'HEAD', 'v1.0.0', 'x', 'md', 'html', 'csv');
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: hostileValue });
}

function paramsFor(method: MethodName): fc.Arbitrary<unknown> {
  const keys = knownKeys(methods[method].params);
  const aimed =
    keys.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(keys.map((key) => [key, valueFor(key)])), { requiredKeys: [] });
  const withExtra = fc
    .tuple(aimed, fc.oneof(fc.constantFrom(...prototypeKeys), hostileString), hostileValue)
    .map(([params, key, value]) => asJson({ ...params, [key]: value }));
  return fc.oneof(
    { weight: 5, arbitrary: aimed },
    { weight: 2, arbitrary: withExtra },
    { weight: 1, arbitrary: prototypeKeyObject },
    { weight: 2, arbitrary: hostileValue },
  );
}

/**
 * Side effects outside the test's sandbox are not what is being tested: a folder to add or write a
 * starter cockpit.yml into is always one inside the sandbox (the path text itself stays hostile).
 */
function keepInSandbox(method: MethodName, params: unknown): unknown {
  if ((method === 'projects.add' || method === 'projects.inspect') && params && typeof params === 'object') {
    const { path } = params as { path?: unknown };
    if (typeof path === 'string')
      return { ...params, path: join(sandbox, path.replace(/^[~/\\]+/, '').slice(0, 200)) };
  }
  return params;
}

function check(frame: ServerFrame, label: string) {
  expect(frame.t, label).toBe('result');
  if (frame.t !== 'result') return;
  const outcome = frame.ok ? 'ok' : frame.error.code;
  tried.answers.set(outcome, (tried.answers.get(outcome) ?? 0) + 1);
  if (frame.ok) {
    // Results cross the same boundary: no internals in them either (a JSON string of them).
    expectNoLeak(JSON.stringify(frame.result ?? null).slice(0, 200_000), label);
    return;
  }
  expectTypedError(frame.error, label);
  if (frame.error.code === 'BAD_REQUEST') {
    // One shape for every refusal: the issues, each with its field path.
    expect(badRequestDetailsSchema.safeParse(frame.error.details).success, label).toBe(true);
  }
  if (frame.error.code === 'INTERNAL') tried.internal.push(label);
}

beforeAll(async () => {
  sandbox = tempDir('cockpit-fuzz-sandbox-');
  mkdirSync(join(sandbox, 'home'));
  // Relative paths and "~" resolve here, never in the repository or the real home folder.
  process.chdir(sandbox);
  process.env.HOME = join(sandbox, 'home');
  engine = testEngine();
  connection = connect(engine);
  // Something for valid-looking ids to find: a real project with pipelines and an environment.
  repo = gitRepo({
    'cockpit.yml': `version: 1
pipelines:
  ci:
    params: { fail: { type: boolean, default: false } }
    jobs: { a: { run: 'echo hi' } }
environments:
  - name: production
    tier: production
    url: http://127.0.0.1:9/
`,
  });
  await engine.invoke('projects.add', { path: repo });
}, 60_000);

afterAll(async () => {
  console.warn(
    `protocol fuzz: ${tried.calls} calls over ${methodNames.length} methods and ${tried.frames} raw frames; ` +
      `${tried.internal.length} internal errors; answers: ${[...tried.answers].map(([code, n]) => `${code} ${n}`).join(', ')}`,
  );
  await cleanupFixtures();
});

describe('protocol fuzz', () => {
  for (const method of methodNames) {
    it(`${method}: every input gets a typed answer, never a crash or a leak`, async () => {
      await fc.assert(
        fc.asyncProperty(paramsFor(method), async (params) => {
          tried.calls++;
          const label = `${method}(${describeValue(params)})`;
          const answer = await connection.call(method, keepInSandbox(method, params));
          fc.pre(answer !== null);
          check(answer, label);
        }),
        fuzzParameters(fuzzRuns(25)),
      );
      // Still answering afterwards; and the project the valid-looking ids aim at is still there.
      const info = await connection.call('app.info', {});
      expect(info).toMatchObject({ ok: true });
      if ((await engine.invoke('projects.list', {})).length === 0)
        await engine.invoke('projects.add', { path: repo });
      expect(tried.internal, 'INTERNAL errors: a handler failed on validated input').toEqual([]);
    }, 120_000);
  }

  it('unknown and hostile method names get UNKNOWN_METHOD or BAD_REQUEST', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constantFrom(...prototypeKeys, 'app', 'app.', '.info', 'APP.INFO')),
        hostileValue,
        async (method, params) => {
          tried.calls++;
          const frame = await connection.call(method, params);
          fc.pre(frame !== null);
          check(frame, `method ${describeValue(method, 100)}`);
          expect(frame).toMatchObject({ ok: false });
        },
      ),
      fuzzParameters(fuzzRuns(100)),
    );
  }, 120_000);

  it('raw frames of any shape: answered when they carry an id, dropped otherwise, never fatal', async () => {
    let rawId = 1_000_000;
    const frameArbitrary = fc.oneof(
      hostileValue.map((frame) => ({ frame, id: null as number | null })),
      fc
        .record(
          {
            t: fc.oneof(fc.constantFrom('call', 'cancel', 'result', 'event', ''), hostileValue),
            method: fc.oneof(fc.constantFrom(...methodNames), hostileString),
            params: hostileValue,
            extra: hostileValue,
          },
          { requiredKeys: [] },
        )
        .map((frame) => ({ frame: { ...frame, id: rawId++ }, id: rawId - 1 })),
      fc.record({ t: fc.constant('cancel'), id: hostileValue }).map((frame) => ({ frame: frame, id: null })),
    );
    await fc.assert(
      fc.asyncProperty(frameArbitrary, async ({ frame, id }) => {
        tried.frames++;
        const answer = await connection.raw(frame, id);
        if (answer) check(answer, `frame ${describeValue(frame)}`);
      }),
      fuzzParameters(fuzzRuns(300)),
    );
    expect(await connection.call('app.info', {})).toMatchObject({ ok: true });
  }, 120_000);
});
