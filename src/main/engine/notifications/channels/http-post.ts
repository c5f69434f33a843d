// One JSON POST with a time limit, for the webhook channels. Failures become one readable sentence
// that names the host but never the URL's path or query (where webhook tokens live).
export class DeliveryError extends Error {}

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeliveryError('the webhook URL in the secret is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new DeliveryError(`the webhook URL must be http(s), not ${parsed.protocol}`);
  }
  const host = parsed.host;
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'release-cockpit' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new DeliveryError(describeFetchError(error, host, timeoutMs));
  }
  const answer = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299) {
    const said = answer.trim().replace(/\s+/g, ' ').slice(0, 200);
    throw new DeliveryError(
      `${host} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` +
        (said ? `: ${said}` : ''),
    );
  }
}

function describeFetchError(error: unknown, host: string, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `${host} did not answer within ${formatMs(timeoutMs)}`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection (is the receiver running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host}: no such host`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before answering`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${host} did not answer within ${formatMs(timeoutMs)}`;
    default:
      return `${host}: ${cause?.message ?? (error as Error).message}`;
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
