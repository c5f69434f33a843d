// What the web host keeps for one WebSocket client that reads slower than the engine talks. Results
// (answers the client asked for) go straight out; events wait while the socket already holds more
// than a high-water mark, coalesced so the wait costs next to nothing: log lines become "N lines
// skipped, read them from the store" (the renderer refetches), repeated invalidations become one.
// A client that reads nothing for `stallMs` while events wait, or lets the socket hold more than
// `maxBufferedBytes`, is disconnected with close code 1008 and a reason; it reconnects and refetches.
import type { ServerFrame } from '../../../shared/frames.ts';

export interface OutboxLimits {
  /** Above this many unsent bytes, events wait (coalesced) instead of queueing in the socket. */
  highWaterBytes: number;
  /** Unsent bytes (results included) at which the client is disconnected. */
  maxBufferedBytes: number;
  /** How long events may wait on a client that reads nothing before it is disconnected. */
  stallMs: number;
  /** Distinct waiting events at which the client is disconnected (coalescing keeps this small). */
  maxWaitingEvents: number;
}

export const defaultOutboxLimits: OutboxLimits = {
  highWaterBytes: 512 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  stallMs: 15_000,
  maxWaitingEvents: 2_000,
};

/** Close code for a client dropped for not reading (RFC 6455: policy violation). */
export const SLOW_CLIENT_CLOSE_CODE = 1008;

export interface OutboxSocket {
  /** Bytes written but not yet handed to the network. */
  bufferedAmount(): number;
  write(text: string): void;
  /** Closes the connection with a code and a reason (at most 123 bytes). */
  drop(code: number, reason: string): void;
}

export interface Outbox {
  send(frame: ServerFrame): void;
  /** Stops the timer; nothing is sent after this. */
  close(): void;
}

type EventFrame = Extract<ServerFrame, { t: 'event' }>;

interface LogPayload {
  attemptId: number;
  lines: unknown[];
  skipped: number;
}

const PUMP_MS = 100;

export function createOutbox(
  socket: OutboxSocket,
  limits: OutboxLimits = defaultOutboxLimits,
  now: () => number = Date.now,
): Outbox {
  /** Events waiting for room, in arrival order, keyed so that repeats merge. */
  const waiting = new Map<string, EventFrame>();
  let waitingSince = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  let uniqueKey = 0;

  function write(frame: ServerFrame): boolean {
    socket.write(JSON.stringify(frame));
    const buffered = socket.bufferedAmount();
    if (buffered > limits.maxBufferedBytes) {
      drop(`${mb(buffered)} MB unsent`);
      return false;
    }
    return true;
  }

  function drop(why: string) {
    if (closed) return;
    close();
    socket.drop(SLOW_CLIENT_CLOSE_CODE, `the client stopped reading (${why}); reconnect to continue`);
  }

  function hold(frame: EventFrame) {
    if (waiting.size === 0) waitingSince = now();
    const key = keyOf(frame);
    const earlier = waiting.get(key);
    waiting.set(key, earlier ? merge(earlier, frame) : thin(frame));
    if (waiting.size > limits.maxWaitingEvents) drop(`${waiting.size} events waiting`);
    timer ??= setInterval(pump, PUMP_MS);
    timer.unref?.();
  }

  /** Sends waiting events while there is room; drops the client when it has read nothing for too long. */
  function pump() {
    if (closed) return;
    let sent = false;
    for (const [key, frame] of waiting) {
      if (socket.bufferedAmount() >= limits.highWaterBytes) break;
      waiting.delete(key);
      if (!write(frame)) return;
      sent = true;
    }
    if (waiting.size === 0) {
      if (timer) clearInterval(timer);
      timer = null;
      return;
    }
    if (sent) waitingSince = now();
    else if (now() - waitingSince > limits.stallMs) {
      drop(`nothing read for ${limits.stallMs / 1000} s, ${mb(socket.bufferedAmount())} MB unsent`);
    }
  }

  function keyOf(frame: EventFrame): string {
    if (frame.name === 'runs.log') return `runs.log:${(frame.payload as LogPayload).attemptId}`;
    // Invalidations ("refetch X") say the same thing twice: one will do. Alerts and notices are each kept.
    if (frame.name.endsWith('.changed')) return `${frame.name}:${JSON.stringify(frame.payload)}`;
    return `${frame.name}#${uniqueKey++}`;
  }

  function close() {
    closed = true;
    waiting.clear();
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    send(frame) {
      if (closed) return;
      if (frame.t === 'result') {
        write(frame);
        return;
      }
      if (waiting.size > 0 || socket.bufferedAmount() >= limits.highWaterBytes) hold(frame);
      else write(frame);
    },
    close,
  };
}

/** A waiting log event keeps no lines: only how many there were (they are in the store). */
function thin(frame: EventFrame): EventFrame {
  if (frame.name !== 'runs.log') return frame;
  const payload = frame.payload as LogPayload;
  return { ...frame, payload: { ...payload, lines: [], skipped: payload.skipped + payload.lines.length } };
}

function merge(earlier: EventFrame, later: EventFrame): EventFrame {
  if (later.name !== 'runs.log') return earlier;
  const before = earlier.payload as LogPayload;
  const after = thin(later).payload as LogPayload;
  return { ...earlier, payload: { ...before, skipped: before.skipped + after.skipped } };
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
