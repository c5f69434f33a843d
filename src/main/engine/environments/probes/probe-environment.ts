// Probes one remote environment: runs its checks in order, reads its version, and reports one
// ProbeOutcome. Never throws — every failure (network, TLS, assertions, bad config) is an outcome.
import {
  type CheckConfig,
  type EnvironmentConfig,
  environmentDefaults,
  type HttpCheckConfig,
} from '../../config/index.ts';
import { createMasker, type Masker } from '../../kernel/masking/masker.ts';
import type { ErrorClass, LastResponse } from '../../../../shared/domain/environment.ts';
import { stateRank, type CheckResult, type CheckState } from './check-result.ts';
import { startDeadline } from './deadline.ts';
import { fetchFollowingRedirects, type HttpExchange } from './http-exchange.ts';
import { checkUrl, runHttpCheck } from './http-check.ts';
import { oneLine } from './probe-failure.ts';
import { resolveHeaders } from './secret-headers.ts';
import { runTcpCheck } from './tcp-check.ts';
import { extractVersion } from './version.ts';

export interface ProbeContext {
  /** Value of a project secret for ${secrets.NAME} in header values; undefined if unset (→ the check fails with a clear error, never sends the literal). */
  resolveSecret(name: string): string | undefined;
  signal?: AbortSignal;
  /** Wall clock (ms epoch), used for certificate expiry. Latencies and deadlines use the real monotonic clock. */
  now(): number;
}

export interface ProbeOutcome {
  state: 'up' | 'degraded' | 'down';
  statusCode: number | null; // of the first http check (null for tcp-only)
  latencyMs: number | null; // of the first check that connected
  errorClass: ErrorClass | null;
  error: string | null; // readable one-line message, never a stack
  version: string | null;
  certExpiresAt: number | null; // ms epoch, https only
  response: LastResponse | null; // status, headers (lower-cased names), first 1 KiB of body as text
}

const PREVIEW_BYTES = 1024;

/**
 * Checks run in order and stop at the first `down` one (nothing later can make it worse). The state
 * is the worst seen; errorClass/error are those of the first check in that worst state. statusCode
 * and response come from the first http check; latencyMs from the first check that got an answer.
 * The version is read from the first http check's response when `version.path` is absent or the
 * same URL, else by one extra GET (skipped when the environment is down). Not finding a version only
 * makes `version` null: it never changes the state and is not mentioned in `error`.
 */
export async function probeEnvironment(env: EnvironmentConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  try {
    return await probe(env, ctx);
  } catch (error) {
    return {
      state: 'down',
      statusCode: null,
      latencyMs: null,
      errorClass: 'unknown',
      error: oneLine(error instanceof Error ? error.message : String(error)),
      version: null,
      certExpiresAt: null,
      response: null,
    };
  }
}

interface Ran {
  check: CheckConfig;
  result: CheckResult;
}

async function probe(env: EnvironmentConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const checks: CheckConfig[] = env.checks ?? [{ http: {} }];
  const ran: Ran[] = [];
  for (const check of checks) {
    const result =
      'http' in check ? await runHttpCheck(env, check.http, ctx) : await runTcpCheck(env, check.tcp, ctx);
    ran.push({ check, result });
    if (result.state === 'down') break;
  }

  const state = ran.reduce<CheckState>(
    (worst, { result }) => (stateRank[result.state] > stateRank[worst] ? result.state : worst),
    'up',
  );
  const reported = state === 'up' ? undefined : ran.find(({ result }) => result.state === state)?.result;
  const firstHttp = ran.find(
    (entry): entry is Ran & { check: { http: HttpCheckConfig } } => 'http' in entry.check,
  );

  const secretValues = ran.flatMap(({ result }) => result.secretValues);
  const version = await readVersion(env, ctx, firstHttp, state, secretValues);
  const masker = createMasker(secretValues);

  const latency = ran.find(({ result }) => result.latencyMs !== null)?.result.latencyMs ?? null;
  const exchange = firstHttp?.result.exchange ?? null;
  return {
    state,
    statusCode: firstHttp?.result.statusCode ?? null,
    latencyMs: latency === null ? null : Math.round(latency * 10) / 10,
    errorClass: reported?.errorClass ?? null,
    error: reported?.error == null ? null : masker.mask(reported.error),
    version: version === null ? null : masker.mask(version),
    certExpiresAt: ran.find(({ result }) => result.certExpiresAt !== null)?.result.certExpiresAt ?? null,
    response: exchange ? lastResponse(exchange, masker) : null,
  };
}

async function readVersion(
  env: EnvironmentConfig,
  ctx: ProbeContext,
  firstHttp: { check: { http: HttpCheckConfig }; result: CheckResult } | undefined,
  state: CheckState,
  secretValues: string[],
): Promise<string | null> {
  const config = env.version;
  if (config === undefined) return null;
  let url: URL;
  let firstUrl: URL | null;
  try {
    url = checkUrl(env, config.path);
    firstUrl = firstHttp ? checkUrl(env, firstHttp.check.http.path) : null;
  } catch {
    return null;
  }
  if (firstHttp && (config.path === undefined || url.href === firstUrl?.href)) {
    return firstHttp.result.exchange ? extractVersion(config, firstHttp.result.exchange) : null;
  }
  if (state === 'down' || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;

  // The extra GET carries the first http check's headers (auth, typically) only to that check's origin.
  const check = firstHttp?.check.http;
  let headers: Record<string, string> = {};
  if (check?.headers && firstUrl?.origin === url.origin) {
    try {
      const resolved = resolveHeaders(check.headers, (name) => ctx.resolveSecret(name));
      headers = resolved.headers;
      secretValues.push(...resolved.secretValues);
    } catch {
      headers = {};
    }
  }
  const deadline = startDeadline(env.timeout ?? environmentDefaults.timeoutMs, ctx.signal);
  try {
    const fetched = await fetchFollowingRedirects(
      {
        url,
        method: 'GET',
        headers,
        tlsVerify: check?.tls_verify ?? environmentDefaults.http.tlsVerify,
        maxBodyBytes: environmentDefaults.maxBodyBytes,
      },
      {
        follow: true,
        max: environmentDefaults.http.maxRedirects,
        sensitiveHeaders: new Set(Object.keys(headers).map((name) => name.toLowerCase())),
      },
      deadline.signal,
    );
    return fetched.failure === null && fetched.exchange ? extractVersion(config, fetched.exchange) : null;
  } finally {
    deadline.dispose();
  }
}

/** Secrets the check sent are masked here too: a server that echoes a header must not leak it. */
function lastResponse(exchange: HttpExchange, masker: Masker): LastResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.headers)) headers[name] = masker.mask(value);
  const text = masker.active
    ? masker.mask(exchange.body.toString('utf8'))
    : exchange.body.subarray(0, PREVIEW_BYTES + 4).toString('utf8');
  return { status: exchange.status, headers, bodyPreview: truncateUtf8(text, PREVIEW_BYTES) };
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // do not cut a character in two
  return bytes.subarray(0, end).toString('utf8');
}
