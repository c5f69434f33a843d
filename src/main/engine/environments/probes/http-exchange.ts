// One HTTP(S) exchange with node:http/node:https (not fetch: we need the peer certificate and a hard
// byte cap), and the redirect chain around it. Sockets are never pooled and always destroyed.
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import { abortFailure } from './deadline.ts';
import { ProbeFailure, classifyNetworkError } from './probe-failure.ts';

export interface RequestSpec {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  tlsVerify: boolean;
  maxBodyBytes: number;
}

export interface HttpExchange {
  url: URL;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** Milliseconds from sending the request to the response headers (connect and TLS included). */
  latencyMs: number;
  /** Expiry of the peer certificate (ms epoch), https only. */
  certExpiresAt: number | null;
}

/** Sends one request; rejects with a ProbeFailure (network error, deadline, body over the cap). */
export function sendRequest(spec: RequestSpec, signal: AbortSignal): Promise<HttpExchange> {
  return new Promise<HttpExchange>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortFailure(signal));
      return;
    }
    const { url } = spec;
    const target = url.host;
    const started = performance.now();
    let req: ClientRequest | undefined;
    let settled = false;
    const finish = (failure: ProbeFailure | null, exchange?: HttpExchange) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req?.destroy(); // after a complete response too: no socket outlives its check
      if (failure) reject(failure);
      else resolve(exchange!);
    };
    let receivedSoFar: (() => HttpExchange) | null = null; // set once the response headers are in
    const onAbort = () => {
      const failure = abortFailure(signal);
      finish(receivedSoFar ? new ResponseFailure(failure, receivedSoFar()) : failure);
    };

    const options: RequestOptions & { rejectUnauthorized: boolean } = {
      method: spec.method,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: spec.headers,
      auth: url.username
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined,
      agent: false,
      rejectUnauthorized: spec.tlsVerify,
    };
    try {
      req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(options);
    } catch (error) {
      finish(classifyNetworkError(error, target)); // e.g. an invalid character in a header value
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(classifyNetworkError(error, target)));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const received = (): HttpExchange => ({
        url,
        status: res.statusCode ?? 0,
        headers: flattenHeaders(res),
        body: Buffer.concat(chunks),
        latencyMs,
        certExpiresAt,
      });
      const latencyMs = performance.now() - started;
      const certExpiresAt = peerCertificateExpiry(res);
      receivedSoFar = received;
      const failWith = (failure: ProbeFailure) => finish(new ResponseFailure(failure, received()));
      const tooLarge = () =>
        failWith(
          new ProbeFailure(
            'body_too_large',
            `response body is larger than ${formatBytes(spec.maxBodyBytes)}`,
          ),
        );
      if (Number(res.headers['content-length']) > spec.maxBodyBytes) {
        tooLarge();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > spec.maxBodyBytes) tooLarge();
        else chunks.push(chunk);
      });
      res.on('error', (error) => failWith(classifyNetworkError(error, target)));
      res.on('close', () => {
        if (!res.complete) {
          failWith(
            new ProbeFailure(
              'connection_reset',
              `${target} closed the connection before the response was complete`,
            ),
          );
        }
      });
      res.on('end', () => finish(null, received()));
    });
    req.end(spec.body);
  });
}

/** A failure after the response headers arrived: keeps what was received (status, headers, partial body). */
export class ResponseFailure extends ProbeFailure {
  readonly exchange: HttpExchange;
  constructor(failure: ProbeFailure, exchange: HttpExchange) {
    super(failure.errorClass, failure.message);
    this.exchange = exchange;
  }
}

export interface RedirectPolicy {
  follow: boolean;
  max: number;
  /** Header names (lower case) not sent once a redirect leaves the original origin. */
  sensitiveHeaders: Set<string>;
}

export interface FetchResult {
  /** The last response received (the final one, or the redirect that broke the rules); null if none. */
  exchange: HttpExchange | null;
  /** Of the first request. */
  latencyMs: number | null;
  /** Of the first https response in the chain. */
  certExpiresAt: number | null;
  failure: ProbeFailure | null;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Sends `spec`, following redirects per `policy`. Never rejects: failures come back in the result. */
export async function fetchFollowingRedirects(
  spec: RequestSpec,
  policy: RedirectPolicy,
  signal: AbortSignal,
): Promise<FetchResult> {
  const result: FetchResult = { exchange: null, latencyMs: null, certExpiresAt: null, failure: null };
  const visited = new Set([spec.url.href]);
  let current = spec;
  for (let redirects = 0; ; redirects++) {
    try {
      result.exchange = await sendRequest(current, signal);
    } catch (error) {
      result.failure = classifyNetworkError(error, current.url.host);
      if (error instanceof ResponseFailure) {
        result.exchange = error.exchange;
        result.latencyMs ??= error.exchange.latencyMs;
        result.certExpiresAt ??= error.exchange.certExpiresAt;
      }
      return result;
    }
    const { status, headers } = result.exchange;
    result.latencyMs ??= result.exchange.latencyMs;
    result.certExpiresAt ??= result.exchange.certExpiresAt;
    const location = headers.location;
    if (!policy.follow || !redirectStatuses.has(status) || location === undefined) return result;

    let next: URL;
    try {
      next = new URL(location, current.url);
    } catch {
      result.failure = new ProbeFailure('unknown', `redirect to an invalid location: ${location}`);
      return result;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      result.failure = new ProbeFailure('unknown', `redirect to a non-HTTP location: ${next.href}`);
      return result;
    }
    if (visited.has(next.href)) {
      result.failure = new ProbeFailure(
        'too_many_redirects',
        `redirect loop: ${current.url.href} → ${next.href}`,
      );
      return result;
    }
    if (redirects >= policy.max) {
      result.failure = new ProbeFailure(
        'too_many_redirects',
        `more than ${policy.max} redirect${policy.max === 1 ? '' : 's'} (last: ${status} → ${next.href})`,
      );
      return result;
    }
    visited.add(next.href);
    current = redirectedSpec(current, next, status, spec.url, policy.sensitiveHeaders);
  }
}

/** 303 (and 301/302 after a POST, as browsers do) turn into a GET without a body; 307/308 keep both. */
function redirectedSpec(
  previous: RequestSpec,
  next: URL,
  status: number,
  origin: URL,
  sensitive: Set<string>,
): RequestSpec {
  const toGet =
    status === 303
      ? previous.method !== 'HEAD'
      : (status === 301 || status === 302) && previous.method === 'POST';
  const crossOrigin = next.origin !== origin.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    const lower = name.toLowerCase();
    if (toGet && (lower === 'content-type' || lower === 'content-length')) continue;
    if (crossOrigin && (sensitive.has(lower) || lower === 'authorization' || lower === 'cookie')) continue;
    headers[name] = value;
  }
  return {
    ...previous,
    url: next,
    method: toGet ? 'GET' : previous.method,
    body: toGet ? undefined : previous.body,
    headers,
  };
}

function peerCertificateExpiry(res: IncomingMessage): number | null {
  const socket = res.socket;
  if (!(socket instanceof TLSSocket)) return null;
  const validTo = socket.getPeerCertificate().valid_to;
  if (!validTo) return null;
  const at = Date.parse(validTo);
  return Number.isNaN(at) ? null : at;
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
