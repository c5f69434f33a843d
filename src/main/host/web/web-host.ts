// The web host: the built renderer and the engine protocol (WebSocket at /api) on 127.0.0.1,
// behind a random per-start token. Drives the e2e tests and serves ops wallboards in any browser.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { channelFromEndpoint } from '../../../shared/channel-adapter.ts';
import { contentSecurityPolicy } from '../../../shared/csp.ts';
import type { Channel, ServerFrame } from '../../../shared/frames.ts';
import { serveConnection } from '../../engine/connection.ts';
import { internalError } from '../../engine/kernel/diagnostics/boundary-error.ts';
import type { Engine } from '../../engine/engine.ts';
import { checkAccess, tokenCookie, type AccessPolicy } from './access.ts';
import { serveArtifactDownload } from './artifact-download.ts';
import { hostAllowlist } from './allowed-hosts.ts';
import { createOutbox, defaultOutboxLimits, type OutboxLimits } from './client-outbox.ts';
import { parseRequestTarget, sameOriginLocation } from './request-target.ts';
import { rendererIsBuilt, serveStatic } from './static-files.ts';

export interface WebHostOptions {
  engine: Engine;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** More Host names to answer to (--allow-host), e.g. a DNS name for this machine. */
  allowHosts?: readonly string[];
  /** How much may wait for a client that reads slowly, and for how long (tests make these small). */
  clientLimits?: Partial<OutboxLimits>;
}

export interface WebHost {
  url: string;
  /** The URL with the token, to print for the user. */
  urlWithToken: string;
  /** URLs with the token to open from another machine (none when bound to loopback). */
  remoteUrlsWithToken: string[];
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
const statusText = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' } as const;

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy({ dev: false, header: true }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, rendererDir } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  engine.logger.addSecret(token);
  const clientLimits = { ...defaultOutboxLimits, ...options.clientLimits };
  const policy: AccessPolicy = { token, cookieName: '', allowedHosts: new Set(), allowedOrigins: new Set() };

  const server = createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (error) {
      // A bug here must cost one request, never the host; the client learns an id, the log the rest.
      const { message } = internalError(engine.logger, error, `web request ${req.method ?? ''}`);
      if (!res.headersSent)
        res.writeHead(500, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${message}\n`);
    }
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  function refuse(res: ServerResponse, status: 400 | 401 | 403, reason: string) {
    res.writeHead(status, {
      ...securityHeaders,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${statusText[status]}: ${reason}\n`);
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse) {
    const url = parseRequestTarget(req.url);
    if (url === null) return refuse(res, 400, 'The request target is not a path on this server.');
    const access = checkAccess(req, url, policy);
    if (!access.ok) return refuse(res, access.status, access.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 403, 'Only GET is served here.');
    if (access.viaQuery) {
      // Trade the URL token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${policy.cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: sameOriginLocation(url),
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (serveArtifactDownload(engine, url.pathname, req, res)) return;
    if (!rendererIsBuilt(rendererDir)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('The Release Cockpit UI is not built yet. Run `npm run build`, then reload.\n');
    }
    if (!serveStatic(rendererDir, url.pathname, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = parseRequestTarget(req.url);
    const access =
      url?.pathname === '/api'
        ? checkAccess(req, url, policy)
        : ({ ok: false, status: 403, reason: 'Not found' } as const);
    if (!access.ok) {
      socket.end(`HTTP/1.1 ${access.status} ${statusText[access.status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      // A bad frame (too large, invalid UTF-8) closes that one connection; it must not crash the host.
      ws.on('error', (error) =>
        engine.logger.warn('a WebSocket connection failed', { error: error.message }),
      );
      const label = `ws ${req.socket.remoteAddress ?? ''}`;
      serveConnection(engine, webSocketChannel(ws, engine, clientLimits, label), label);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  policy.cookieName = tokenCookie(port);
  const allowlist = hostAllowlist({ bindHost, port, allowHosts: options.allowHosts });
  policy.allowedHosts = allowlist.hosts;
  policy.allowedOrigins = allowlist.origins;
  const url = allowlist.localUrl;
  engine.logger.info('web host listening', { url, remote: allowlist.remoteUrls });

  return {
    url,
    urlWithToken: `${url}?token=${token}`,
    remoteUrlsWithToken: allowlist.remoteUrls.map((remote) => `${remote}?token=${token}`),
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function webSocketChannel(
  ws: WebSocket,
  engine: Engine,
  limits: OutboxLimits,
  label: string,
): Channel<ServerFrame, unknown> {
  const outbox = createOutbox(
    {
      bufferedAmount: () => ws.bufferedAmount,
      write: (text) => ws.send(text),
      drop: (code, reason) => {
        engine.logger.warn('disconnected a WebSocket client that stopped reading', { label, reason });
        ws.close(code, reason);
      },
    },
    limits,
  );
  return channelFromEndpoint(
    {
      post: (frame) => {
        if (ws.readyState === ws.OPEN) outbox.send(frame);
      },
      subscribe: (deliver) =>
        ws.on('message', (data, isBinary) => {
          if (isBinary) return;
          let message: unknown;
          try {
            message = JSON.parse(rawDataToText(data));
          } catch {
            engine.logger.warn('a WebSocket client sent text that is not JSON');
            return;
          }
          deliver(message);
        }),
      onClose: (closed) =>
        ws.on('close', () => {
          outbox.close();
          closed();
        }),
      close: () => ws.close(),
    },
    { onListenerError: (error) => engine.logger.error('a WebSocket listener failed', { label, error }) },
  );
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}
