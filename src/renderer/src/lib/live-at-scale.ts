// Time travel on the board: the slider's positions over the last 30 days (15-minute steps, the last
// one exactly "now"), and the datetime-local text the time input reads and writes (local time).

export const LIVE_AT_SPAN_MS = 30 * 24 * 60 * 60 * 1_000;
export const LIVE_AT_STEP_MS = 15 * 60 * 1_000;
/** The slider's last position: `now` itself. */
export const LIVE_AT_STEPS = LIVE_AT_SPAN_MS / LIVE_AT_STEP_MS;

/** A moment inside the slider's window: not before 30 days ago, not after now. */
export function clampAt(at: number, now: number): number {
  return Math.min(now, Math.max(now - LIVE_AT_SPAN_MS, at));
}

/** The moment a slider position stands for (position LIVE_AT_STEPS is now). */
export function atFromSlider(position: number, now: number): number {
  const steps = Math.min(LIVE_AT_STEPS, Math.max(0, Math.round(position)));
  return now - (LIVE_AT_STEPS - steps) * LIVE_AT_STEP_MS;
}

/** The slider position nearest to a moment. */
export function sliderFromAt(at: number, now: number): number {
  return LIVE_AT_STEPS - Math.round((now - clampAt(at, now)) / LIVE_AT_STEP_MS);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "2026-11-20T14:05" in local time, for <input type="datetime-local">. */
export function toDatetimeLocal(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The moment a datetime-local text names (local time); null when it is empty or not a time. */
export function fromDatetimeLocal(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // new Date() rolls 2026-02-31 over into March: such a text is not a time.
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}
