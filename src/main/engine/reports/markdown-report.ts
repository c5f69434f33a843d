// A release report as Markdown: tables for deployments, overrides and incidents, each production
// deployment's saved release notes, gates and approvals, and the DORA keys. Every value that came
// from a user is escaped so it can neither break a table nor turn into HTML or a link.
import { markdownText } from '../../../shared/markdown-text.ts';
import type { ReportData } from './report-data.ts';
import { sanitizeMarkdown } from './markdown-sanitize.ts';
import { bandText, kindText, metricRows, resultText, utcTime, verificationText } from './report-format.ts';
import {
  deploymentHeading,
  deploymentColumns,
  incidentDuration,
  metricsRangeText,
  scopeLines,
  shippedToProduction,
  summaryLines,
  withGates,
  withOverrides,
} from './report-sections.ts';

export function markdownReport(data: ReportData): string {
  const out: string[] = [`# ${md(data.title)}`, '', ...scopeLines(data).map((line) => `- ${md(line)}`), ''];

  out.push('## Summary', '', ...summaryLines(data).map((line) => `- ${md(line)}`), '');

  out.push('## Deployments', '');
  if (data.deployments.length === 0) out.push('No deployments.', '');
  else {
    out.push(
      table(
        deploymentColumns,
        data.deployments.map(({ deployment: d }) => [
          String(d.id),
          utcTime(d.requestedAt),
          d.finishedAt === null ? '-' : utcTime(d.finishedAt),
          d.projectName,
          d.environment,
          d.version,
          kindText(d),
          d.actor,
          resultText(d) + (d.override ? ' (gates overridden)' : ''),
          verificationText(d),
        ]),
      ),
      '',
    );
  }

  out.push('## Release notes', '');
  const shipped = shippedToProduction(data);
  if (shipped.length === 0) out.push('No production deployment succeeded.', '');
  for (const item of shipped) {
    const d = item.deployment;
    out.push(`### ${md(deploymentHeading(item))}`, '');
    out.push(`Deployed ${utcTime(d.finishedAt ?? d.requestedAt)} by ${md(d.actor)}.`, '');
    // The notes are the Markdown saved with the deployment, nested under this heading; what commit
    // authors wrote stays text even in notes saved before the cockpit escaped them.
    out.push(
      d.releaseNotes
        ? nestHeadings(sanitizeMarkdown(d.releaseNotes.trim()), 3)
        : '_No release notes were saved._',
      '',
    );
  }

  out.push('## Gates and approvals', '');
  const gated = withGates(data);
  if (gated.length === 0) out.push('No gates or approvals applied.', '');
  for (const item of gated) {
    const d = item.deployment;
    out.push(`### ${md(deploymentHeading(item))}`, '');
    for (const gate of d.gates) {
      out.push(`- ${gate.passed ? '✓' : '✗'} ${md(gate.gate)}: ${md(gate.detail)}`);
    }
    if (d.approvalsNeeded > 0 || d.approvals.length > 0) {
      out.push(
        `- Approvals: ${d.approvals.filter((a) => a.decision === 'approve').length} of ${d.approvalsNeeded} needed`,
      );
      for (const approval of d.approvals) {
        const verb = approval.decision === 'approve' ? 'approved' : 'rejected';
        const comment = approval.comment.trim() ? `: “${md(approval.comment)}”` : '';
        out.push(`  - ${md(approval.approver)} ${verb} ${utcTime(approval.at)}${comment}`);
      }
    }
    out.push('');
  }

  out.push('## Overrides', '');
  const overridden = withOverrides(data);
  if (overridden.length === 0) out.push('No gates were overridden.', '');
  else {
    out.push(
      table(
        ['#', 'Project', 'Environment', 'Version', 'By', 'Reason', 'Gates that failed'],
        overridden.map(({ deployment: d }) => [
          String(d.id),
          d.projectName,
          d.environment,
          d.version,
          d.override!.by,
          d.override!.reason,
          d.gates
            .filter((gate) => !gate.passed)
            .map((gate) => `${gate.gate}: ${gate.detail}`)
            .join('; ') || '-',
        ]),
      ),
      '',
    );
  }

  out.push('## Incidents', '');
  if (data.incidents.length === 0) out.push('No incidents.', '');
  else {
    out.push(
      table(
        ['Project', 'Environment', 'Opened', 'Closed', 'Duration', 'First error'],
        data.incidents.map((incident) => [
          incident.projectName,
          incident.environment,
          utcTime(incident.openedAt),
          incident.closedAt === null ? 'still open' : utcTime(incident.closedAt),
          incidentDuration(incident, data.window.until),
          incident.firstError,
        ]),
      ),
      '',
    );
  }

  out.push('## Metrics', '', md(metricsRangeText(data)), '');
  const { summary, problem } = data.metrics;
  if (summary === null) out.push(`Metrics unavailable: ${md(problem ?? 'unknown reason')}`, '');
  else {
    out.push(
      table(
        ['Key', 'Value', 'Band', 'Previous period'],
        metricRows(summary.keys, summary.previousKeys).map((row) => [
          row.key,
          row.value,
          bandText(row.band),
          row.previous,
        ]),
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Inline text: see markdownText. */
export const md = markdownText;

function cell(text: string): string {
  return md(text).trim() || ' ';
}

/** Moves ATX headings so the shallowest sits at `level + 1`, under the report's own (code blocks untouched). */
export function nestHeadings(markdown: string, level: number): string {
  const lines = markdown.split('\n');
  const headings: { index: number; depth: number; rest: string }[] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^(#{1,6})(\s.*)?$/.exec(line);
    if (match) headings.push({ index, depth: match[1]!.length, rest: match[2] ?? '' });
  });
  if (headings.length === 0) return markdown;
  const shift = level + 1 - Math.min(...headings.map((h) => h.depth));
  for (const h of headings)
    lines[h.index] = `${'#'.repeat(Math.min(6, Math.max(1, h.depth + shift)))}${h.rest}`;
  return lines.join('\n');
}
