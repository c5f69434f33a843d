// What every Insights chart shares: a focusable group named for assistive tech (arrow keys read the
// points), a live region that says the point being read, the tooltip box, and the legend.
import type { FocusEvent, KeyboardEvent, ReactNode, Ref } from 'react';

export type ChartTone = 'primary' | 'danger' | 'warning' | 'ok' | 'muted';

export interface ChartTick {
  value: number;
  label: string;
}

interface ChartFrameProps {
  frameRef: Ref<HTMLDivElement>;
  label: string;
  testId?: string;
  legend?: { tone: ChartTone; name: string }[];
  /** Keyboard reading only makes sense with points to read. */
  interactive: boolean;
  /** The point being read, as one sentence, for the live region. */
  readout: string;
  containerHandlers: {
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    onBlur: (event: FocusEvent<HTMLElement>) => void;
  };
  compact?: boolean;
  children: ReactNode;
}

export function ChartFrame({
  frameRef,
  label,
  testId,
  legend,
  interactive,
  readout,
  containerHandlers,
  compact = false,
  children,
}: ChartFrameProps) {
  return (
    <div className={compact ? 'ichart ichart-compact' : 'ichart'}>
      <div
        ref={frameRef}
        className="ichart-plot"
        role="group"
        aria-label={interactive ? `${label}. Use the left and right arrow keys to read each point.` : label}
        tabIndex={interactive ? 0 : undefined}
        data-testid={testId}
        {...(interactive ? containerHandlers : {})}
      >
        {children}
        <span className="visually-hidden" role="status">
          {readout}
        </span>
      </div>
      {legend && legend.length > 0 ? (
        <ul className="ichart-legend" aria-hidden="true">
          {legend.map((item) => (
            <li key={item.name}>
              <span className={`ichart-swatch ichart-tone-${item.tone}`} />
              {item.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const TOOLTIP_WIDTH = 190;

/**
 * The box next to the point being read; flips to the left near the right edge. A compact chart (a
 * table row's trend) has no room above or below: its box sits to the left of the point, in two lines.
 */
export function ChartTooltip({
  left,
  width,
  heading,
  lines,
  flipAt,
  compact = false,
}: {
  /** Where the box starts (px from the chart's left), when it fits. */
  left: number;
  width: number;
  heading: string;
  lines: string[];
  /** Where it ends when flipped to the left (default: `left` less a bar's worth). */
  flipAt?: number;
  compact?: boolean;
}) {
  if (compact) {
    return (
      <div
        className="ichart-tooltip"
        aria-hidden="true"
        style={{ right: Math.max(0, width - (flipAt ?? left) + 8) }}
      >
        <strong>{heading}</strong>
        <span>{lines.join(' · ')}</span>
      </div>
    );
  }
  const fits = left + TOOLTIP_WIDTH <= width;
  const x = fits ? left : Math.max(0, (flipAt ?? left) - TOOLTIP_WIDTH - 8);
  return (
    <div className="ichart-tooltip" aria-hidden="true" style={{ left: x, width: TOOLTIP_WIDTH }}>
      <strong>{heading}</strong>
      {lines.map((line) => (
        <span key={line}>{line}</span>
      ))}
    </div>
  );
}
