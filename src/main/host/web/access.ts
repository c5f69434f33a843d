// Who may talk to the web host: the right Host header (no DNS rebinding), no foreign Origin,
// and the per-start token, presented once in the URL and then as an HttpOnly cookie.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Cookies are shared by every port of a host: the port in the name keeps two servers apart. */
export function tokenCookie(port: number): string {
  return `cockpit_token_${port}`;
}

export type AccessDecision =
  { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export interface AccessPolicy {
  token: string;
  cookieName: string;
  /** Host header values this server answers to, e.g. "127.0.0.1:4173" and "localhost:4173". */
  allowedHosts: Set<string>;
  /** Origins allowed to make requests: exactly this server's own. */
  allowedOrigins: Set<string>;
}

export function checkAccess(req: IncomingMessage, url: URL, policy: AccessPolicy): AccessDecision {
  const host = req.headers.host ?? '';
  if (!policy.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host "${host}" is not this server.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !policy.allowedOrigins.has(origin)) {
    return { ok: false, status: 403, reason: `Requests from origin "${origin}" are refused.` };
  }
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null) {
    return sameSecret(queryToken, policy.token)
      ? { ok: true, viaQuery: true }
      : { ok: false, status: 401, reason: 'Wrong token.' };
  }
  const cookieToken = readCookie(req.headers.cookie, policy.cookieName);
  if (cookieToken !== undefined && sameSecret(cookieToken, policy.token))
    return { ok: true, viaQuery: false };
  return { ok: false, status: 401, reason: 'Missing token. Open the URL that `cockpit serve` printed.' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
