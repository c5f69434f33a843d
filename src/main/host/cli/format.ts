// Formatting shared by the pipeline commands: statuses in colour, durations, job prefixes.
import type { JobStatus, RunStatus, RunSummary } from '../../../shared/domain/run.ts';
import { formatDuration } from '../../engine/kernel/duration.ts';
import { colors, paint, type CliIo } from './cli-io.ts';

const statusColor: Record<RunStatus | JobStatus, number> = {
  queued: colors.dim,
  pending: colors.dim,
  manual: colors.yellow,
  running: colors.yellow,
  success: colors.green,
  failed: colors.red,
  cancelled: colors.yellow,
  timed_out: colors.red,
  interrupted: colors.yellow,
  skipped: colors.dim,
};

export function paintStatus(io: CliIo, status: RunStatus | JobStatus): string {
  return paint(io, statusColor[status], status);
}

export function runDuration(run: Pick<RunSummary, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (run.startedAt === null) return '-';
  return formatDuration((run.finishedAt ?? now) - run.startedAt);
}

const prefixColors = [36, 35, 34, 33, 32, 96, 95, 94, 93, 92];

/** A stable colour per job name, so interleaved output stays readable. */
export function jobPrefix(io: CliIo, job: string, width: number, index: number): string {
  return paint(io, prefixColors[index % prefixColors.length]!, `${job.padEnd(width)} |`);
}

// eslint-disable-next-line no-control-regex -- matching terminal escape codes is the point
const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A job's own output line: its colours kept for a colour terminal, removed for pipes and NO_COLOR. */
export function outputLine(io: CliIo, text: string): string {
  return io.color ? text : text.replaceAll(ansi, '');
}

/** A plain text table: left-aligned columns separated by two spaces (colour codes take no width). */
export function formatTable(headers: string[], rows: string[][]): string {
  const width = (text: string) => text.replaceAll(ansi, '').length;
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** "683.6 KB": a file size for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
