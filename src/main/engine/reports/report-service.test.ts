// Release reports over a seeded month of history: what each format says, how it escapes what users
// typed, which window and DORA range it uses, and the CSV tables read back by an RFC 4180 parser.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { createReportService } from './report-service.ts';
import { DAY, EVIL, NOW, seededHistory } from '../../testing/report-db.ts';

afterEach(cleanupFixtures);

function service(overrides: Partial<Parameters<typeof createReportService>[0]> = {}) {
  const history = seededHistory();
  const reports = createReportService({
    db: history.db,
    clock: history.clock,
    dataDir: tempDir('cockpit-data-'),
    listProjects: history.listProjects,
    deployment: history.deployment,
    run: () => {
      throw new Error('not used by reports');
    },
    dora: history.dora,
    ...overrides,
  });
  return { ...history, reports };
}

/** RFC 4180, strictly: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i++;
      } else {
        field += char;
        i++;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      i++;
    } else if (char === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (char === '"' || char === '\n' || char === '\r')
        throw new Error(`bare ${JSON.stringify(char)} at ${i}`);
      field += char;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('Markdown report', () => {
  it('covers the last 30 days by default: what shipped where, notes, gates, overrides, incidents, metrics', () => {
    const { reports, doraCalls } = service();
    const report = reports.export({ format: 'md' });
    expect(report.fileName).toBe('release-report-2026-10-27-to-2026-11-26.md');
    expect(report.mimeType).toBe('text/markdown; charset=utf-8');
    const text = report.content;
    expect(text).toMatch(/^# Release report: 2026-10-27 to 2026-11-26\n/);
    expect(text).toContain('- Window: 2026-10-27 10:00 UTC to 2026-11-26 10:00 UTC');
    expect(text).toContain('- 4 deployments (2 succeeded, 1 rejected, 1 failed)');

    // The deployments table: four rows in the window (v1.0.0 is older), oldest first.
    const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(4 + 1); // + the overrides table's row
    expect(text).toContain(
      '| 2 | 2026-11-16 10:00 UTC | 2026-11-16 10:02 UTC | shop | staging | v1.2.0 | deploy | ann | succeeded | verified |',
    );
    expect(text).toContain(
      '| shop | production | 1.2.0 | deploy | bob | succeeded (gates overridden) | verified |',
    );
    expect(text).toContain(
      '| blog | live | +2026.11 | deploy | @mallory | failed | not verified: the deploy pipeline failed (run #4) |',
    );
    expect(text).not.toContain('v1.0.0');

    // Release notes only of what reached production, with headings nested under the report's.
    const notes = section(text, 'Release notes');
    expect(notes).toContain('### #3 shop 1.2.0 to production');
    expect(notes).toContain('#### v1.2.0 (since v1.1.0)');
    expect(notes).toContain('##### Features');
    expect(notes).not.toContain('#2 shop v1.2.0 to staging');

    const gates = section(text, 'Gates and approvals');
    expect(gates).toContain('- ✗ freeze: frozen until Mon 08:00 \\| "holiday"');
    expect(gates).toContain('- Approvals: 1 of 1 needed');
    expect(gates).toContain(
      '  - carol approved 2026-11-21 10:01 UTC: “LGTM \\<script\\>alert("x")\\</script\\> \\| ok”',
    );
    expect(gates).toMatch(
      /dave rejected .*: “=HYPERLINK\("`http:\/\/evil.example`","click"\), "quoted" second line”/,
    );

    const overrides = section(text, 'Overrides');
    expect(overrides).toContain(
      '| 3 | shop | production | 1.2.0 | bob | hotfix for \\<script\\>alert("x")\\</script\\>, see "INC-7" \\| pager | freeze: frozen until Mon 08:00 \\| "holiday" |',
    );

    const incidents = section(text, 'Incidents');
    expect(incidents).toContain(
      '| shop | production | 2026-11-21 11:00 UTC | 2026-11-21 12:30 UTC | 1h30m | HTTP 502 \\<script\\>alert("x")\\</script\\> |',
    );
    expect(incidents).toContain('| blog | live | 2026-11-26 04:00 UTC | still open | 6h00m so far |');
    expect(incidents).not.toContain('long ago');

    const metrics = section(text, 'Metrics');
    expect(doraCalls).toEqual([{ range: '30d' }]);
    expect(metrics).toContain(
      'DORA keys over the last 30 days (2026-10-27 10:00 UTC to 2026-11-26 10:00 UTC)',
    );
    expect(metrics).not.toContain('nearest');
    expect(metrics).toContain(
      '| Deployment frequency | 4 deploys (0.9/week, 4 deploy days) | high | 2 deploys (0.5/week, 2 deploy days) |',
    );
    expect(metrics).toContain('| Lead time for changes | median 1d02h, p90 3d00h (4 samples) | medium |');
    expect(metrics).toContain('| Change failure rate | 25% (1 of 4) | low | 50% (1 of 2) |');
    expect(metrics).toContain('| Time to restore service | no data | no data | no data |');
    // Every table row keeps its column count: no value broke out of its cell.
    for (const block of text.split('\n\n').filter((b) => b.startsWith('|'))) {
      const counts = block
        .trim()
        .split('\n')
        .map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(counts).size).toBe(1);
    }
    // No raw tag anywhere, the saved release notes included: what users typed is text.
    expect(text).not.toMatch(/(?<!\\)<script/i);
  });

  it('picks the nearest standard range for the metrics and says so', () => {
    const { reports, doraCalls } = service();
    const report = reports.export({ format: 'md', since: NOW - 45 * DAY, until: NOW });
    expect(report.fileName).toBe('release-report-2026-10-12-to-2026-11-26.md');
    expect(doraCalls).toEqual([{ range: '30d' }]);
    expect(report.content).toContain(
      'The report covers 45.0 days; the metrics use the nearest standard range, 30 days.',
    );
    expect(report.content).toContain('v1.0.0'); // 40 days ago is inside now
    reports.export({ format: 'md', since: NOW - 3 * DAY });
    reports.export({ format: 'md', since: NOW - 70 * DAY });
    expect(doraCalls.slice(1)).toEqual([{ range: '7d' }, { range: '90d' }]);
  });

  it('narrows to one project, and passes it on to the metrics', () => {
    const { reports, doraCalls, blog } = service();
    const text = reports.export({ format: 'md', projectId: blog }).content;
    expect(text).toContain('- Project: blog');
    expect(text).toContain('- 1 deployment (1 failed)');
    expect(text).not.toMatch(/\| shop \|/);
    expect(doraCalls).toEqual([{ projectId: blog, range: '30d' }]);
    expect(() => reports.export({ format: 'md', projectId: 99 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'There is no project 99.' }),
    );
  });

  it('reports one version: its deployments under either spelling, and incidents where it went', () => {
    const { reports } = service();
    const report = reports.export({ format: 'md', version: 'v1.2.0' });
    expect(report.fileName).toBe('release-report-v1.2.0.md');
    const text = report.content;
    expect(text).toMatch(/^# Release report: v1\.2\.0\n/);
    expect(text).toContain('- 2 deployments (2 succeeded)');
    expect(text).toContain(
      '- Deployments of v1.2.0 from 2026-11-16 10:00 UTC; incidents in the environments it went to until 2026-11-26 10:00 UTC',
    );
    expect(text).toContain('HTTP 502'); // shop production
    expect(text).not.toContain('connection refused'); // blog: not where v1.2.0 went
    expect(text).toContain('the metrics use the nearest standard range, 7 days.');
    expect(() => reports.export({ format: 'md', version: 'v9' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'No deployments of version "v9".' }),
    );
  });

  it('refuses an empty window and a table for a whole report; says when metrics are unavailable', () => {
    const { reports } = service({
      dora: () => {
        throw new Error('the insights service is not ready');
      },
    });
    expect(() => reports.export({ format: 'md', since: NOW, until: NOW - DAY })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    expect(() => reports.export({ format: 'html', table: 'runs' })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    expect(reports.export({ format: 'md' }).content).toContain(
      'Metrics unavailable: the insights service is not ready',
    );
  });
});

describe('HTML report', () => {
  it('is one self-contained, script-free file with every user value escaped', () => {
    const { reports } = service();
    const report = reports.export({ format: 'html' });
    expect(report.fileName).toBe('release-report-2026-10-27-to-2026-11-26.html');
    expect(report.mimeType).toBe('text/html; charset=utf-8');
    const html = report.content;
    expect(html).toMatch(/^<!doctype html>/);
    // Nothing runs and nothing is fetched: no script, no external reference, and a CSP that forbids both.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href|srcset|action)=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<img|\son\w+=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('@media print');
    // The hostile text is shown as text: in a commit message (release notes), a comment, an override
    // reason and an incident's first error.
    const shown = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
    expect(html).toContain(`<li><strong>cart:</strong> pay with a ${shown} | pipe (#12)</li>`);
    expect(html).toContain(`: “LGTM ${shown} | ok”`);
    expect(html).toContain(`<td>hotfix for ${shown}, see &quot;INC-7&quot; | pager</td>`);
    expect(html).toContain(`<td>HTTP 502 ${shown}</td>`);
    expect(html).toContain('<h4>v1.2.0 (since v1.1.0)</h4>');
    expect(html).toContain('<td class="num">3</td>');
    expect(html).toContain('<span class="band band-high">high</span>');
    expect(html).toContain('<span class="band band-none">no data</span>');
    expect(html.match(/<section id=/g)).toHaveLength(7);
    expect(EVIL).toContain('<script>');
  });
});

describe('CSV export', () => {
  it('writes deployments with a header, ISO times, quoted text and formulas defused', () => {
    const { reports, runs } = service();
    const report = reports.export({ format: 'csv' });
    expect(report.fileName).toBe('deployments-2026-10-27-to-2026-11-26.csv');
    expect(report.mimeType).toBe('text/csv; charset=utf-8');
    expect(report.content.split('\r\n')[0]).toBe(
      'id,project,environment,tier,kind,version,commit,pipeline,run_id,status,verification,verification_detail,actor,requested_at,started_at,finished_at,duration_ms,previous_version,source_environment,fix,approvals_needed,approvals,failed_gates,override_by,override_reason',
    );
    const rows = records(report.content);
    expect(rows.map((row) => row.id)).toEqual(['2', '3', '4', '5']);
    const [staging, production, rejected, blog] = rows;
    expect(staging).toMatchObject({
      project: 'shop',
      environment: 'staging',
      tier: 'staging',
      status: 'succeeded',
      requested_at: '2026-11-16T10:00:00.000Z',
      started_at: '2026-11-16T10:00:01.000Z',
      finished_at: '2026-11-16T10:02:00.000Z',
      duration_ms: '119000',
      fix: 'false',
      override_by: '',
    });
    expect(production).toMatchObject({
      version: '1.2.0',
      approvals: `carol approved 2026-11-21T10:01:00.000Z: LGTM ${EVIL} | ok`,
      failed_gates: 'freeze: frozen until Mon 08:00 | "holiday"',
      override_reason: `hotfix for ${EVIL}, see "INC-7" | pager`,
    });
    // A cell that would start a formula gets a leading quote; commas, quotes and newlines survive.
    expect(rejected!.approvals).toBe(
      'dave rejected 2026-11-24T11:00:00.000Z: =HYPERLINK("http://evil.example","click"), "quoted"\nsecond line',
    );
    expect(blog).toMatchObject({
      version: "'+2026.11",
      actor: "'@mallory",
      tier: 'production',
      run_id: String(runs.failedRun),
    });
    expect(report.content).toContain(
      '"dave rejected 2026-11-24T11:00:00.000Z: =HYPERLINK(""http://evil.example"",""click""), ""quoted""\nsecond line"',
    );
  });

  it('writes runs and incidents', () => {
    const { reports } = service();
    const runs = reports.export({ format: 'csv', table: 'runs' });
    expect(runs.fileName).toBe('runs-2026-10-27-to-2026-11-26.csv');
    const runRows = records(runs.content);
    expect(runRows.map((row) => `${row.project}/${row.pipeline}/${row.status}`)).toEqual([
      'shop/deploy/success',
      'shop/deploy/success',
      'blog/ci/success',
      'blog/publish/failed',
    ]);
    expect(runRows[3]).toMatchObject({
      actor: "'@mallory",
      git_sha: 'a1b2c3d4e5f6',
      git_dirty: 'false',
      duration_ms: '60000',
      queued_at: '2026-11-25T10:00:00.000Z',
    });

    const incidents = records(reports.export({ format: 'csv', table: 'incidents' }).content);
    expect(incidents).toEqual([
      expect.objectContaining({
        project: 'shop',
        environment: 'production',
        tier: 'production',
        opened_at: '2026-11-21T11:00:00.000Z',
        closed_at: '2026-11-21T12:30:00.000Z',
        duration_ms: String(90 * 60_000),
        first_error: `HTTP 502 ${EVIL}`,
        error_class: 'http_status',
      }),
      expect.objectContaining({
        project: 'blog',
        closed_at: '',
        duration_ms: '',
        first_error: `'-1 connection refused, "retry"`,
      }),
    ]);
  });

  it('for a version, lists the deploy runs of its deployments', () => {
    const { reports, runs } = service();
    const rows = records(reports.export({ format: 'csv', table: 'runs', version: '1.2.0' }).content);
    expect(rows.map((row) => Number(row.id))).toEqual([runs.stagingRun, runs.productionRun]);
  });
});

/** The text of one `## title` section. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}
