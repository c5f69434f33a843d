// Reading a request's target as a path on this server, and the redirect back to it after the token
// trade: only ever a path here. Browsers read "//host", "/\host" and "\\host" as another server.

const THIS_SERVER = 'cockpit.invalid';

/**
 * The request target as a URL on this server, or null when it is not an origin-form path
 * ("*", "http://other/…", or something no URL parser accepts). Dot segments are resolved, tabs and
 * newlines dropped and backslashes read as slashes, as a browser would.
 */
export function parseRequestTarget(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  try {
    // Prefixing the authority keeps "//evil.example" a path here (resolving against a base would not).
    const url = new URL(`http://${THIS_SERVER}${raw}`);
    return url.host === THIS_SERVER ? url : null;
  } catch {
    return null;
  }
}

/** A Location that stays on this origin: the path with exactly one leading slash, and the query. */
export function sameOriginLocation(url: URL): string {
  const location = `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
  // Belt and braces: whatever the string became, a browser must resolve it to this origin.
  const resolved = new URL(location, `http://${THIS_SERVER}/`);
  return resolved.host === THIS_SERVER && !/[\\\s]/.test(location) ? location : '/';
}
