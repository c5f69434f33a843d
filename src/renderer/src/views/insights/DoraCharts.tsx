// The four history charts under the tiles: deploys per week (failures stacked on top), the lead time
// histogram, the change failure rate over time and the time to restore — each with its own empty
// state that says what would fill it.
import type { ReactNode } from 'react';
import type { DoraSummary } from '../../../../shared/domain/insights.ts';
import { countTicks, durationTicks, percentTicks } from '../../lib/chart-scale.ts';
import { rangeDaysOf, scopeName } from '../../lib/insights-look.ts';
import {
  bucketFailureRate,
  bucketHeading,
  bucketLabel,
  bucketSpans,
  deployBars,
  failureRateLines,
  hasDeploys,
  restoreLines,
} from '../../lib/insights-series.ts';
import { hashForView } from '../../navigation/hash-route.ts';
import { BarChart } from './charts/BarChart.tsx';
import { LineChart } from './charts/LineChart.tsx';

function ChartPanel({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  children: ReactNode;
}) {
  return (
    <section className="panel insights-chart-panel" aria-labelledby={id}>
      <h3 id={id} className="panel-title insights-chart-title">
        {title}
      </h3>
      <p className="insights-chart-hint">{hint}</p>
      {children}
    </section>
  );
}

function NoDeploys({ summary }: { summary: DoraSummary }) {
  return (
    <>
      No {scopeName(summary.environment)} deploys in the last {rangeDaysOf(summary.range)} days —{' '}
      <a href={hashForView('board')}>deploy from the Board</a>
    </>
  );
}

export function DoraCharts({ summary }: { summary: DoraSummary }) {
  const spans = bucketSpans(
    summary.series.map((bucket) => bucket.start),
    summary.current.to,
  );
  const per = summary.range === '7d' ? 'day' : 'week';
  const deploys = hasDeploys(summary);
  const noDeploys = deploys ? undefined : <NoDeploys summary={summary} />;
  const maxDeploys = Math.max(0, ...summary.series.map((bucket) => bucket.deploys));
  const commits = summary.leadTimeDistribution.reduce((sum, bucket) => sum + bucket.commits, 0);
  const rates = summary.series.map(bucketFailureRate);
  const restores = summary.series.map((bucket) => bucket.restoreMedianMs);
  const anyRestore = restores.some((value) => value !== null);

  return (
    <div className="insights-charts">
      <ChartPanel
        id="chart-deploys"
        title={`Deploys per ${per}`}
        hint="Deploys, and failed ones rolled back or fixed; those an incident, rollback or fix followed are red."
      >
        <BarChart
          label={`Deploys per ${per}`}
          testId="chart-deploys"
          data={summary.series.map((bucket, index) => {
            const bars = deployBars(bucket);
            const span = spans[index]!;
            return {
              key: bucket.start,
              label: bucketLabel(span),
              heading: bucketHeading(span, summary.range),
              lines: bars.lines,
              segments: [
                { value: bars.held, tone: 'primary' },
                { value: bars.failed, tone: 'danger' },
              ],
            };
          })}
          ticks={countTicks(maxDeploys)}
          legend={[
            { tone: 'primary', name: 'deploy' },
            { tone: 'danger', name: 'followed by a failure' },
          ]}
          empty={noDeploys}
        />
      </ChartPanel>
      <ChartPanel
        id="chart-lead-time"
        title="Lead time for changes"
        hint="Commits by how long they took from commit to their first successful deploy."
      >
        <BarChart
          label="Lead time distribution"
          testId="chart-lead-time"
          data={summary.leadTimeDistribution.map((bucket) => ({
            key: bucket.label,
            label: bucket.label,
            heading: `Lead time ${bucket.label}`,
            lines: [`${bucket.commits} ${bucket.commits === 1 ? 'commit' : 'commits'}`],
            segments: [{ value: bucket.commits, tone: 'primary' }],
          }))}
          ticks={countTicks(Math.max(0, ...summary.leadTimeDistribution.map((bucket) => bucket.commits)))}
          empty={commits === 0 ? noDeploys : undefined}
        />
      </ChartPanel>
      <ChartPanel
        id="chart-failure-rate"
        title="Change failure rate"
        hint={`Share of each ${per}'s deploys followed by an incident, a rollback or a fix.`}
      >
        <LineChart
          label="Change failure rate over time"
          testId="chart-failure-rate"
          points={summary.series.map((bucket, index) => ({
            label: bucketLabel(spans[index]!),
            heading: bucketHeading(spans[index]!, summary.range),
            lines: failureRateLines(bucket),
          }))}
          series={[{ key: 'rate', name: 'change failure rate', tone: 'danger', values: rates }]}
          ticks={percentTicks(Math.max(0, ...rates))}
          empty={noDeploys}
        />
      </ChartPanel>
      <ChartPanel
        id="chart-restore"
        title="Time to restore"
        hint={`Median time from an incident opening (or a failed deploy) to healthy again, per ${per}.`}
      >
        <BarChart
          label={`Time to restore per ${per}`}
          testId="chart-restore"
          data={summary.series.map((bucket, index) => ({
            key: bucket.start,
            label: bucketLabel(spans[index]!),
            heading: bucketHeading(spans[index]!, summary.range),
            lines: restoreLines(bucket),
            segments: [{ value: bucket.restoreMedianMs ?? 0, tone: 'warning' }],
          }))}
          ticks={durationTicks(Math.max(0, ...restores.map((value) => value ?? 0)))}
          empty={
            anyRestore ? undefined : (
              <>
                No {scopeName(summary.environment)} incidents were restored in the last{' '}
                {rangeDaysOf(summary.range)} days
              </>
            )
          }
        />
      </ChartPanel>
    </div>
  );
}
