// Real servers on 127.0.0.1 for the probe tests (HTTP, HTTPS with a certificate made by openssl,
// raw TCP), closed by closeTestServers() from afterEach.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { environmentSchema, type EnvironmentConfig } from '../engine/config/index.ts';
import { tempDir } from './fixtures.ts';
import type { ProbeContext } from '../engine/environments/probes/probe-environment.ts';

const closers: (() => Promise<void>)[] = [];

export async function closeTestServers(): Promise<void> {
  while (closers.length > 0) await closers.pop()!();
}

export interface TestServer<S extends NetServer = NetServer> {
  server: S;
  port: number;
  url: string;
  /** Open connections as the server counts them. */
  connections: () => Promise<number>;
}

async function listen<S extends NetServer>(server: S, scheme: string): Promise<TestServer<S>> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the probe hangs up on purpose in several tests
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    server,
    port: address.port,
    url: `${scheme}://127.0.0.1:${address.port}`,
    connections: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
  };
}

export function httpServer(handler: RequestListener): Promise<TestServer<HttpServer>> {
  return listen(createHttpServer(handler), 'http');
}

/** An HTTPS server with a fresh self-signed certificate for CN=localhost, valid for `days`. */
export function httpsServer(handler: RequestListener, days = 30): Promise<TestServer> {
  const dir = tempDir('cockpit-cert-');
  const key = join(dir, 'k');
  const cert = join(dir, 'c');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return listen(createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, handler), 'https');
}

/**
 * A raw TCP server: `onConnection` decides what (if anything) the client gets. The default reads
 * and discards everything and never answers (reading is what lets it notice the client hang up).
 */
export function tcpServer(
  onConnection: (socket: Socket) => void = (socket) => socket.resume(),
): Promise<TestServer> {
  return listen(createNetServer(onConnection), 'http');
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An environment as cockpit.yml would give it (through the real schema: durations become ms). */
export function environment(fields: Record<string, unknown>): EnvironmentConfig {
  return environmentSchema.parse({ name: 'test', ...fields });
}

export function probeContext(
  secrets: Record<string, string> = {},
  extra: Partial<ProbeContext> = {},
): ProbeContext {
  return { resolveSecret: (name) => secrets[name], now: () => Date.now(), ...extra };
}
