// A line chart in SVG: one or more series over evenly spaced points (weeks, days), gaps where a point
// has no value, a lone point drawn as a dot, a value axis and thinned labels along the bottom, and a
// tooltip that follows the pointer or the arrow keys. `compact` draws a small trend for a table row.
import type { ReactNode } from 'react';
import { labelStride, linear } from '../../../lib/chart-scale.ts';
import { useElementWidth } from '../../../lib/use-element-width.ts';
import { ChartFrame, ChartTooltip, type ChartTick, type ChartTone } from './ChartFrame.tsx';
import { useChartCursor } from './use-chart-cursor.ts';
import { YGrid } from './YGrid.tsx';

export interface LineSeries {
  key: string;
  name: string;
  tone: ChartTone;
  /** One value per point; null leaves a gap. */
  values: (number | null)[];
}

export interface LinePoint {
  /** Along the bottom axis. */
  label: string;
  heading: string;
  lines: string[];
}

interface LineChartProps {
  label: string;
  points: LinePoint[];
  series: LineSeries[];
  ticks: ChartTick[];
  height?: number;
  compact?: boolean;
  testId?: string;
  empty?: ReactNode;
}

const MARGINS = {
  full: { top: 10, right: 16, bottom: 26, left: 56 },
  compact: { top: 6, right: 6, bottom: 6, left: 48 },
};
const LABEL_PX = 56;

function pathOf(values: (number | null)[], x: (index: number) => number, y: (value: number) => number) {
  let path = '';
  let penDown = false;
  values.forEach((value, index) => {
    if (value === null) {
      penDown = false;
      return;
    }
    path += `${penDown ? 'L' : 'M'}${x(index).toFixed(1)} ${y(value).toFixed(1)}`;
    penDown = true;
  });
  return path;
}

/** Points with a value and no neighbour with one draw no line: they get a dot. */
function lonePoints(values: (number | null)[]): number[] {
  return values.flatMap((value, index) =>
    value !== null && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null
      ? [index]
      : [],
  );
}

export function LineChart({
  label,
  points,
  series,
  ticks,
  height = 200,
  compact = false,
  testId,
  empty,
}: LineChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>(compact ? 220 : 480);
  const margin = compact ? MARGINS.compact : MARGINS.full;
  const plotRight = width - margin.right;
  const inset = compact ? 4 : 14;
  const x = linear(0, Math.max(1, points.length - 1), margin.left + inset, plotRight - inset);
  const top = ticks.at(-1)?.value ?? 1;
  const y = linear(0, top, height - margin.bottom, margin.top);
  const stride = labelStride(points.length, plotRight - margin.left, LABEL_PX);
  const step = points.length > 1 ? x(1) - x(0) : plotRight - margin.left;
  const slotAt = (px: number) =>
    points.length === 0
      ? null
      : Math.min(points.length - 1, Math.max(0, Math.round((px - x(0)) / (step || 1))));
  const cursor = useChartCursor(points.length, slotAt);
  const active = cursor.active !== null ? points[cursor.active] : undefined;
  const shownTicks = compact ? ticks.filter((_, index) => index === 0 || index === ticks.length - 1) : ticks;

  return (
    <ChartFrame
      frameRef={ref}
      label={label}
      testId={testId}
      compact={compact}
      legend={compact ? undefined : series.map(({ tone, name }) => ({ tone, name }))}
      containerHandlers={cursor.containerHandlers}
      interactive={points.length > 0}
      readout={active ? `${active.heading}: ${active.lines.join(', ')}` : ''}
    >
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        className="ichart-svg"
        {...cursor.svgHandlers}
      >
        <YGrid ticks={shownTicks} left={margin.left} right={plotRight} labelGap={6} y={y} />
        {!compact
          ? points.map((point, index) =>
              index % stride === 0 ? (
                <text key={index} className="ichart-label" x={x(index)} y={height - 8} textAnchor="middle">
                  {point.label}
                </text>
              ) : null,
            )
          : null}
        {!compact ? (
          <line
            className="ichart-axis"
            x1={margin.left}
            x2={plotRight}
            y1={height - margin.bottom}
            y2={height - margin.bottom}
          />
        ) : null}
        {cursor.active !== null ? (
          <line
            className="ichart-cursor"
            x1={x(cursor.active)}
            x2={x(cursor.active)}
            y1={margin.top}
            y2={height - margin.bottom}
          />
        ) : null}
        {series.map((line) => (
          <g key={line.key} className={`ichart-tone-${line.tone}`}>
            <path className="ichart-line" d={pathOf(line.values, x, y)} />
            {lonePoints(line.values).map((index) => (
              <circle key={index} className="ichart-point" cx={x(index)} cy={y(line.values[index]!)} r={4} />
            ))}
            {cursor.active !== null && line.values[cursor.active] != null ? (
              <circle
                className="ichart-point"
                cx={x(cursor.active)}
                cy={y(line.values[cursor.active]!)}
                r={3.5}
              />
            ) : null}
          </g>
        ))}
      </svg>
      {empty ? <div className="ichart-empty">{empty}</div> : null}
      {active && cursor.active !== null ? (
        <ChartTooltip
          left={x(cursor.active) + 10}
          flipAt={x(cursor.active) - 2}
          width={width}
          heading={active.heading}
          lines={active.lines}
          compact={compact}
        />
      ) : null}
    </ChartFrame>
  );
}
