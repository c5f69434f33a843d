// Hardening for every web page the app creates: no navigation away from the app, no new windows or
// webviews, no permissions but notifications, external links only to the system browser, strict CSP.
import { pathToFileURL } from 'node:url';
import { app, session, shell } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import type { Logger } from '../engine/log/logger.ts';

export interface AppLocation {
  /** The dev server's URL (electron-vite dev), or undefined when loading the built files. */
  devUrl: string | undefined;
  rendererIndex: string;
}

/** True for the app's own page: the dev server's origin, or the built index.html file. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (location.devUrl) return target.origin === new URL(location.devUrl).origin;
  return target.protocol === 'file:' && target.pathname === pathToFileURL(location.rendererIndex).pathname;
}

function openInBrowser(url: string, logger: Logger) {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    logger.warn('refused to open a non-web link', { protocol });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn('could not open a link', { error }));
}

const allowedPermissions = new Set<string>(['notifications']);

/** Call once, before the first window is created. */
export function hardenApp(location: AppLocation, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isAppUrl(event.url, location)) return;
      event.preventDefault();
      openInBrowser(event.url, logger);
    });
    contents.setWindowOpenHandler(({ url }) => {
      openInBrowser(url, logger);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('refused to attach a webview');
    });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowedPermissions.has(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => allowedPermissions.has(permission));

  // Applies to http(s) responses (the dev server); built file:// pages carry the same policy in a
  // <meta> tag, minus frame-ancestors, which only works as a header.
  const policy = contentSecurityPolicy({ dev: location.devUrl !== undefined, header: true });
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
