// One log line: its number, and its text with ANSI styles as spans (parsed once per line object)
// and search matches marked. stderr and system lines ("$ npm test", truncation notes) look distinct.
import { memo } from 'react';
import type { LogLine } from '../../../../shared/domain/run.ts';
import { parseAnsi, type AnsiSegment } from '../../log-rendering/ansi.ts';
import { ansiClassName, ansiInlineStyle } from '../../log-rendering/ansi-style.ts';
import { highlightQuery } from '../../log-rendering/highlight.ts';
import type { LogMark } from '../../stores/runs/log-slice.ts';

/** Very long lines are cut for display (copy and download keep them whole). */
const MAX_SHOWN_CHARS = 4000;

const parsed = new WeakMap<LogLine, AnsiSegment[]>();

function segmentsOf(line: LogLine): AnsiSegment[] {
  let segments = parsed.get(line);
  if (!segments) {
    const text = line.text.length > MAX_SHOWN_CHARS ? line.text.slice(0, MAX_SHOWN_CHARS) : line.text;
    segments = parseAnsi(text);
    if (line.text.length > MAX_SHOWN_CHARS) {
      segments.push({
        text: ` … (${(line.text.length - MAX_SHOWN_CHARS).toLocaleString()} more characters)`,
        style: null,
      });
    }
    parsed.set(line, segments);
  }
  return segments;
}

interface LogRowProps {
  n: number;
  line: LogLine | undefined;
  mark: LogMark['kind'] | null;
  query: string;
  /** This line starts a collapsible group: shown as its title with a toggle. */
  group?: { title: string; depth: number; open: boolean; lines: number };
  onToggle?: (firstLine: number) => void;
}

export const LogRow = memo(function LogRow({ n, line, mark, query, group, onToggle }: LogRowProps) {
  const classes = ['log-line'];
  if (line) classes.push(`log-line-${line.stream}`);
  if (mark) classes.push(`log-line-mark-${mark}`);
  if (group) {
    classes.push('log-line-group');
    return (
      <div className={classes.join(' ')} data-testid="log-group" data-line={n + 1} data-open={group.open}>
        <span className="log-gutter">{n + 1}</span>
        <button
          type="button"
          className="log-group-toggle"
          aria-expanded={group.open}
          style={{ paddingLeft: `${group.depth * 1.5}ch` }}
          onClick={() => onToggle?.(n)}
        >
          <span className="log-group-chevron" aria-hidden="true">
            {group.open ? '▾' : '▸'}
          </span>
          {group.title}
          {group.open ? null : (
            <span className="log-group-count">
              {' '}
              ({group.lines} {group.lines === 1 ? 'line' : 'lines'})
            </span>
          )}
        </button>
      </div>
    );
  }
  return (
    <div
      className={classes.join(' ')}
      data-testid="log-line"
      data-line={n + 1}
      data-stream={line?.stream}
      data-mark={mark ?? undefined}
      aria-current={mark === 'match' ? 'true' : undefined}
    >
      <span className="log-gutter">{n + 1}</span>
      <span className="log-text">
        {line ? (
          highlightQuery(segmentsOf(line), query).map((piece, index) => {
            const className = ansiClassName(piece.style);
            const style = ansiInlineStyle(piece.style);
            if (piece.match) {
              return (
                <mark
                  key={index}
                  className={className ? `log-match ${className}` : 'log-match'}
                  style={style}
                >
                  {piece.text}
                </mark>
              );
            }
            return className || style ? (
              <span key={index} className={className} style={style}>
                {piece.text}
              </span>
            ) : (
              piece.text
            );
          })
        ) : (
          <span className="log-pending" aria-label="loading">
            ·
          </span>
        )}
      </span>
    </div>
  );
});
