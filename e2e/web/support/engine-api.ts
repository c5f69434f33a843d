// The engine's protocol over the web host's WebSocket, for specs that build history or state faster
// than clicking would (the token from the printed URL admits it, as it admits the page).
export interface EngineApi {
  call<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

/** The engine's protocol over the web host's WebSocket (the token from the printed URL admits it). */
export async function engineApi(url: string): Promise<EngineApi> {
  const { host, searchParams } = new URL(url);
  const socket = new WebSocket(`ws://${host}/api?token=${searchParams.get('token')}`);
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('Could not open the engine WebSocket.'));
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.onmessage = (event: MessageEvent<string>) => {
    const frame = JSON.parse(event.data) as
      | { t: 'result'; id: number; ok: true; result: unknown }
      | { t: 'result'; id: number; ok: false; error: { code: string; message: string } }
      | { t: 'event' };
    if (frame.t !== 'result') return;
    const waiter = pending.get(frame.id);
    pending.delete(frame.id);
    if (frame.ok) waiter?.resolve(frame.result);
    else waiter?.reject(new Error(`${frame.error.code}: ${frame.error.message}`));
  };
  return {
    call<T>(method: string, params: Record<string, unknown> = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ t: 'call', id, method, params }));
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      });
    },
    close: () => socket.close(),
  };
}
