// Pipelines over the same window: each pipeline's runs, success rate and duration trend (median and
// p90 per day or week), then the slowest jobs and the flaky ones, each linking to a run.
import type { PipelineInsights } from '../../../../shared/domain/insights.ts';
import type { ColumnHeading } from '../../components/TableHead.tsx';
import { durationTicks } from '../../lib/chart-scale.ts';
import { formatDuration } from '../../lib/duration.ts';
import { formatRate } from '../../lib/insights-look.ts';
import { bucketHeading, bucketLabel, bucketSpans } from '../../lib/insights-series.ts';
import { hashForRun } from '../../navigation/hash-route.ts';
import { LineChart } from './charts/LineChart.tsx';
import { InsightsTableSection } from './InsightsTableSection.tsx';

type PipelineTrend = PipelineInsights['pipelines'][number];

const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

const DAY_MS = 86_400_000;

const flakyJobColumns: readonly ColumnHeading[] = [
  'Job',
  { label: 'Flakes', className: 'num' },
  'Why',
  'Last flaky run',
];

const slowJobColumns: readonly ColumnHeading[] = [
  'Job',
  { label: 'Runs', className: 'num' },
  { label: 'Median', className: 'num' },
  { label: 'p90', className: 'num' },
  'Last run',
];

function DurationTrendHeading() {
  return (
    <>
      Duration trend{' '}
      <span className="insights-key">
        <span className="ichart-swatch ichart-tone-primary" aria-hidden="true" /> median{' '}
        <span className="ichart-swatch ichart-tone-warning" aria-hidden="true" /> p90
      </span>
    </>
  );
}

const pipelineColumns: readonly ColumnHeading[] = [
  'Pipeline',
  { label: 'Runs', className: 'num' },
  { label: 'Success', className: 'num' },
  { label: 'Median', className: 'num' },
  { label: 'p90', className: 'num' },
  { label: <DurationTrendHeading />, className: 'insights-trend-col' },
];

function DurationTrend({ pipeline, range }: { pipeline: PipelineTrend; range: PipelineInsights['range'] }) {
  // Buckets are a day (7d) or a week long, counted back from the window's end.
  const step = range === '7d' ? DAY_MS : 7 * DAY_MS;
  const starts = pipeline.series.map((bucket) => bucket.start);
  const spans = bucketSpans(starts, (starts.at(-1) ?? 0) + step);
  const top = Math.max(0, ...pipeline.series.map((bucket) => bucket.p90Ms ?? bucket.medianMs ?? 0));
  return (
    <LineChart
      compact
      height={52}
      label={`${pipeline.pipeline} duration, median and p90`}
      points={pipeline.series.map((bucket, index) => ({
        label: bucketLabel(spans[index]!),
        heading: bucketHeading(spans[index]!, range),
        lines:
          bucket.runs === 0
            ? ['no successful runs']
            : [
                `${bucket.runs} ${bucket.runs === 1 ? 'run' : 'runs'}`,
                `median ${duration(bucket.medianMs)}`,
                `p90 ${duration(bucket.p90Ms)}`,
              ],
      }))}
      series={[
        { key: 'p90', name: 'p90', tone: 'warning', values: pipeline.series.map((bucket) => bucket.p90Ms) },
        {
          key: 'median',
          name: 'median',
          tone: 'primary',
          values: pipeline.series.map((bucket) => bucket.medianMs),
        },
      ]}
      ticks={durationTicks(top, 2)}
    />
  );
}

/** The row heading of a job: where it runs (project · pipeline) above its name. */
function JobHeading({ job }: { job: { projectName: string; pipeline: string; job: string } }) {
  return (
    <th scope="row">
      <span className="insights-project">
        {job.projectName} · {job.pipeline}
      </span>
      <span className="mono">{job.job}</span>
    </th>
  );
}

export function PipelineInsightsSection({ insights }: { insights: PipelineInsights }) {
  return (
    <>
      <InsightsTableSection
        name="pipelines"
        title="Pipelines"
        columns={pipelineColumns}
        testId="pipeline-trends"
        isEmpty={insights.pipelines.length === 0}
        none="No pipeline runs in this period. Runs from the Pipelines view show up here."
      >
        {insights.pipelines.map((pipeline) => (
          <tr key={`${pipeline.projectId}/${pipeline.pipeline}`} data-testid="pipeline-trend">
            <th scope="row">
              <span className="insights-project">{pipeline.projectName}</span>
              <span className="mono">{pipeline.pipeline}</span>
            </th>
            <td className="num">{pipeline.runs}</td>
            <td className="num">{formatRate(pipeline.successRate)}</td>
            <td className="num">
              {duration(pipeline.medianMs)}
              {pipeline.previousMedianMs !== null ? (
                <span className="insights-previous"> was {duration(pipeline.previousMedianMs)}</span>
              ) : null}
            </td>
            <td className="num">{duration(pipeline.p90Ms)}</td>
            <td className="insights-trend-col">
              <DurationTrend pipeline={pipeline} range={insights.range} />
            </td>
          </tr>
        ))}
      </InsightsTableSection>
      <div className="insights-job-tables">
        <InsightsTableSection
          name="slowest"
          title="Slowest jobs"
          columns={slowJobColumns}
          testId="slowest-jobs"
          isEmpty={insights.slowestJobs.length === 0}
          none="No job has succeeded at least 3 times in this period yet: too few runs to call one slow."
          noneTestId="no-slowest-jobs"
        >
          {insights.slowestJobs.map((job) => (
            <tr key={`${job.projectId}/${job.pipeline}/${job.job}`} data-testid="slow-job" data-job={job.job}>
              <JobHeading job={job} />
              <td className="num">{job.runs}</td>
              <td className="num">{formatDuration(job.medianMs)}</td>
              <td className="num">{formatDuration(job.p90Ms)}</td>
              <td>
                <a href={hashForRun(job.lastRunId)}>run #{job.lastRunId}</a>
              </td>
            </tr>
          ))}
        </InsightsTableSection>
        <InsightsTableSection
          name="flaky"
          title="Flaky jobs"
          columns={flakyJobColumns}
          testId="flaky-jobs"
          isEmpty={insights.flakyJobs.length === 0}
          none="No flaky jobs: nothing failed and then passed on a retry or on the same commit."
          noneTestId="no-flaky-jobs"
        >
          {insights.flakyJobs.map((job) => (
            <tr
              key={`${job.projectId}/${job.pipeline}/${job.job}`}
              data-testid="flaky-job"
              data-job={job.job}
            >
              <JobHeading job={job} />
              <td className="num">
                {job.flakes} of {job.runs}
              </td>
              <td className="insights-why">{job.why}</td>
              <td>
                <a href={hashForRun(job.lastFlakyRunId)}>run #{job.lastFlakyRunId}</a>
              </td>
            </tr>
          ))}
        </InsightsTableSection>
      </div>
    </>
  );
}
