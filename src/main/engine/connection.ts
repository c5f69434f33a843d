// Serves one client over any Channel: validates frames, runs calls (cancellable), forwards events.
// Each transport (MessagePort, WebSocket, in-process) only has to provide the Channel.
import { badRequest } from '../../shared/errors.ts';
import { clientFrameSchema, type Channel, type ServerFrame } from '../../shared/frames.ts';
import type { Engine } from './engine.ts';
import { toBoundaryError } from './kernel/diagnostics/boundary-error.ts';

export function serveConnection(
  engine: Engine,
  channel: Channel<ServerFrame, unknown>,
  label: string,
): () => void {
  const inflight = new Map<number, AbortController>();
  let open = true;

  const send = (frame: ServerFrame) => {
    if (!open) return;
    try {
      channel.send(frame);
    } catch (error) {
      engine.logger.warn('could not send to a client', { label, error });
    }
  };

  const stopEvents = engine.events.onAny((name, payload) => send({ t: 'event', name, payload }));

  channel.onMessage((raw) => {
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      engine.logger.warn('malformed frame from a client', { label });
      if (typeof id === 'number') {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        const error = badRequest('Malformed message: expected {t:"call", id, method, params}.', issues);
        send({ t: 'result', id, ok: false, error: error.toData() });
      }
      return;
    }
    const frame = parsed.data;
    if (frame.t === 'cancel') {
      inflight.get(frame.id)?.abort();
      return;
    }
    const controller = new AbortController();
    inflight.set(frame.id, controller);
    engine
      .call(frame.method, frame.params, controller.signal)
      .then(
        // undefined would vanish in JSON and leave the caller waiting; null survives every transport.
        (result) => send({ t: 'result', id: frame.id, ok: true, result: result ?? null }),
        // engine.call already answers in the one error shape; anything else is a bug, logged under an id.
        (error: unknown) => {
          const data = toBoundaryError(error, engine.logger, `${frame.method} failed`).toData();
          send({ t: 'result', id: frame.id, ok: false, error: data });
        },
      )
      .finally(() => inflight.delete(frame.id));
  });

  const stop = () => {
    if (!open) return;
    open = false;
    stopEvents();
    for (const controller of inflight.values()) controller.abort();
    inflight.clear();
  };
  channel.onClose(stop);
  return stop;
}
