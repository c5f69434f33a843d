// Gathers what a release report says: the deployments in the window (or of one version) with their
// gates, approvals and notes, the incidents that overlap it, and the DORA keys over the nearest range.
import type { DoraSummary, InsightRange } from '../../../shared/domain/insights.ts';
import type { DeploymentDetail } from '../../../shared/domain/release.ts';
import { CockpitError } from '../../../shared/errors.ts';
import type { IncidentRow, ReportQueries, Tier } from './report-queries.ts';
import { tierOf } from './report-queries.ts';
import { nearestRange, resolveWindow, type ReportWindow } from './report-window.ts';
import { utcDate } from './report-format.ts';

export interface ReportParams {
  since?: number;
  until?: number;
  projectId?: number;
  version?: string;
}

export interface ReportDeployment {
  deployment: DeploymentDetail;
  tier: Tier;
}

export interface ReportMetrics {
  range: InsightRange;
  /** The report window is exactly as long as `range`. */
  exact: boolean;
  windowDays: number;
  summary: DoraSummary | null;
  /** Why there are no metrics, when dora() failed. */
  problem: string | null;
}

export interface ReportData {
  title: string;
  generatedAt: number;
  window: ReportWindow;
  project: { id: number; name: string } | null;
  version: string | null;
  /** Oldest first. */
  deployments: ReportDeployment[];
  incidents: IncidentRow[];
  metrics: ReportMetrics;
}

export interface ReportSources {
  queries: ReportQueries;
  now(): number;
  listProjects(): { id: number; name: string; path: string }[];
  deployment(id: number): DeploymentDetail;
  dora(params: { projectId?: number; range: InsightRange }): DoraSummary;
}

export function collectReport(sources: ReportSources, params: ReportParams): ReportData {
  const { queries } = sources;
  const now = sources.now();
  const project = params.projectId === undefined ? null : projectOf(sources, params.projectId);
  const projectId = project?.id ?? null;
  const version = params.version?.trim() || null;

  let window: ReportWindow;
  let refs;
  let incidents: IncidentRow[];
  if (version === null) {
    window = resolveWindow(params, now);
    refs = queries.deploymentsIn(window.since, window.until, projectId);
    incidents = queries.incidentsIn(window.since, window.until, projectId);
  } else {
    // A version report: every deployment of it (within since/until when given), and the incidents of
    // the environments it went to, from its first deployment on.
    refs = queries
      .deploymentsOf(version, projectId)
      .filter(
        (ref) =>
          (params.since === undefined || ref.requestedAt >= params.since) &&
          (params.until === undefined || ref.requestedAt < params.until),
      );
    if (refs.length === 0) {
      throw new CockpitError(
        'NOT_FOUND',
        `No deployments of version "${version}"${project ? ` in ${project.name}` : ''}.`,
        { version, projectId },
      );
    }
    window = { since: params.since ?? refs[0]!.requestedAt, until: params.until ?? now };
    incidents = [];
  }

  const deployments = refs.map((ref) => {
    const deployment = sources.deployment(ref.id);
    return { deployment, tier: tierOf(ref.tier, deployment.environment) };
  });

  if (version !== null) {
    const last = Math.max(...deployments.map(({ deployment: d }) => d.finishedAt ?? d.requestedAt));
    if (params.until === undefined) window = { ...window, until: Math.max(window.until, last + 1) };
    const seen = new Set<number>();
    const places = new Map(deployments.map(({ deployment: d }) => [`${d.projectId}/${d.environment}`, d]));
    for (const d of places.values()) {
      for (const incident of queries.incidentsOf(window.since, window.until, d.projectId, d.environment)) {
        if (!seen.has(incident.id)) incidents.push(incident);
        seen.add(incident.id);
      }
    }
    incidents.sort((a, b) => a.openedAt - b.openedAt || a.id - b.id);
  }

  return {
    title:
      version === null
        ? `Release report: ${utcDate(window.since)} to ${utcDate(window.until - 1)}`
        : `Release report: ${version}`,
    generatedAt: now,
    window,
    project,
    version,
    deployments,
    incidents,
    metrics: metricsFor(sources, window, projectId),
  };
}

function projectOf(sources: ReportSources, id: number) {
  const project = sources.listProjects().find((p) => p.id === id);
  if (!project) throw new CockpitError('NOT_FOUND', `There is no project ${id}.`, { projectId: id });
  return { id: project.id, name: project.name };
}

function metricsFor(sources: ReportSources, window: ReportWindow, projectId: number | null): ReportMetrics {
  const { range, exact, days } = nearestRange(window);
  try {
    const summary = sources.dora(projectId === null ? { range } : { projectId, range });
    return { range, exact, windowDays: days, summary, problem: null };
  } catch (error) {
    return { range, exact, windowDays: days, summary: null, problem: (error as Error).message };
  }
}
