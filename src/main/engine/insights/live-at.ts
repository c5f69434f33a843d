// Time travel: what every environment ran and how it was doing at a past moment, answered from what
// outlives raw checks (kept 14 days): observed versions, deployments, hour rollups and monitor
// sessions — a handful of index lookups per environment.
import type { Database, Statement } from 'better-sqlite3';
import type { LiveAt } from '../../../shared/domain/insights.ts';
import { DAY, HOUR, MINUTE } from './stats.ts';

/** A raw check at most this old at `at` gives the state by itself. */
export const RECENT_CHECK_MS = 10 * MINUTE;
/** Deployments finished this long before `at` are read in one go; older ones per environment. */
const RECENT_DEPLOYMENTS_MS = 30 * DAY;

type Tier = LiveAt['environments'][number]['tier'];
const tiers: readonly string[] = ['development', 'staging', 'production', 'other'] satisfies Tier[];

interface EnvironmentRow {
  id: number;
  projectId: number;
  name: string;
  tier: string | null;
}

interface DeploymentRow {
  id: number;
  version: string;
  finishedAt: number;
}

interface Statements {
  environments: Statement<[], EnvironmentRow>;
  sessionCovers: Statement<[number, number], number>;
  lastCheck: Statement<
    [number, number],
    { at: number; state: 'up' | 'degraded' | 'down'; version: string | null }
  >;
  anyHour: Statement<[number, number], number>;
  hour: Statement<[number, number], { up: number; degraded: number; down: number }>;
  observed: Statement<[number, number], string>;
  recentDeployments: Statement<[number, number], DeploymentRow & { projectId: number; environment: string }>;
  lastDeployment: Statement<[number, string, number], DeploymentRow>;
  deploymentOf: Statement<[number, string, number, string, string, string], DeploymentRow>;
  incident: Statement<[number, number], { id: number; closedAt: number | null }>;
}

function prepare(db: Database): Statements {
  const deployment = `SELECT id, version, finished_at AS finishedAt FROM deployments
     WHERE project_id = ? AND environment = ? AND status = 'succeeded' AND finished_at <= ?`;
  return {
    environments: db.prepare('SELECT id, project_id AS projectId, name, tier FROM environments'),
    sessionCovers: db
      .prepare<[number, number], number>(
        'SELECT 1 FROM monitor_sessions WHERE started_at <= ? AND beat_at >= ? LIMIT 1',
      )
      .pluck(),
    lastCheck: db.prepare(
      `SELECT at, state, version FROM check_results WHERE environment_id = ? AND at <= ?
       ORDER BY at DESC, id DESC LIMIT 1`,
    ),
    anyHour: db
      .prepare<[number, number], number>(
        "SELECT 1 FROM rollups WHERE environment_id = ? AND resolution = 'hour' AND bucket_start <= ? LIMIT 1",
      )
      .pluck(),
    hour: db.prepare(
      `SELECT up, degraded, down FROM rollups
       WHERE environment_id = ? AND resolution = 'hour' AND bucket_start = ? AND checks > 0`,
    ),
    // One environment sees one version at a time: no ties on seen_at to break.
    observed: db
      .prepare<[number, number], string>(
        `SELECT version FROM observed_deployments WHERE environment_id = ? AND seen_at <= ?
         ORDER BY seen_at DESC LIMIT 1`,
      )
      .pluck(),
    // In finish order: the last row of each environment is its latest deployment.
    recentDeployments: db.prepare(
      `SELECT project_id AS projectId, environment, id, version, finished_at AS finishedAt FROM deployments
       WHERE status = 'succeeded' AND finished_at > ? AND finished_at <= ? ORDER BY finished_at, id`,
    ),
    lastDeployment: db.prepare(`${deployment} ORDER BY finished_at DESC, id DESC LIMIT 1`),
    deploymentOf: db.prepare(
      `${deployment} AND (version = ? OR version = ? OR version = ?) ORDER BY finished_at DESC, id DESC LIMIT 1`,
    ),
    // Incidents of one environment never overlap (one is opened only while none is open), so the
    // latest opened by then is the only one that can be open.
    incident: db.prepare(
      `SELECT id, closed_at AS closedAt FROM incidents WHERE environment_id = ? AND opened_at <= ?
       ORDER BY opened_at DESC LIMIT 1`,
    ),
  };
}

const tierOf = (row: EnvironmentRow): Tier =>
  row.tier !== null && tiers.includes(row.tier)
    ? (row.tier as Tier)
    : row.tier === null && row.name === 'production'
      ? 'production'
      : 'other';

const bare = (version: string) => (version.startsWith('v') ? version.slice(1) : version);

export function createLiveAt(db: Database) {
  const s = prepare(db);
  return function liveAt(at: number, projects: { id: number; name: string }[]): LiveAt {
    const names = new Map(projects.map((p) => [p.id, p.name]));
    const hourStart = at - (at % HOUR);
    const environments = db.transaction(() => {
      const watching = s.sessionCovers.get(at, at) !== undefined;
      const rows: LiveAt['environments'] = [];
      const recent = new Map<string, DeploymentRow>();
      for (const row of s.recentDeployments.all(at - RECENT_DEPLOYMENTS_MS, at)) {
        recent.set(`${row.projectId}\u0000${row.environment}`, row);
      }
      for (const env of s.environments.all()) {
        const projectName = names.get(env.projectId);
        if (projectName === undefined) continue;
        const check = s.lastCheck.get(env.id, at);
        const observed = s.observed.get(env.id, at);
        const last =
          recent.get(`${env.projectId}\u0000${env.name}`) ??
          s.lastDeployment.get(env.projectId, env.name, at);
        if (!check && observed === undefined && !last && s.anyHour.get(env.id, at) === undefined) continue;

        let state: LiveAt['environments'][number]['state'] = 'unknown';
        let checkedAt: number | null = null;
        if (check && at - check.at <= RECENT_CHECK_MS) {
          state = check.state;
          checkedAt = check.at;
        } else if (watching) {
          const hour = s.hour.get(env.id, hourStart);
          if (hour) {
            state = hour.down > 0 ? 'down' : hour.degraded > 0 ? 'degraded' : 'up';
            checkedAt = hourStart;
          }
        }

        const version = observed ?? check?.version ?? last?.version ?? null;
        let deployment: DeploymentRow | undefined;
        if (version !== null) {
          const v = bare(version);
          deployment =
            last && bare(last.version) === v
              ? last
              : s.deploymentOf.get(env.projectId, env.name, at, v, `v${v}`, version);
        }
        const incident = s.incident.get(env.id, at);
        rows.push({
          projectId: env.projectId,
          projectName,
          environment: env.name,
          tier: tierOf(env),
          version,
          deploymentId: deployment?.id ?? null,
          deployedAt: deployment?.finishedAt ?? null,
          state,
          checkedAt,
          openIncidentId:
            incident && (incident.closedAt === null || incident.closedAt > at) ? incident.id : null,
        });
      }
      return rows;
    })();
    const rank = (tier: Tier) => (tier === 'production' ? 0 : 1);
    environments.sort(
      (a, b) =>
        rank(a.tier) - rank(b.tier) ||
        a.projectName.localeCompare(b.projectName) ||
        a.environment.localeCompare(b.environment),
    );
    return { at, environments };
  };
}

export type LiveAtQuery = ReturnType<typeof createLiveAt>;
