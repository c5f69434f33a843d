// Time travel's controls: the header's "Time travel" toggle, and while it is on, the banner that says
// which moment the board shows, with a slider over the last 30 days (arrow keys: 15 minutes, Page
// Up/Down: larger steps), a date-and-time field, and "Back to now".
import { useId } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import {
  LIVE_AT_SPAN_MS,
  LIVE_AT_STEPS,
  atFromSlider,
  fromDatetimeLocal,
  sliderFromAt,
  toDatetimeLocal,
} from '../../lib/live-at-scale.ts';
import { absoluteTime } from '../../lib/relative-time.ts';
import { useCockpit } from '../../stores/store-context.tsx';

export function LiveAtToggle() {
  const active = useCockpit((state) => state.liveAt !== null);
  const start = useCockpit((state) => state.startLiveAt);
  const stop = useCockpit((state) => state.stopLiveAt);
  return (
    <button
      type="button"
      className="button live-at-toggle"
      aria-pressed={active}
      title="See what was live at a past moment (read-only)"
      onClick={() => (active ? stop() : start())}
      data-testid="live-at-toggle"
    >
      <Icon name="clock" />
      Time travel
    </button>
  );
}

export function LiveAtBanner() {
  const liveAt = useCockpit((state) => state.liveAt);
  const setAt = useCockpit((state) => state.setLiveAt);
  const stop = useCockpit((state) => state.stopLiveAt);
  const sliderId = useId();
  const timeId = useId();
  if (!liveAt) return null;
  const { at, anchor, loading } = liveAt;

  return (
    <section className="live-at" aria-label="Time travel" data-testid="live-at">
      <p className="live-at-banner" role="status">
        <Icon name="clock" />
        <span>
          Showing what was live at{' '}
          <strong data-testid="live-at-time">
            <time dateTime={new Date(at).toISOString()}>{absoluteTime(at)}</time>
          </strong>
        </span>
        {loading ? <Spinner /> : null}
        <span aria-hidden="true">—</span>
        <button type="button" className="button button-small" onClick={stop}>
          Back to now
        </button>
      </p>
      <div className="live-at-controls">
        <label htmlFor={sliderId} className="visually-hidden">
          Moment to show, over the last 30 days
        </label>
        <span className="live-at-end" aria-hidden="true">
          30 days ago
        </span>
        <input
          id={sliderId}
          className="live-at-slider"
          type="range"
          min={0}
          max={LIVE_AT_STEPS}
          step={1}
          value={sliderFromAt(at, anchor)}
          aria-valuetext={absoluteTime(at)}
          onChange={(event) => setAt(atFromSlider(Number(event.target.value), anchor))}
          data-testid="live-at-slider"
        />
        <span className="live-at-end" aria-hidden="true">
          now
        </span>
        <label htmlFor={timeId} className="live-at-time-label">
          At
        </label>
        <input
          id={timeId}
          className="input live-at-time"
          type="datetime-local"
          min={toDatetimeLocal(anchor - LIVE_AT_SPAN_MS)}
          max={toDatetimeLocal(anchor)}
          value={toDatetimeLocal(at)}
          onChange={(event) => {
            const moment = fromDatetimeLocal(event.target.value);
            if (moment !== null) setAt(moment);
          }}
          data-testid="live-at-input"
        />
      </div>
    </section>
  );
}
