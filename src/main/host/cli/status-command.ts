// `cockpit status` (every environment at a glance; exit 3 when production is down or stale, 7 when a
// project's cockpit.yml is invalid) and `cockpit check <environment>` (run its checks now).
import { formatDuration } from '../../engine/kernel/duration.ts';
import type { EnvironmentSummary } from '../../../shared/domain/environment.ts';
import type { Project } from '../../../shared/domain/project.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { resolveProject } from './resolve-project.ts';

/** Exit code for scripts: production is not healthy. */
export const PRODUCTION_UNHEALTHY = 3;

const stateColor: Record<EnvironmentSummary['state'], number> = {
  up: colors.green,
  degraded: colors.yellow,
  down: colors.red,
  unknown: colors.dim,
  paused: colors.dim,
  stale: colors.yellow,
};

export async function statusCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
    cached: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit status" takes no arguments');
  return withEngineClient(global, io, async (client) => {
    const projectId = values.project ? (await resolveProject(client, io, values.project)).id : undefined;
    const broken = (await client.api.projects.list()).filter(
      (project) =>
        project.configStatus === 'invalid' && (projectId === undefined || project.id === projectId),
    );
    let environments = await client.api.environments.list({ projectId });
    // Without the app running nobody has checked lately: check what is not fresh, unless --cached.
    if (!values.cached) {
      const old = environments.filter(
        (env) => env.state === 'unknown' || env.state === 'stale' || env.overdue,
      );
      await Promise.all(old.map((env) => client.api.environments.checkNow({ environmentId: env.id })));
      if (old.length > 0) environments = await client.api.environments.list({ projectId });
    }
    const unhealthy = environments.filter(
      (env) =>
        env.tier === 'production' &&
        (env.state === 'down' || env.state === 'stale' || env.state === 'unknown'),
    );
    if (values.json) io.stdout(`${JSON.stringify(environments, null, 2)}\n`);
    else if (environments.length === 0 && broken.length === 0)
      io.stdout(
        'No environments configured. Add some under environments: in cockpit.yml (docs/environments.md).\n',
      );
    else if (environments.length === 0) io.stdout('No environments to show: see the errors below.\n');
    else {
      const now = Date.now();
      io.stdout(
        formatTable(
          ['PROJECT', 'ENVIRONMENT', 'TIER', 'STATE', 'VERSION', 'LATENCY', 'UPTIME 24H', 'CHECKED'],
          environments.map((env) => [
            env.projectName,
            env.name,
            env.tier,
            paint(io, stateColor[env.state], env.state) + (env.cause ? ` (${env.cause})` : ''),
            env.version ?? '-',
            env.latencyMs === null ? '-' : `${Math.round(env.latencyMs)} ms`,
            env.uptime24h === null ? '-' : `${(env.uptime24h * 100).toFixed(2)}%`,
            env.lastCheckedAt === null ? 'never' : `${formatDuration(now - env.lastCheckedAt)} ago`,
          ]),
        ),
      );
    }
    if (unhealthy.length > 0 && !values.json) {
      io.stderr(
        `${paint(io, colors.red, 'production is not healthy:')} ${unhealthy.map((env) => `${env.name} ${env.state}`).join(', ')}\n`,
      );
    }
    for (const project of broken) io.stderr(`${configErrorLine(io, project)}\n`);
    if (unhealthy.length > 0) return PRODUCTION_UNHEALTHY;
    return broken.length > 0 ? exitCodes.configInvalid : exitCodes.ok;
  });
}

/**
 * "config error in shop: /srv/shop/cockpit.yml:12:3: … — monitoring goes on with the configuration
 * from 2026-11-26 14:02" (or says that nothing of it is monitored).
 */
export function configErrorLine(io: CliIo, project: Project): string {
  const first = project.configProblems[0];
  const where = first
    ? `${first.file}:${first.line}:${first.col}: ${first.message}`
    : 'cockpit.yml is invalid';
  const more = project.configProblems.length > 1 ? ` (and ${project.configProblems.length - 1} more)` : '';
  const fallback =
    project.lastGoodConfigAt !== null
      ? `monitoring goes on with the configuration from ${localMinute(project.lastGoodConfigAt)}`
      : 'no valid configuration was ever seen, so none of its environments is monitored';
  return `${paint(io, colors.red, 'config error')} in ${project.name}: ${where}${more} — ${fallback}`;
}

/** "2026-11-26 14:02", local time. */
function localMinute(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export async function checkCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('expected "cockpit check <environment>"');
  const name = positionals[0]!;
  return withEngineClient(global, io, async (client) => {
    const projectId = (await resolveProject(client, io, values.project)).id;
    const environments = await client.api.environments.list({ projectId });
    const env = environments.find((candidate) => candidate.name === name);
    if (!env) {
      throw new UsageError(
        `no environment "${name}" (environments: ${environments.map((e) => e.name).join(', ') || 'none'})`,
      );
    }
    const result = await client.api.environments.checkNow({ environmentId: env.id });
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const lines = [
        `${paint(io, colors.bold, env.name)} ${env.url}`,
        `  state     ${paint(io, stateColor[result.state], result.state)}`,
        `  status    ${result.statusCode ?? '-'}`,
        `  latency   ${result.latencyMs === null ? '-' : `${Math.round(result.latencyMs)} ms`}`,
        `  version   ${result.version ?? '-'}`,
      ];
      if (result.certExpiresAt)
        lines.push(`  cert      expires ${new Date(result.certExpiresAt).toISOString().slice(0, 10)}`);
      if (result.error) lines.push(`  error     ${result.errorClass ?? 'unknown'}: ${result.error}`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return result.state === 'down' ? PRODUCTION_UNHEALTHY : exitCodes.ok;
  });
}
