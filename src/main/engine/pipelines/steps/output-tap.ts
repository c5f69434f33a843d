// Sits between a step's process and the log writer: lines that a source's output parser recognises
// (GitHub ::group::, ::error file=…::, GitLab section_start…) become log groups and annotations,
// numbered by the line they were printed on. Chunks without any of the parser's needles pass
// straight through, so ordinary output costs one Buffer.indexOf per needle.
import type { LogWriter } from '../run-logs/log-writer.ts';
import type { LineEffect, OutputParser } from '../sources/types.ts';

export interface TapSink {
  /** `line` is the log line number the effect's line got. */
  effect(effect: LineEffect, line: number): void;
}

/** A command line longer than this is not looked at (real ones are short; this bounds memory). */
const MAX_TAIL_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export function createOutputTap(writer: LogWriter, parser: OutputParser | null, sink: TapSink) {
  const needles = (parser?.needles ?? []).map((needle) => Buffer.from(needle, 'utf8'));
  const tails: Record<'stdout' | 'stderr', Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };

  const hasNeedle = (buffer: Buffer) => needles.some((needle) => buffer.includes(needle));

  function write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (parser === null) {
      writer.write(stream, chunk);
      return;
    }
    const tail = tails[stream];
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      writer.write(stream, chunk);
      tails[stream] =
        tail.length + chunk.length > MAX_TAIL_BYTES ? Buffer.alloc(0) : Buffer.concat([tail, chunk]);
      return;
    }
    const complete =
      tail.length > 0
        ? Buffer.concat([tail, chunk.subarray(0, lastNewline + 1)])
        : chunk.subarray(0, lastNewline + 1);
    tails[stream] = Buffer.from(chunk.subarray(lastNewline + 1));
    if (!hasNeedle(complete)) {
      writer.write(stream, chunk);
      return;
    }
    // Write line by line up to the last newline, noting the number of each interesting line.
    let start = 0; // in chunk
    let lineStart = 0; // in complete
    const offset = tail.length; // complete[i] = chunk[i - offset] for i >= offset
    while (lineStart < complete.length) {
      const end = complete.indexOf(NEWLINE, lineStart);
      const line = complete.subarray(lineStart, end);
      if (hasNeedle(line)) {
        const text = line.toString('utf8').replace(/\r$/, '');
        const effect = parser.parse(text);
        const chunkEnd = end + 1 - offset;
        if (effect !== null && chunkEnd > 0) {
          writer.write(stream, chunk.subarray(start, chunkEnd));
          start = chunkEnd;
          sink.effect(effect, writer.lineCount() - 1);
        }
      }
      lineStart = end + 1;
    }
    if (start < chunk.length) writer.write(stream, chunk.subarray(start));
  }

  return { write };
}
