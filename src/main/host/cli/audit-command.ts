// `cockpit audit` (the audit log, newest first) and `cockpit audit verify` (walk its hash chain:
// exit 0 when intact, printing its head to note down and compare later; 1 naming the first entry
// that was changed or removed).
import type { AuditEntry } from '../../../shared/domain/release.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { parseLimit } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

export async function auditCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  if (args[0] === 'verify') return verify(args.slice(1), global, io);
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('expected "cockpit audit" or "cockpit audit verify"');
  const limit = parseLimit(values.limit, 50, 1000);
  return withEngineClient(global, io, async (client) => {
    // The log is one chain for the whole cockpit: every project's entries unless --project narrows it.
    const projectId = values.project ? (await resolveProject(client, io, values.project)).id : undefined;
    const entries = await client.api.audit.list({ projectId, limit });
    if (values.json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    else if (entries.length === 0) io.stdout('The audit log is empty.\n');
    else {
      io.stdout(
        formatTable(
          ['ID', 'TIME', 'ACTOR', 'ACTION', 'SUBJECT', 'DETAIL'],
          entries.map((entry) => [
            String(entry.id),
            new Date(entry.at).toLocaleString(),
            entry.actor,
            entry.action,
            entry.subject,
            shortDetail(entry),
          ]),
        ),
      );
    }
    return exitCodes.ok;
  });
}

async function verify(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError('"cockpit audit verify" takes no arguments');
  return withEngineClient(global, io, async (client) => {
    const result = await client.api.audit.verify();
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.ok)
      io.stdout(
        `${paint(io, colors.green, 'audit log intact:')} ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}${result.headId === null ? '' : `, head #${result.headId} ${result.headHash}`}\n`,
      );
    else
      io.stderr(
        `${paint(io, colors.red, 'audit log broken')}${result.firstBadId === null ? '' : ` at entry ${result.firstBadId}`}: ${result.problem ?? 'the hash chain does not match'} (${result.entries} entries checked)\n`,
      );
    return result.ok ? exitCodes.ok : exitCodes.failure;
  });
}

const DETAIL_WIDTH = 80;

/** The detail object as "key=value" pairs on one line, cut to fit a terminal. */
function shortDetail(entry: AuditEntry): string {
  const text = Object.entries(entry.detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
    .replaceAll(/\s+/g, ' ');
  return text.length > DETAIL_WIDTH ? `${text.slice(0, DETAIL_WIDTH - 1)}…` : text || '-';
}
