// A service on 127.0.0.1 for specs that need an outage: it answers /health (and its version in a
// header) until stopped — connections then are refused — and comes back on the same port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyService {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function flakyService(version = '1.0.0'): Promise<FlakyService> {
  let server: Server | null = null;
  let port = 0;
  const start = async () => {
    const next = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-app-version': version });
      response.end(JSON.stringify({ status: 'ok', version }));
    });
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });
  await start();
  return { url: `http://127.0.0.1:${port}`, stop, start };
}
