// What a report says, independent of how it is written: the summary sentences, which deployments
// carry release notes, which had gates, and the wording of the metrics' range — shared by the
// Markdown and HTML writers so the two never disagree.
import type { ReportData, ReportDeployment } from './report-data.ts';
import { humanDuration, plural, utcTime } from './report-format.ts';
import type { IncidentRow } from './report-queries.ts';

export function deploymentHeading({ deployment: d }: ReportDeployment): string {
  return `#${d.id} ${d.projectName} ${d.version} to ${d.environment}`;
}

export function summaryLines(data: ReportData): string[] {
  const { deployments, incidents } = data;
  const byStatus = new Map<string, number>();
  for (const { deployment } of deployments) {
    const status = deployment.status.replace('_', ' ');
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  const statuses = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
  const production = deployments.filter((d) => d.tier === 'production');
  const overridden = deployments.filter((d) => d.deployment.override !== null).length;
  const open = incidents.filter((incident) => incident.closedAt === null).length;
  return [
    `${plural(deployments.length, 'deployment')}${statuses ? ` (${statuses})` : ''}`,
    `${plural(production.length, 'production deployment')}, ${production.filter((d) => d.deployment.status === 'succeeded').length} succeeded`,
    `${plural(overridden, 'gate override')}`,
    `${plural(incidents.length, 'incident')}${open > 0 ? ` (${open} still open)` : ''}`,
  ];
}

export function scopeLines(data: ReportData): string[] {
  return [
    data.version === null
      ? `Window: ${utcTime(data.window.since)} to ${utcTime(data.window.until)}`
      : `Deployments of ${data.version} from ${utcTime(data.window.since)}; incidents in the environments it went to until ${utcTime(data.window.until)}`,
    `Project: ${data.project ? data.project.name : 'all projects'}`,
    `Generated: ${utcTime(data.generatedAt)} (all times UTC)`,
  ];
}

/** Production deployments that succeeded: what actually shipped to users, with their notes. */
export function shippedToProduction(data: ReportData): ReportDeployment[] {
  return data.deployments.filter((d) => d.tier === 'production' && d.deployment.status === 'succeeded');
}

export function withGates(data: ReportData): ReportDeployment[] {
  return data.deployments.filter(
    ({ deployment: d }) => d.gates.length > 0 || d.approvalsNeeded > 0 || d.approvals.length > 0,
  );
}

export function withOverrides(data: ReportData): ReportDeployment[] {
  return data.deployments.filter(({ deployment: d }) => d.override !== null);
}

export function incidentDuration(incident: IncidentRow, until: number): string {
  return incident.closedAt === null
    ? `${humanDuration(until - incident.openedAt)} so far`
    : humanDuration(incident.closedAt - incident.openedAt);
}

/** Which range the metrics cover, and why it differs from the report's window when it does. */
export function metricsRangeText(data: ReportData): string {
  const { metrics } = data;
  const scope = data.project ? data.project.name : 'all projects';
  const period = metrics.summary
    ? ` (${utcTime(metrics.summary.current.from)} to ${utcTime(metrics.summary.current.to)})`
    : '';
  const environment = metrics.summary?.environment ?? 'production';
  const days = metrics.range.replace('d', ' days');
  const base = `DORA keys over the last ${days}${period}, ${environment} environments, ${scope}.`;
  if (metrics.exact && data.version === null) return base;
  return `${base} The report covers ${metrics.windowDays.toFixed(1)} days; the metrics use the nearest standard range, ${days}.`;
}

/** The deployments table's columns, the same in Markdown and HTML. */
export const deploymentColumns = [
  '#',
  'Requested',
  'Finished',
  'Project',
  'Environment',
  'Version',
  'Kind',
  'Who',
  'Result',
  'Verification',
];
