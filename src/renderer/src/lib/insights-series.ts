// The Insights charts' points from the engine's series: each bucket's label, its exact span for the
// tooltip, and the numbers each chart draws — plain functions, so the charts only draw.
import type { DoraSummary, InsightRange } from '../../../shared/domain/insights.ts';
import { formatSpan } from './environment-look.ts';
import { formatRate } from './insights-look.ts';

type Bucket = DoraSummary['series'][number];

export interface BucketSpan {
  start: number;
  /** Where the bucket ends: the next one's start, or the window's end. */
  end: number;
}

/** Each bucket's span: from its start to the next bucket's (the last one to the window's end). */
export function bucketSpans(starts: number[], windowEnd: number): BucketSpan[] {
  return starts.map((start, index) => ({ start, end: starts[index + 1] ?? windowEnd }));
}

const dayMonth = (at: number) =>
  new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/** Along the axis: the bucket's first day ("Nov 3"). */
export function bucketLabel(span: BucketSpan): string {
  return dayMonth(span.start);
}

/** In the tooltip: the day ("Tue, Nov 3") for daily buckets, else its first and last day. */
export function bucketHeading(span: BucketSpan, range: InsightRange): string {
  if (range === '7d') {
    return new Date(span.start).toLocaleDateString(undefined, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });
  }
  // The end is exclusive: the last day is the one just before it.
  const last = Math.max(span.start, span.end - 1);
  const first = dayMonth(span.start);
  const lastText = dayMonth(last);
  return first === lastText ? first : `${first} – ${lastText}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Deploys per bucket: those that held, and those a failure followed (stacked on top). */
export function deployBars(bucket: Bucket): { held: number; failed: number; lines: string[] } {
  const failed = Math.min(bucket.failures, bucket.deploys);
  return {
    held: bucket.deploys - failed,
    failed,
    lines: [
      plural(bucket.deploys, 'deploy', 'deploys'),
      failed > 0 ? `${plural(failed, 'was', 'were')} followed by a failure` : 'none followed by a failure',
    ],
  };
}

/** The share of a bucket's deploys a failure followed, as the engine computed it (0 without deploys). */
export function bucketFailureRate(bucket: Bucket): number {
  return bucket.failureRate;
}

export function failureRateLines(bucket: Bucket): string[] {
  if (bucket.deploys === 0) return ['no deploys: 0 %'];
  return [
    `${formatRate(bucket.failureRate)} failed`,
    `${bucket.failures} of ${plural(bucket.deploys, 'deploy', 'deploys')}`,
  ];
}

export function restoreLines(bucket: Bucket): string[] {
  return bucket.restoreMedianMs === null
    ? ['nothing restored: 0']
    : [`median ${formatSpan(bucket.restoreMedianMs)} to restore`];
}

/** Any of the series has something to draw. */
export function hasDeploys(summary: DoraSummary): boolean {
  return summary.series.some((bucket) => bucket.deploys > 0);
}
