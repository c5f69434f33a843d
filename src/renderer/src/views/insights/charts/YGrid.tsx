// The horizontal grid lines of a chart with their value labels on the left, shared by every chart.

export interface YGridProps {
  ticks: { value: number; label: string }[];
  /** Where the plot starts and ends horizontally; labels sit `labelGap` px left of `left`. */
  left: number;
  right: number;
  labelGap: number;
  y: (value: number) => number;
}

export function YGrid({ ticks, left, right, labelGap, y }: YGridProps) {
  return ticks.map((tick) => (
    <g key={tick.value}>
      <line className="ichart-grid" x1={left} x2={right} y1={y(tick.value)} y2={y(tick.value)} />
      <text
        className="ichart-label"
        x={left - labelGap}
        y={y(tick.value)}
        textAnchor="end"
        dominantBaseline="middle"
      >
        {tick.label}
      </text>
    </g>
  ));
}
