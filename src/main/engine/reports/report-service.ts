// Release reports (Markdown, self-contained HTML, CSV tables) and per-deployment evidence packs.
// Reads the store and the release and run services; the DORA numbers come from whatever `dora`
// the composition root passes in (the insights service).
import type { Database } from 'better-sqlite3';
import type { DoraSummary, EvidencePack, InsightRange, Report } from '../../../shared/domain/insights.ts';
import type { DeploymentDetail } from '../../../shared/domain/release.ts';
import type { RunDetail } from '../../../shared/domain/run.ts';
import { badRequest } from '../../../shared/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import { createAuditLog } from '../releases/index.ts';
import { deploymentsCsv, incidentsCsv, runsCsv, type CsvTable } from './csv-export.ts';
import { writeEvidencePack } from './evidence-pack.ts';
import { htmlReport } from './html-report.ts';
import { markdownReport } from './markdown-report.ts';
import { collectReport, type ReportData, type ReportParams } from './report-data.ts';
import { reportQueries, type ReportQueries, type RunRow } from './report-queries.ts';
import { fileStem } from './report-window.ts';

export interface ReportServiceDeps {
  db: Database;
  clock: Clock;
  dataDir: string;
  listProjects(): { id: number; name: string; path: string }[];
  deployment(id: number): DeploymentDetail;
  run(id: number): RunDetail;
  dora(params: { projectId?: number; range: InsightRange }): DoraSummary;
}

export interface ExportParams extends ReportParams {
  format: 'md' | 'html' | 'csv';
  /** For csv: which table (default deployments). */
  table?: CsvTable;
}

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService(deps: ReportServiceDeps) {
  const queries = reportQueries(deps.db);
  // Only its read side is used here: the chain's verification for evidence packs.
  const audit = createAuditLog(deps.db, deps.clock);
  const sources = {
    queries,
    now: () => deps.clock.now(),
    listProjects: () => deps.listProjects(),
    deployment: (id: number) => deps.deployment(id),
    dora: (params: { projectId?: number; range: InsightRange }) => deps.dora(params),
  };

  return {
    export(params: ExportParams): Report {
      if (params.table !== undefined && params.format !== 'csv') {
        throw badRequest(`"table" is for csv exports; ${params.format} reports hold every table.`, [
          { path: 'table', message: 'only for csv exports' },
        ]);
      }
      const data = collectReport(sources, params);
      const stem = fileStem(data.window, data.version);
      switch (params.format) {
        case 'md':
          return {
            fileName: `release-report-${stem}.md`,
            mimeType: 'text/markdown; charset=utf-8',
            content: markdownReport(data),
          };
        case 'html':
          return {
            fileName: `release-report-${stem}.html`,
            mimeType: 'text/html; charset=utf-8',
            content: htmlReport(data),
          };
        case 'csv': {
          const table = params.table ?? 'deployments';
          return {
            fileName: `${table}-${stem}.csv`,
            mimeType: 'text/csv; charset=utf-8',
            content: csvTable(queries, data, table),
          };
        }
      }
    },

    evidence(deploymentId: number): Promise<EvidencePack> {
      return writeEvidencePack(
        {
          queries,
          dataDir: deps.dataDir,
          now: () => deps.clock.now(),
          deployment: (id) => deps.deployment(id),
          run: (id) => deps.run(id),
          verifyAudit: () => audit.verify(),
          auditEntryIntact: (id) => audit.entryIntact(id),
        },
        deploymentId,
      );
    },
  };
}

function csvTable(queries: ReportQueries, data: ReportData, table: CsvTable): string {
  switch (table) {
    case 'deployments':
      return deploymentsCsv(data);
    case 'incidents':
      return incidentsCsv(data);
    case 'runs':
      return runsCsv(runsOf(queries, data));
  }
}

/** Runs queued in the window; for a version, the deploy runs of its deployments. */
function runsOf(queries: ReportQueries, data: ReportData): RunRow[] {
  if (data.version === null)
    return queries.runsIn(data.window.since, data.window.until, data.project?.id ?? null);
  return data.deployments
    .map(({ deployment }) => (deployment.runId === null ? null : queries.run(deployment.runId)))
    .filter((run): run is RunRow => run !== null);
}
