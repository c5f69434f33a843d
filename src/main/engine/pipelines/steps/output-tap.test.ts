// The output tap numbers the lines a parser recognises exactly as the log writer stores them, also
// when a command arrives split across chunks, and leaves every other byte untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogWriter } from '../run-logs/log-writer.ts';
import { createMasker } from '../../kernel/masking/masker.ts';
import { readLogPage } from '../run-logs/log-reader.ts';
import { workflowCommandParser } from '../sources/github/workflow-commands.ts';
import type { LineEffect } from '../sources/types.ts';
import { createOutputTap } from './output-tap.ts';
import { attemptDatabase } from '../../../testing/run-log-writer.ts';
import { cleanupFixtures, tempDir } from '../../../testing/fixtures.ts';

afterEach(cleanupFixtures);

function tapped(chunks: ['stdout' | 'stderr', string][]) {
  const { db, attemptId } = attemptDatabase();
  const logDir = tempDir();
  const writer = createLogWriter({
    db,
    attemptId,
    logDir,
    masker: createMasker(['s3cret-value']),
    capBytes: 1024 * 1024,
    now: () => 1,
    onLines: () => {},
  });
  const effects: { effect: LineEffect; line: number }[] = [];
  const tap = createOutputTap(writer, workflowCommandParser, {
    effect: (effect, line) => effects.push({ effect, line }),
  });
  for (const [stream, text] of chunks) tap.write(stream, Buffer.from(text));
  writer.close();
  const lines = readLogPage(db, attemptId, 0, 100).lines.map((line) => line.text);
  return { effects, lines };
}

describe('the output tap', () => {
  it('finds commands at the line numbers the log gives them, across chunk boundaries and streams', () => {
    const { effects, lines } = tapped([
      ['stdout', 'one\ntwo\n::gro'],
      ['stderr', 'err line\n'],
      ['stdout', 'up::Build\ninside\n::endgroup::\n'],
      ['stdout', '::error file=a.ts,line=2::bad s3cret-value\nlast'],
    ]);
    expect(lines).toEqual([
      'one',
      'two',
      'err line',
      '::group::Build',
      'inside',
      '::endgroup::',
      '::error file=a.ts,line=2::bad ***',
      'last',
    ]);
    expect(effects.map(({ effect, line }) => [effect.kind, line])).toEqual([
      ['group-start', 3],
      ['group-end', 5],
      ['annotation', 6],
    ]);
  });

  it('passes output without commands through unparsed, in the same lines', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} with a: colon`).join('\n');
    const { effects, lines } = tapped([
      ['stdout', text.slice(0, 333)],
      ['stdout', text.slice(333)],
    ]);
    expect(effects).toEqual([]);
    expect(lines).toEqual(text.split('\n'));
  });
});
