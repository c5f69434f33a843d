// `cockpit report`: a release report (Markdown, self-contained HTML) or a CSV table, for a date
// range or one version, to stdout or to a file.
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { csvTables, reportFormats } from '../../../shared/domain/insights.ts';
import { CliFileError } from './cli-errors.ts';
import { exitCodes, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { resolveProject } from './resolve-project.ts';
import { parseTimeArg } from './time-arg.ts';

type Format = (typeof reportFormats)[number];
type Table = (typeof csvTables)[number];

const byExtension: Record<string, Format> = {
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.csv': 'csv',
};

export async function reportCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    since: { type: 'string' },
    until: { type: 'string' },
    project: { type: 'string' },
    version: { type: 'string' },
    format: { type: 'string' },
    table: { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit report" takes no arguments (options only)');
  const table = oneOf<Table>(values.table, csvTables, '--table');
  // The format: as given, else from the output file's extension, else csv for a --table, else md.
  const format =
    oneOf<Format>(values.format, reportFormats, '--format') ??
    (values.out ? byExtension[extname(values.out).toLowerCase()] : undefined) ??
    (table ? 'csv' : 'md');
  if (table && format !== 'csv') throw new UsageError('--table picks a CSV table: use it with --format csv');

  const now = Date.now();
  const until =
    values.until === undefined ? undefined : parseTimeArg(values.until, '--until', now, { endOfDay: true });
  // A span for --since counts back from --until ("--until 2026-11-01 --since 7d": the week before).
  const since = values.since === undefined ? undefined : parseTimeArg(values.since, '--since', until ?? now);

  return withEngineClient(global, io, async (client) => {
    const projectId = values.project ? (await resolveProject(client, io, values.project)).id : undefined;
    const report = await client.api.reports.export({
      format,
      since,
      until,
      projectId,
      version: values.version,
      table,
    });
    if (values.out === undefined) io.stdout(report.content);
    else {
      const path = resolve(io.cwd, values.out);
      try {
        writeFileSync(path, report.content);
      } catch (error) {
        throw new CliFileError(`cannot write the report to ${path}`, error);
      }
      io.stdout(`${path}\n`);
    }
    return exitCodes.ok;
  });
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  option: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}
