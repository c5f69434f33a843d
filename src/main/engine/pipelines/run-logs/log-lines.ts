// Text helpers of the log writer: lines are held as strings joined by "\n", already masked.
import type { LogLine, LogStream } from '../../../../shared/domain/run.ts';

/** Longer lines are split (in UTF-16 code units, the cost of holding them). */
export const MAX_LINE_LENGTH = 64 * 1024;

/** Lines that arrived together: `text` is the lines joined by "\n", already masked. */
export interface Block {
  stream: LogStream;
  ts: number;
  firstLine: number;
  lineCount: number;
  text: string;
}

/** Number of lines in `text` (lines joined by "\n") and the length of the longest. */
export function measure(text: string): { lines: number; longest: number } {
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let next = text.indexOf('\n'); next !== -1; next = text.indexOf('\n', start)) {
    if (next - start > longest) longest = next - start;
    lines++;
    start = next + 1;
  }
  return { lines, longest: Math.max(longest, text.length - start) };
}

/** Whole lines are already masked, so splitting them anywhere is safe. */
export function splitLongLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= MAX_LINE_LENGTH) return line;
      const parts: string[] = [];
      for (let start = 0; start < line.length;) {
        let end = Math.min(start + MAX_LINE_LENGTH, line.length);
        if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end--;
        parts.push(line.slice(start, end));
        start = end;
      }
      return parts.join('\n');
    })
    .join('\n');
}

/** The last `count` lines of the blocks, oldest first. */
export function lastLines(blocks: Block[], count: number): LogLine[] {
  const lines: LogLine[] = [];
  for (let b = blocks.length - 1; b >= 0 && lines.length < count; b--) {
    const block = blocks[b]!;
    let end = block.text.length;
    for (let n = block.firstLine + block.lineCount - 1; n >= block.firstLine && lines.length < count; n--) {
      const start = n === block.firstLine ? 0 : block.text.lastIndexOf('\n', end - 1) + 1;
      lines.push({ n, ts: block.ts, stream: block.stream, text: block.text.slice(start, end) });
      end = start - 1;
    }
  }
  return lines.reverse();
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** "100 MB", "1.5 MB", "512 KB", "900 bytes" (binary units, as the cap is usually given). */
export function formatSize(size: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [unit, name] of units) {
    if (size >= unit) return `${Number((size / unit).toFixed(1))} ${name}`;
  }
  return `${size} bytes`;
}
