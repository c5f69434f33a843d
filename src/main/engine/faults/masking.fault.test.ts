// Masking fuzz: random secrets × every encoding a tool prints them in × random ways of cutting the
// output into writes, through the real log writer (real SQLite, real log file): no encoded secret,
// nor any 8-character piece of one, ever appears in the stored log or the live lines. Then the same
// from real jobs: a real process prints every encoding of every secret, in small writes.
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../kernel/clock.ts';
import { attemptDatabase, recordingWriter, storedText } from '../../testing/run-log-writer.ts';
import { cleanupFixtures, gitRepo } from '../../testing/fixtures.ts';
import { recordFigures, SEED, times } from '../../testing/faults.ts';
import {
  leakedPieces,
  NON_SECRET_PREFIX,
  SAMPLE_SECRETS,
  SECRET_ENCODINGS,
} from '../../testing/secret-encodings.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const ENCODINGS = Object.keys(SECRET_ENCODINGS);
let tried = 0;
let leaks = 0;
let jobs = 0;

afterAll(() =>
  recordFigures('masking fuzz', {
    inputs: tried,
    encodings: ENCODINGS.length,
    realJobChecks: jobs,
    failures: leaks,
  }),
);

/** Secrets as people set them: 8 to 90 characters, printable ASCII with some non-ASCII. */
const secret = fc
  .string({
    unit: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      },
      { weight: 2, arbitrary: fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') },
      { weight: 1, arbitrary: fc.constantFrom('é', 'ü', 'ß', '€', '漢', '🔑') },
    ),
    minLength: 8,
    maxLength: 90,
  })
  .filter((value) => value.trim().length >= 8 && !/^(.)\1*$/.test(value));

describe('masking fuzz', () => {
  it('every secret × every encoding × any cut into writes: never stored, never shown', () => {
    fc.assert(
      fc.property(
        fc.array(secret, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...ENCODINGS),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('', 'prefix ', 'Authorization: Bearer ', '{"token":"'),
        (secrets, encoding, cuts, prefix) => {
          tried++;
          const target = secrets[0]!;
          const encoded = SECRET_ENCODINGS[encoding]!(target);
          const output = Buffer.from(`${prefix}${encoded} trailing words\nthe next line\n`, 'utf8');
          const { db, attemptId } = attemptDatabase();
          const writer = recordingWriter(db, attemptId, { secrets });
          for (let at = 0, i = 0; at < output.length; i++) {
            const size = cuts[i % cuts.length]!;
            writer.write('stdout', output.subarray(at, at + size));
            at += size;
          }
          writer.close();
          const stored = storedText(db, attemptId).join('\n');
          const live = writer.batches.flatMap((batch) => batch.lines.map((line) => line.text)).join('\n');
          db.close();
          const found = [stored, live].flatMap((text) =>
            leakedPieces(text, encoded, NON_SECRET_PREFIX[encoding] ?? 0),
          );
          if (found.length > 0) leaks++;
          expect(found, `${encoding} of ${JSON.stringify(target)}`).toEqual([]);
        },
      ),
      { numRuns: times(300, 3000), seed: SEED },
    );
  });

  it('real jobs printing every encoding of every secret, in small writes, leave no trace of them', async () => {
    const engine = testEngine({ clock: systemClock });
    const samples = [...SAMPLE_SECRETS, ...fc.sample(secret, { numRuns: times(2, 10), seed: SEED })];
    const printed = samples.flatMap((value) => ENCODINGS.map((name) => SECRET_ENCODINGS[name]!(value)));
    // The job prints what it is given through the environment, a few bytes per write.
    const repo = gitRepo({
      'cockpit.yml': `version: 1
pipelines:
  leak:
    jobs:
      print:
        secrets: [${samples.map((_, i) => `S${i}`).join(', ')}]
        run: node print.js
`,
      // A form printed over several lines pauses after its first line break for longer than the
      // writer's flush: the first part must not be handed on before the rest shows it is a secret.
      'print.js': `const texts = JSON.parse(process.env.PRINTED);
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (const text of texts) {
  const bytes = Buffer.from('value: ' + text + '\\n');
  const firstBreak = bytes.indexOf(10);
  for (let at = 0; at < bytes.length; at += 5) {
    require('fs').writeSync(1, bytes.subarray(at, at + 5));
    if (firstBreak < bytes.length - 1 && firstBreak >= at && firstBreak < at + 5) pause(150);
  }
}
`,
    });
    const project = await engine.invoke('projects.add', { path: repo });
    for (const [i, value] of samples.entries()) {
      await engine.invoke('secrets.set', { projectId: project.id, name: `S${i}`, value });
    }
    process.env.PRINTED = JSON.stringify(printed); // reaches the job through the engine's environment
    try {
      const run = await engine.invoke('runs.start', { projectId: project.id, pipeline: 'leak' });
      await engine.waitForRun(run.id);
      const detail = await engine.invoke('runs.get', { runId: run.id });
      expect(detail.status).toBe('success');
      const page = await engine.invoke('runs.logPage', {
        attemptId: detail.jobs[0]!.attempts[0]!.id,
        fromLine: 0,
        count: 5000,
      });
      const text = page.lines.map((line) => line.text).join('\n');
      // Every line the job printed is stored, however the engine was scheduled while it printed.
      expect(page.lines.filter((line) => line.text.startsWith('value: ')).length).toBe(printed.length);
      expect(text).toContain('value: ***');
      for (const value of samples) {
        for (const name of ENCODINGS) {
          jobs++;
          const found = leakedPieces(text, SECRET_ENCODINGS[name]!(value), NON_SECRET_PREFIX[name] ?? 0);
          if (found.length > 0) leaks++;
          expect(found, `${name} of ${JSON.stringify(value)}`).toEqual([]);
        }
      }
    } finally {
      delete process.env.PRINTED;
    }
  });
});
