// Latency percentiles (p50, p95, p99) over the chosen range as an SVG line chart with axes, incident
// spans shaded, and a tooltip that follows the pointer or the arrow keys.
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { EnvironmentHistory } from '../../../../../shared/domain/environment.ts';
import { linear, valueTicks } from '../../../lib/chart-scale.ts';
import { formatLatency } from '../../../lib/environment-look.ts';
import { tickLabel, timeTicks as roundTimeTicks } from '../../../lib/time-ticks.ts';
import { useElementWidth } from '../../../lib/use-element-width.ts';
import type { HistoryRange } from '../../../stores/environments/environment-detail-slice.ts';

const HEIGHT = 280;
const MARGIN = { top: 14, right: 20, bottom: 30, left: 60 };
const rangeMs: Record<HistoryRange, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
};
const series = [
  { key: 'p50', label: 'p50' },
  { key: 'p95', label: 'p95' },
  { key: 'p99', label: 'p99' },
] as const;

type Bucket = EnvironmentHistory['latency'][number];

function linePath(
  buckets: Bucket[],
  key: 'p50' | 'p95' | 'p99',
  x: (t: number) => number,
  y: (v: number) => number,
) {
  let path = '';
  let penDown = false;
  for (const bucket of buckets) {
    const value = bucket[key];
    if (value === null) {
      penDown = false;
      continue;
    }
    path += `${penDown ? 'L' : 'M'}${x(bucket.start).toFixed(1)} ${y(value).toFixed(1)}`;
    penDown = true;
  }
  return path;
}

interface LatencyChartProps {
  history: EnvironmentHistory;
  range: HistoryRange;
  now: number;
}

export function LatencyChart({ history, range, now }: LatencyChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const [active, setActive] = useState<number | null>(null);
  const buckets = history.latency;
  const start = Math.min(now - rangeMs[range], buckets[0]?.start ?? Infinity);
  const x = linear(start, now, MARGIN.left, width - MARGIN.right);
  const peak = Math.max(
    1,
    ...buckets.flatMap((bucket) => [bucket.p50 ?? 0, bucket.p95 ?? 0, bucket.p99 ?? 0]),
  );
  const ticks = valueTicks(peak);
  const y = linear(0, ticks.at(-1)!, HEIGHT - MARGIN.bottom, MARGIN.top);
  // Round times along the axis (09:00, 12:00 … for a day), with a faint line up from each.
  const timeTicks = roundTimeTicks(start, now, range);
  const withData = buckets.filter((bucket) => bucket.p50 !== null);
  const activeBucket = active !== null ? buckets[active] : undefined;

  const nearest = (px: number) => {
    let best: number | null = null;
    let distance = Infinity;
    buckets.forEach((bucket, index) => {
      const d = Math.abs(x(bucket.start) - px);
      if (d < distance) {
        distance = d;
        best = index;
      }
    });
    return best;
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setActive(nearest(event.clientX - box.left));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (buckets.length === 0) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      setActive((current) =>
        Math.min(buckets.length - 1, Math.max(0, (current ?? buckets.length - 1) + step)),
      );
    } else if (event.key === 'Escape') setActive(null);
  };

  const p95s = withData.map((bucket) => bucket.p95 ?? 0);
  const summary =
    withData.length === 0
      ? 'No latency data in this range.'
      : `Latency over ${range}: p95 between ${formatLatency(Math.min(...p95s))} and ${formatLatency(Math.max(...p95s))}. Use the arrow keys to read each point.`;

  return (
    <div
      ref={ref}
      className="latency-chart"
      tabIndex={0}
      role="group"
      aria-label={summary}
      onKeyDown={onKeyDown}
      onBlur={() => setActive(null)}
      data-testid="latency-chart"
    >
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        aria-hidden="true"
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
      >
        {history.incidents.map((incident) => {
          const from = Math.max(x(incident.openedAt), MARGIN.left);
          const to = Math.min(x(incident.closedAt ?? now), width - MARGIN.right);
          return to > from - 2 ? (
            <rect
              key={incident.id}
              className="chart-incident"
              x={from}
              y={MARGIN.top}
              width={Math.max(2, to - from)}
              height={HEIGHT - MARGIN.top - MARGIN.bottom}
            />
          ) : null;
        })}
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              className="chart-grid"
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text
              className="chart-label"
              x={MARGIN.left - 8}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {formatLatency(tick)}
            </text>
          </g>
        ))}
        {timeTicks.map((tick) => (
          <g key={tick} data-testid="time-tick">
            <line
              className="chart-grid chart-grid-time"
              x1={x(tick)}
              x2={x(tick)}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom + 4}
            />
            <text
              className="chart-label"
              x={x(tick)}
              y={HEIGHT - 10}
              textAnchor={
                x(tick) - MARGIN.left < 24 ? 'start' : width - MARGIN.right - x(tick) < 24 ? 'end' : 'middle'
              }
            >
              {tickLabel(tick, range)}
            </text>
          </g>
        ))}
        <line
          className="chart-axis"
          x1={MARGIN.left}
          x2={width - MARGIN.right}
          y1={HEIGHT - MARGIN.bottom}
          y2={HEIGHT - MARGIN.bottom}
        />
        {series.map(({ key }) => (
          <path key={key} className={`chart-line chart-line-${key}`} d={linePath(buckets, key, x, y)} />
        ))}
        {/* A lone bucket draws no line: show it as points. */}
        {withData.length === 1
          ? series.map(({ key }) =>
              withData[0]![key] !== null ? (
                <circle
                  key={key}
                  className={`chart-point chart-line-${key}`}
                  cx={x(withData[0]!.start)}
                  cy={y(withData[0]![key])}
                  r={3}
                />
              ) : null,
            )
          : null}
        {activeBucket ? (
          <g>
            <line
              className="chart-cursor"
              x1={x(activeBucket.start)}
              x2={x(activeBucket.start)}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom}
            />
            {series.map(({ key }) =>
              activeBucket[key] !== null ? (
                <circle
                  key={key}
                  className={`chart-point chart-line-${key}`}
                  cx={x(activeBucket.start)}
                  cy={y(activeBucket[key])}
                  r={3.5}
                />
              ) : null,
            )}
          </g>
        ) : null}
      </svg>
      {withData.length === 0 ? (
        <p className="chart-empty">
          {history.uptime === null
            ? 'No checks recorded in this range yet.'
            : 'No latency to show: no check in this range got an answer.'}
        </p>
      ) : null}
      {activeBucket ? (
        <div
          className="chart-tooltip"
          role="status"
          style={{
            left: Math.min(Math.max(x(activeBucket.start) + 10, 0), width - 170),
            top: MARGIN.top,
          }}
        >
          <strong>{new Date(activeBucket.start).toLocaleString()}</strong>
          {activeBucket.p50 === null ? (
            <span>no data</span>
          ) : (
            series.map(({ key, label }) => (
              <span key={key} className="chart-tooltip-row">
                <span className={`chart-swatch chart-line-${key}`} aria-hidden="true" />
                {label} {formatLatency(activeBucket[key])}
              </span>
            ))
          )}
        </div>
      ) : null}
      <ul className="chart-legend" aria-hidden="true">
        {series.map(({ key, label }) => (
          <li key={key}>
            <span className={`chart-swatch chart-line-${key}`} />
            {label}
          </li>
        ))}
        {history.incidents.length > 0 ? (
          <li>
            <span className="chart-swatch chart-swatch-incident" />
            incident
          </li>
        ) : null}
      </ul>
    </div>
  );
}
