// The browser transport: a WebSocket to the web host at /api, redialled with capped exponential
// backoff whenever it drops. The auth cookie set by the host rides along on every attempt.
import { backoffDelay } from './backoff.ts';
import type { Transport, TransportSink } from './transport.ts';
import { dialWebSocket } from './websocket-channel.ts';

/** A connection that lived shorter than this counts as a failure, so a crash loop backs off too. */
const STABLE_AFTER_MS = 5_000;

export function webSocketTransport(url: string): Transport {
  let sink: TransportSink | undefined;
  let stopped = false;
  let failedAttempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abandonDial: (() => void) | undefined;
  let live = false;

  function dial() {
    if (stopped) return;
    clearTimeout(timer);
    timer = undefined;
    abandonDial = dialWebSocket(url, {
      opened(channel) {
        abandonDial = undefined;
        live = true;
        const openedAt = Date.now();
        channel.onClose(() => {
          live = false;
          failedAttempts = Date.now() - openedAt >= STABLE_AFTER_MS ? 0 : failedAttempts + 1;
          scheduleRetry();
        });
        sink?.connected(channel);
      },
      failed() {
        abandonDial = undefined;
        failedAttempts += 1;
        scheduleRetry();
      },
    });
  }

  function scheduleRetry() {
    if (stopped) return;
    const delay = failedAttempts === 0 ? 0 : backoffDelay(failedAttempts - 1);
    timer = setTimeout(dial, delay);
    sink?.waiting(Date.now() + delay, failedAttempts);
  }

  const retryNow = () => {
    if (stopped || live || abandonDial) return;
    dial();
  };

  return {
    kind: 'web',
    start(newSink) {
      sink = newSink;
      window.addEventListener('online', retryNow);
      dial();
      return () => {
        stopped = true;
        clearTimeout(timer);
        abandonDial?.();
        window.removeEventListener('online', retryNow);
      };
    },
    retryNow,
  };
}
