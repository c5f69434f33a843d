// The CSV tables: deployments (with approvals, overrides and failed gates flattened into cells), runs
// and incidents — one row each, in the window or for the version the report covers.
import type { ReportData } from './report-data.ts';
import type { csvTables } from '../../../shared/domain/insights.ts';
import type { RunRow } from './report-queries.ts';
import { isoTime, toCsv, type CsvValue } from './csv.ts';

export type CsvTable = (typeof csvTables)[number];

const since = (start: number | null, end: number | null): number | null =>
  start === null || end === null ? null : end - start;

export function deploymentsCsv(data: ReportData): string {
  return toCsv(
    [
      'id',
      'project',
      'environment',
      'tier',
      'kind',
      'version',
      'commit',
      'pipeline',
      'run_id',
      'status',
      'verification',
      'verification_detail',
      'actor',
      'requested_at',
      'started_at',
      'finished_at',
      'duration_ms',
      'previous_version',
      'source_environment',
      'fix',
      'approvals_needed',
      'approvals',
      'failed_gates',
      'override_by',
      'override_reason',
    ],
    data.deployments.map(({ deployment: d, tier }): CsvValue[] => [
      d.id,
      d.projectName,
      d.environment,
      tier,
      d.kind,
      d.version,
      d.commit,
      d.pipeline,
      d.runId,
      d.status,
      d.verification,
      d.verificationDetail,
      d.actor,
      isoTime(d.requestedAt),
      isoTime(d.startedAt),
      isoTime(d.finishedAt),
      since(d.startedAt, d.finishedAt),
      d.previousVersion,
      d.sourceEnvironment,
      d.fix,
      d.approvalsNeeded,
      d.approvals
        .map(
          (a) =>
            `${a.approver} ${a.decision === 'approve' ? 'approved' : 'rejected'} ${isoTime(a.at)}${a.comment ? `: ${a.comment}` : ''}`,
        )
        .join('\n'),
      d.gates
        .filter((gate) => !gate.passed)
        .map((gate) => `${gate.gate}: ${gate.detail}`)
        .join('\n'),
      d.override?.by ?? null,
      d.override?.reason ?? null,
    ]),
  );
}

export function runsCsv(runs: readonly RunRow[]): string {
  return toCsv(
    [
      'id',
      'project',
      'pipeline',
      'status',
      'trigger',
      'actor',
      'git_sha',
      'git_branch',
      'git_dirty',
      'queued_at',
      'started_at',
      'finished_at',
      'duration_ms',
      'rerun_of',
    ],
    runs.map((run): CsvValue[] => [
      run.id,
      run.projectName,
      run.pipeline,
      run.status,
      run.trigger,
      run.actor,
      run.gitSha,
      run.gitBranch,
      run.gitDirty === null ? null : run.gitDirty === 1,
      isoTime(run.queuedAt),
      isoTime(run.startedAt),
      isoTime(run.finishedAt),
      since(run.startedAt, run.finishedAt),
      run.rerunOf,
    ]),
  );
}

export function incidentsCsv(data: ReportData): string {
  return toCsv(
    [
      'id',
      'project',
      'environment',
      'tier',
      'opened_at',
      'closed_at',
      'duration_ms',
      'first_error',
      'error_class',
      'acknowledged_by',
      'acknowledged_at',
    ],
    data.incidents.map((incident): CsvValue[] => [
      incident.id,
      incident.projectName,
      incident.environment,
      incident.tier,
      isoTime(incident.openedAt),
      isoTime(incident.closedAt),
      since(incident.openedAt, incident.closedAt),
      incident.firstError,
      incident.errorClass,
      incident.acknowledgedBy,
      isoTime(incident.acknowledgedAt),
    ]),
  );
}
