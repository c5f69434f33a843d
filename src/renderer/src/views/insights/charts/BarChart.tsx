// A bar chart in SVG with a value axis, labels along the bottom (thinned to fit), stacked segments
// (say, deploys that failed on top of those that did not) and a tooltip that follows the pointer or
// the arrow keys. Colours come from tokens.css, so it reads in the light and the dark theme.
import type { ReactNode } from 'react';
import { bandScale, labelStride, linear } from '../../../lib/chart-scale.ts';
import { useElementWidth } from '../../../lib/use-element-width.ts';
import { ChartFrame, ChartTooltip, type ChartTick, type ChartTone } from './ChartFrame.tsx';
import { useChartCursor } from './use-chart-cursor.ts';
import { YGrid } from './YGrid.tsx';

export interface BarSegment {
  value: number;
  tone: ChartTone;
}

export interface BarDatum {
  key: string | number;
  /** Along the bottom axis: "Nov 3", "< 1 hour". */
  label: string;
  /** Stacked bottom to top. */
  segments: BarSegment[];
  /** The tooltip's heading and lines, also read out to assistive tech. */
  heading: string;
  lines: string[];
}

interface BarChartProps {
  /** Names the chart for assistive tech. */
  label: string;
  data: BarDatum[];
  /** Value-axis ticks, from 0 up to the top of the axis (chart-scale.ts makes them). */
  ticks: ChartTick[];
  legend?: { tone: ChartTone; name: string }[];
  height?: number;
  testId?: string;
  /** Shown over the empty plot when there is nothing to draw. */
  empty?: ReactNode;
}

const MARGIN = { top: 10, right: 12, bottom: 26, left: 56 };
const LABEL_PX = 56;

export function BarChart({ label, data, ticks, legend, height = 200, testId, empty }: BarChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>(480);
  const plotRight = width - MARGIN.right;
  const bands = bandScale(data.length, MARGIN.left, plotRight, data.length > 12 ? 0.2 : 0.3);
  const top = ticks.at(-1)?.value ?? 1;
  const y = linear(0, top, height - MARGIN.bottom, MARGIN.top);
  const stride = labelStride(data.length, plotRight - MARGIN.left, LABEL_PX);
  const slotAt = (px: number) =>
    data.length === 0 || bands.slot === 0
      ? null
      : Math.min(data.length - 1, Math.max(0, Math.floor((px - MARGIN.left) / bands.slot)));
  const cursor = useChartCursor(data.length, slotAt);
  const active = cursor.active !== null ? data[cursor.active] : undefined;

  return (
    <ChartFrame
      frameRef={ref}
      label={label}
      testId={testId}
      legend={legend}
      containerHandlers={cursor.containerHandlers}
      interactive={data.length > 0}
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
        <YGrid ticks={ticks} left={MARGIN.left} right={plotRight} labelGap={8} y={y} />
        {cursor.active !== null ? (
          <rect
            className="ichart-hover"
            x={MARGIN.left + cursor.active * bands.slot}
            y={MARGIN.top}
            width={bands.slot}
            height={height - MARGIN.top - MARGIN.bottom}
          />
        ) : null}
        {data.map((datum, index) => {
          let base = 0;
          const zero = !empty && datum.segments.every((segment) => segment.value <= 0);
          return (
            <g key={datum.key} data-value={zero ? 0 : undefined}>
              {/* An empty bucket is a zero, drawn as one — not a gap that reads as missing data. */}
              {zero ? (
                <rect
                  className="ichart-zero"
                  x={bands.x(index)}
                  y={height - MARGIN.bottom - 2}
                  width={bands.width}
                  height={2}
                />
              ) : null}
              {datum.segments.map((segment, segmentIndex) => {
                if (segment.value <= 0) return null;
                const from = y(base);
                base += segment.value;
                const to = y(base);
                return (
                  <rect
                    key={segmentIndex}
                    className={`ichart-bar ichart-tone-${segment.tone}`}
                    x={bands.x(index)}
                    y={to}
                    width={bands.width}
                    height={Math.max(1, from - to)}
                    rx={Math.min(2, bands.width / 4)}
                  />
                );
              })}
              {index % stride === 0 ? (
                <text className="ichart-label" x={bands.center(index)} y={height - 8} textAnchor="middle">
                  {datum.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line
          className="ichart-axis"
          x1={MARGIN.left}
          x2={plotRight}
          y1={height - MARGIN.bottom}
          y2={height - MARGIN.bottom}
        />
      </svg>
      {empty ? <div className="ichart-empty">{empty}</div> : null}
      {active && cursor.active !== null ? (
        <ChartTooltip
          left={bands.center(cursor.active) + bands.width / 2 + 8}
          flipAt={bands.center(cursor.active) - bands.width / 2}
          width={width}
          heading={active.heading}
          lines={active.lines}
        />
      ) : null}
    </ChartFrame>
  );
}
