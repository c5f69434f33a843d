// One `http:` check: the request (with redirects, deadline and byte cap), then the assertions in the
// order a person would debug them: network, certificate, status, body, JSON, then the soft limits.
import { formatDuration } from '../../kernel/duration.ts';
import { environmentDefaults, type EnvironmentConfig, type HttpCheckConfig } from '../../config/index.ts';
import type { CheckResult } from './check-result.ts';
import { startDeadline } from './deadline.ts';
import { fetchFollowingRedirects, type FetchResult, type HttpExchange } from './http-exchange.ts';
import { jsonEqual, resolvePointer } from './json-pointer.ts';
import { ProbeFailure, oneLine } from './probe-failure.ts';
import { resolveHeaders, type ResolvedHeaders } from './secret-headers.ts';
import { describeStatusSpecs, statusMatches } from './status-spec.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HttpCheckContext {
  resolveSecret(name: string): string | undefined;
  signal?: AbortSignal;
  now(): number;
}

/** The check's URL: `path` resolved against the environment's url (an absolute URL is taken as is). */
export function checkUrl(env: EnvironmentConfig, path: string | undefined): URL {
  return path === undefined || path === '' ? new URL(env.url) : new URL(path, env.url);
}

export async function runHttpCheck(
  env: EnvironmentConfig,
  check: HttpCheckConfig,
  ctx: HttpCheckContext,
): Promise<CheckResult> {
  const defaults = environmentDefaults.http;
  const result: CheckResult = {
    state: 'up',
    errorClass: null,
    error: null,
    statusCode: null,
    latencyMs: null,
    certExpiresAt: null,
    exchange: null,
    secretValues: [],
  };
  const fail = (failure: ProbeFailure): CheckResult => ({
    ...result,
    state: 'down',
    errorClass: failure.errorClass,
    error: failure.message,
  });

  let url: URL;
  let resolved: ResolvedHeaders;
  try {
    url = checkUrl(env, check.path);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ProbeFailure('unknown', `not an http(s) URL: ${url.href}`);
    }
    resolved = resolveHeaders(check.headers, (name) => ctx.resolveSecret(name));
  } catch (error) {
    return fail(
      error instanceof ProbeFailure
        ? error
        : new ProbeFailure('unknown', `invalid check path: ${check.path}`),
    );
  }
  result.secretValues = resolved.secretValues;

  const timeoutMs = env.timeout ?? environmentDefaults.timeoutMs;
  const deadline = startDeadline(timeoutMs, ctx.signal);
  let fetched: FetchResult;
  try {
    fetched = await fetchFollowingRedirects(
      {
        url,
        method: check.method ?? defaults.method,
        headers: resolved.headers,
        body: check.body,
        tlsVerify: check.tls_verify ?? defaults.tlsVerify,
        maxBodyBytes: environmentDefaults.maxBodyBytes,
      },
      {
        follow: check.follow_redirects ?? defaults.followRedirects,
        max: check.max_redirects ?? defaults.maxRedirects,
        sensitiveHeaders: resolved.secretHeaders,
      },
      deadline.signal,
    );
  } finally {
    deadline.dispose();
  }
  result.exchange = fetched.exchange;
  result.statusCode = fetched.exchange?.status ?? null;
  result.latencyMs = fetched.latencyMs;
  result.certExpiresAt = fetched.certExpiresAt;
  if (fetched.failure) return fail(fetched.failure);
  const exchange = fetched.exchange!;

  const now = ctx.now();
  if (result.certExpiresAt !== null && result.certExpiresAt <= now) {
    return fail(new ProbeFailure('certificate', `certificate expired on ${isoDate(result.certExpiresAt)}`));
  }

  const hard = assertResponse(check, exchange);
  if (hard) return fail(hard);

  const warningDays = check.cert_expiry_warning_days ?? defaults.certExpiryWarningDays;
  if (result.certExpiresAt !== null && result.certExpiresAt - now < warningDays * DAY_MS) {
    const days = Math.floor((result.certExpiresAt - now) / DAY_MS);
    return {
      ...result,
      state: 'degraded',
      errorClass: 'certificate_expiring',
      error: `certificate expires in ${days} day${days === 1 ? '' : 's'} (${isoDate(result.certExpiresAt)})`,
    };
  }
  if (check.max_latency !== undefined && result.latencyMs !== null && result.latencyMs > check.max_latency) {
    return {
      ...result,
      state: 'degraded',
      errorClass: 'slow',
      error: `answered in ${formatDuration(result.latencyMs)} (max ${formatDuration(check.max_latency)})`,
    };
  }
  return result;
}

/** Status, body and JSON assertions; the first that fails, or null. */
function assertResponse(check: HttpCheckConfig, exchange: HttpExchange): ProbeFailure | null {
  const specs = check.expect_status ?? environmentDefaults.http.expectStatus;
  if (!statusMatches(exchange.status, specs)) {
    return new ProbeFailure(
      'http_status',
      `HTTP ${exchange.status} (expected ${describeStatusSpecs(specs)})`,
    );
  }
  if (check.body_contains === undefined && check.body_regex === undefined && check.json === undefined)
    return null;

  const text = exchange.body.toString('utf8');
  if (check.body_contains !== undefined && !text.includes(check.body_contains)) {
    return new ProbeFailure('body_mismatch', `body does not contain ${quote(check.body_contains)}`);
  }
  if (check.body_regex !== undefined && !new RegExp(check.body_regex).test(text)) {
    return new ProbeFailure('body_mismatch', `body does not match /${check.body_regex}/`);
  }
  if (check.json !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return new ProbeFailure('invalid_json', `body is not valid JSON: ${(error as Error).message}`);
    }
    const { pointer, equals, exists } = check.json;
    const found = resolvePointer(document, pointer);
    const where = `"${pointer}"`;
    if (equals !== undefined) {
      if (!found.found)
        return new ProbeFailure('json_mismatch', `${where} is missing (expected ${json(equals)})`);
      if (!jsonEqual(found.value, equals)) {
        return new ProbeFailure(
          'json_mismatch',
          `${where} is ${json(found.value)}, expected ${json(equals)}`,
        );
      }
    }
    // A pointer with neither `equals` nor `exists` asserts that the value exists.
    const mustExist = exists ?? (equals === undefined ? true : undefined);
    if (mustExist === true && !found.found) return new ProbeFailure('json_mismatch', `${where} is missing`);
    if (mustExist === false && found.found) {
      return new ProbeFailure(
        'json_mismatch',
        `${where} exists (${json(found.value)}), expected it to be absent`,
      );
    }
  }
  return null;
}

function quote(text: string): string {
  return JSON.stringify(oneLine(text, 80));
}

function json(value: unknown): string {
  return oneLine(JSON.stringify(value) ?? 'undefined', 80);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
