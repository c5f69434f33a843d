// What the tray shows, decided from the engine's data alone (no Electron here, so it is tested in
// Node): the worst production state across projects, and a menu of environments and recent runs.
import type { EnvironmentSummary } from '../../shared/domain/environment.ts';
import type { RunSummary } from '../../shared/domain/run.ts';

export type TrayState = 'up' | 'degraded' | 'down' | 'unknown';

export interface TrayItem {
  label: string;
  /** The renderer route a click opens, e.g. "#/environments/3"; null for a plain line. */
  route: string | null;
}

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  environments: TrayItem[];
  runs: TrayItem[];
}

const mark: Record<string, string> = {
  up: '●',
  degraded: '◐',
  down: '○',
  stale: '◌',
  unknown: '◌',
  paused: '‖',
};

/** Production decides the icon: any down (or stale) production is down; any degraded is degraded. */
export function trayModel(environments: EnvironmentSummary[], runs: RunSummary[]): TrayModel {
  const production = environments.filter((env) => env.tier === 'production' && env.state !== 'paused');
  let state: TrayState = production.length === 0 ? 'unknown' : 'up';
  if (production.some((env) => env.state === 'degraded')) state = 'degraded';
  if (production.some((env) => env.state === 'down' || env.state === 'stale')) state = 'down';
  if (production.length > 0 && production.every((env) => env.state === 'unknown')) state = 'unknown';

  const broken = production.filter((env) => env.state === 'down' || env.state === 'stale');
  const tooltip =
    state === 'unknown'
      ? 'Release Cockpit — no production environment checked yet'
      : state === 'up'
        ? `Release Cockpit — production up (${production.length})`
        : state === 'degraded'
          ? 'Release Cockpit — production degraded'
          : `Release Cockpit — ${broken.map((env) => `${env.projectName} ${env.name}`).join(', ')} ${broken.length === 1 ? 'is' : 'are'} down`;

  const tierRank = { production: 0, staging: 1, development: 2, other: 3 } as const;
  const sorted = [...environments].sort(
    (a, b) =>
      tierRank[a.tier] - tierRank[b.tier] ||
      a.projectName.localeCompare(b.projectName) ||
      a.name.localeCompare(b.name),
  );
  return {
    state,
    tooltip,
    environments: sorted.slice(0, 12).map((env) => ({
      label: `${mark[env.state] ?? '◌'} ${env.projectName} · ${env.name} — ${env.state}${env.version ? ` · ${env.version}` : ''}`,
      route: `#/environments/${env.id}`,
    })),
    runs: runs.slice(0, 5).map((run) => ({
      label: `#${run.id} ${run.pipeline} — ${run.status.replace('_', ' ')}`,
      route: `#/runs/${run.id}`,
    })),
  };
}
