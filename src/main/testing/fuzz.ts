// What the protocol and web-host fuzz tests share: the run counts of the short and long profiles,
// hostile values (malformed, huge, deeply nested, wrong types, prototype keys), and the checks that
// an answer is a typed error that gives nothing of the engine's insides away.
import fc from 'fast-check';
import { expect } from 'vitest';
import { errorCodes, type ErrorData } from '../../shared/errors.ts';

export const longProfile = process.env.COCKPIT_FAULTS === 'long';

/** Runs of a property: `short` by default, ten times as many with COCKPIT_FAULTS=long. */
export function fuzzRuns(short: number): number {
  return longProfile ? short * 10 : short;
}

/** Property settings for every fuzz test: no shrinking past a minute, and the seed printed on failure. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return {
    numRuns,
    interruptAfterTimeLimit: longProfile ? 20 * 60_000 : 60_000,
    markInterruptAsFailure: false,
  };
}

/** Keys that, written carelessly into an object, change its prototype or shadow its methods. */
export const prototypeKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];

/** An object with prototype keys as own properties (as JSON.parse makes them). */
export const prototypeKeyObject: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...prototypeKeys), { minLength: 1 })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: keys.length, maxLength: keys.length }),
    ),
  )
  .map(
    ([keys, values]) =>
      JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key, i) => [key, values[i]])))) as Record<
        string,
        unknown
      >,
  );

/**
 * Arrays or objects nested thousands deep (built without recursion, as a parser would see them).
 * They print as "nested(…)" in a counterexample: fast-check's own printer would overflow the stack.
 */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 500, max: longProfile ? 50_000 : 5_000 }), fc.boolean())
  .map(([depth, asObject]) => {
    let value: object = asObject ? {} : [];
    for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
    // A symbol key: invisible to JSON and to structured cloning, seen only by fast-check's printer.
    Object.defineProperty(value, fc.toStringMethod, {
      value: () => `nested(${depth} ${asObject ? 'objects' : 'arrays'})`,
    });
    return value;
  });

/** A short printable label for any value (JSON where it can, never throwing). */
export function describeValue(value: unknown, max = 300): string {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)
    ).slice(0, max);
  } catch {
    return fc.stringify(value).slice(0, max);
  }
}

/** A JSON-shaped copy (what a WebSocket client can send): bigints and other non-JSON values dropped. */
export function asJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Strings that are long, empty, full of control characters, paths, or code. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../../../etc/passwd',
    '/etc/passwd',
    '~',
    '%00',
    '${HOME}',
    '$(touch /tmp/pwned)',
    '`id`',
    '-rf',
    '--upload-pack=touch /tmp/pwned',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'NaN',
    '9'.repeat(400),
    '\u202e\u0000\ud800',
  ),
  fc.integer({ min: 1_000, max: longProfile ? 2_000_000 : 300_000 }).map((n) => 'x'.repeat(n)),
);

/** Anything a client could send in place of a value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1,
      2,
      0.5,
      -0,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      true,
      false,
      null,
      [],
      {},
      [[]],
      [null],
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: prototypeKeyObject },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1_000, maxLength: 3_000 }) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
);

/** Text that must never reach a client: stacks, raw JavaScript or SQLite errors, source paths. */
export const internalLeaks: RegExp[] = [
  /\n\s+at /,
  /\bat (async )?[\w.<>]+ \(/,
  /(file:\/\/|\/src\/main\/|node:internal|node_modules)/,
  /\.ts:\d+/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|SqliteError)\b/,
  /SQLITE_[A-Z]+/,
  /Cannot read propert|is not a function|undefined is not|Maximum call stack/,
];

export function expectNoLeak(text: string, label: string): void {
  for (const pattern of internalLeaks) expect(text, `${label} leaks ${String(pattern)}`).not.toMatch(pattern);
}

/** A typed error: a known code, a message, and for INTERNAL nothing but an id. */
export function expectTypedError(error: ErrorData, label: string): void {
  expect(errorCodes, label).toContain(error.code);
  expect(typeof error.message, label).toBe('string');
  expectNoLeak(JSON.stringify(error), label);
  if (error.code === 'INTERNAL') {
    expect(error.message, label).toMatch(
      /^Internal error E-[0-9a-f]{8}\. The details are in the cockpit's diagnostic log\.$/,
    );
  }
}
