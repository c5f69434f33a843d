// `cockpit notifications [--failed]`: the delivery log of notifications out (docs/notifications.md),
// newest first — what was sent where, what failed and why, and how many attempts it took.
import type { Delivery } from '../../../shared/domain/notification.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { parseLimit } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

export async function notificationsCommand(
  args: string[],
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  if (args[0] === 'send') return send(args.slice(1), global, io);
  const { values, positionals } = parseCommandArgs(args, {
    failed: { type: 'boolean' },
    pending: { type: 'boolean' },
    project: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) {
    throw new UsageError('expected "cockpit notifications" or "cockpit notifications send"');
  }
  if (values.failed && values.pending) throw new UsageError('choose one of --failed and --pending');
  const limit = parseLimit(values.limit, 50, 1000);
  const status = values.failed ? 'failed' : values.pending ? 'pending' : undefined;
  return withEngineClient(global, io, async (client) => {
    const projectId = values.project ? (await resolveProject(client, io, values.project)).id : undefined;
    const deliveries = await client.api.notifications.deliveries({ status, projectId, limit });
    if (values.json) io.stdout(`${JSON.stringify(deliveries, null, 2)}\n`);
    else if (deliveries.length === 0) {
      io.stdout(
        status === 'failed'
          ? 'No notification has failed.\n'
          : status === 'pending'
            ? 'No notification is waiting.\n'
            : 'No notifications sent yet (rules go in cockpit.yml under notifications:, see docs/notifications.md).\n',
      );
    } else {
      io.stdout(
        formatTable(
          ['ID', 'TIME', 'EVENT', 'CHANNEL', 'STATUS', 'ATTEMPTS', 'WHAT / WHY'],
          deliveries.map((delivery) => [
            String(delivery.id),
            new Date(delivery.createdAt).toLocaleString(),
            delivery.event,
            `${delivery.channel} (${delivery.channelType})`,
            paintStatus(io, delivery),
            `${delivery.attempts}/${delivery.maxAttempts}`,
            why(delivery),
          ]),
        ),
      );
    }
    return exitCodes.ok;
  });
}

function paintStatus(io: CliIo, delivery: Delivery): string {
  const color =
    delivery.status === 'sent' ? colors.green : delivery.status === 'failed' ? colors.red : colors.yellow;
  return paint(io, color, delivery.status);
}

/** The headline, and for what has not gone out (yet) the reason and the next attempt. */
function why(delivery: Delivery): string {
  if (delivery.status === 'sent') return delivery.title;
  const next =
    delivery.nextAttemptAt === null
      ? ''
      : ` (next attempt ${new Date(delivery.nextAttemptAt).toLocaleTimeString()})`;
  return `${delivery.title} — ${delivery.lastError ?? 'not tried yet'}${next}`;
}

/**
 * `cockpit notifications send`: what is waiting goes out now — for a terminal or CI job with no app
 * or `cockpit serve` running. Exit 1 when an attempt failed (it waits for its next attempt).
 */
async function send(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError('"cockpit notifications send" takes no arguments');
  return withEngineClient(global, io, async (client) => {
    const result = await client.api.notifications.send();
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(
        `${result.queued} new deliver${result.queued === 1 ? 'y' : 'ies'} queued; ` +
          `${result.attempted} attempted, ${result.failed} failed` +
          (result.failed > 0 ? ' (see cockpit notifications --pending / --failed)' : '') +
          '.\n',
      );
    }
    return result.failed > 0 ? exitCodes.failure : exitCodes.ok;
  });
}
