// Recent latencies as a tiny line (oldest left); failed checks are red ticks on the baseline, and a
// gap in the line, so a failure never looks like a fast answer.
interface SparklineProps {
  series: (number | null)[];
  width?: number;
  height?: number;
}

export function Sparkline({ series, width = 120, height = 28 }: SparklineProps) {
  if (series.length === 0) return <span className="sparkline-empty">no checks yet</span>;
  const top = Math.max(1, ...series.map((value) => value ?? 0));
  const step = series.length > 1 ? width / (series.length - 1) : 0;
  const x = (index: number) => (series.length > 1 ? index * step : width / 2);
  const y = (value: number) => height - 2 - ((height - 4) * value) / top;
  let path = '';
  let penDown = false;
  series.forEach((value, index) => {
    if (value === null) {
      penDown = false;
      return;
    }
    path += `${penDown ? 'L' : 'M'}${x(index).toFixed(1)} ${y(value).toFixed(1)}`;
    penDown = true;
  });
  const failures = series.filter((value) => value === null).length;
  const known = series.filter((value): value is number => value !== null);
  const label =
    known.length > 0
      ? `Last ${series.length} checks: ${Math.round(Math.min(...known))}–${Math.round(Math.max(...known))} ms${failures ? `, ${failures} failed` : ''}`
      : `Last ${series.length} checks all failed`;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <path className="sparkline-line" d={path} />
      {series.map((value, index) =>
        value === null ? (
          <line
            key={index}
            className="sparkline-failure"
            x1={x(index)}
            x2={x(index)}
            y1={height - 6}
            y2={height}
          />
        ) : null,
      )}
      {series.map((value, index) =>
        // A lone answer between failures draws no line: show it as a dot.
        value !== null &&
        series[index - 1] == null &&
        series[index + 1] == null &&
        index !== series.length - 1 ? (
          <circle key={`dot-${index}`} className="sparkline-last" cx={x(index)} cy={y(value)} r={1.75} />
        ) : null,
      )}
      {known.length > 0 && series.at(-1) !== null ? (
        <circle className="sparkline-last" cx={x(series.length - 1)} cy={y(series.at(-1)!)} r={2} />
      ) : null}
    </svg>
  );
}
