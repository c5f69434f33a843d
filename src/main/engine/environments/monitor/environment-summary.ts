// An environment as the Environments page shows it: its state (paused, unknown, stale or as checked),
// whether a check is overdue, latency, version, uptime, certificate and open incident.
import type { Database } from 'better-sqlite3';
import type { EnvironmentSummary } from '../../../../shared/domain/environment.ts';
import { environmentDefaults } from '../../config/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { EnvironmentsRepo } from '../store/environments-repo.ts';
import { monitoredSince, uptime } from '../store/environment-queries.ts';
import { activeMaintenance } from './maintenance.ts';
import { intervalOf, type WatchedEnvironment } from './watched-environment.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface SummaryDeps {
  db: Database;
  repo: EnvironmentsRepo;
  clock: Clock;
  /** When the scheduler checks it next (null: not scheduled in this process). */
  nextCheckAt(id: number, down: boolean): number | null | undefined;
}

export function summarize(deps: SummaryDeps, e: WatchedEnvironment): EnvironmentSummary {
  const { db, repo, clock } = deps;
  const row = repo.row(e.id)!;
  const now = clock.now();
  const intervalMs = intervalOf(e.config);
  const recent = repo.recentResults(e.id, 1)[0];
  const maintenance = activeMaintenance(e.config.maintenance, now);
  const down = row.state === 'down';
  const nextCheckAt = row.paused ? null : (deps.nextCheckAt(e.id, down) ?? null);
  // Overdue: no result for longer than the wait before the next check, plus an interval of slack.
  const waitMs =
    nextCheckAt !== null && row.last_checked_at !== null ? nextCheckAt - row.last_checked_at : intervalMs;
  const overdue =
    !row.paused &&
    row.last_checked_at !== null &&
    now - row.last_checked_at > Math.max(waitMs, intervalMs) + intervalMs;
  // Old good news is not shown as current ('stale'); bad news stays 'down' whatever its age.
  const state = row.paused
    ? 'paused'
    : row.last_checked_at === null
      ? 'unknown'
      : overdue && !down
        ? 'stale'
        : row.state;
  return {
    id: e.id,
    projectId: e.projectId,
    projectName: e.projectName,
    name: e.config.name,
    tier: e.config.tier ?? environmentDefaults.tier,
    url: e.config.url,
    state,
    cause: maintenance ? `in maintenance${maintenance.reason ? `: ${maintenance.reason}` : ''}` : row.cause,
    intervalMs,
    lastCheckedAt: row.last_checked_at,
    nextCheckAt,
    overdue,
    latencyMs: recent?.latencyMs ?? null,
    latencySeries: repo.latencySeries(e.id, 30),
    version: row.last_version,
    monitoredSince: monitoredSince(db, e.id),
    uptime24h: uptime(db, e.id, now - DAY, now),
    uptime30d: uptime(db, e.id, now - 30 * DAY, now),
    certDaysLeft: recent?.certExpiresAt ? Math.floor((recent.certExpiresAt - now) / DAY) : null,
    openIncidentId: repo.openIncidentId(e.id),
    inMaintenance: maintenance !== null,
    lastError: recent && recent.state !== 'up' ? recent.error : null,
  };
}
