// One Content-Security-Policy for every host that serves the renderer (Electron file://, web host, dev server).

/** `header`: frame-ancestors only works in an HTTP header, not in a <meta> tag. */
export function contentSecurityPolicy(options: { dev: boolean; header?: boolean }): string {
  const directives = [
    "default-src 'self'",
    options.dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    options.dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    options.dev ? "connect-src 'self' ws: http://localhost:*" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (options.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
