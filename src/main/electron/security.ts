// Hardening for every web page the app creates: no navigation away from the app (links, iframes and
// server redirects alike), no new windows or webviews, no permission but notifications and only for
// the app's own page, external links only to the system browser, strict CSP. The decisions live in
// navigation-policy.ts (tested without Electron); this file only wires them to Electron.
import { app, session, shell, type Event } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import {
  isExternalWebUrl,
  isPermissionAllowed,
  navigationVerdict,
  type AppLocation,
  type NavigationKind,
} from './navigation-policy.ts';

function openInBrowser(url: string, logger: Logger) {
  if (!isExternalWebUrl(url)) {
    logger.warn('refused to open a non-web link', {
      protocol: URL.canParse(url) ? new URL(url).protocol : '',
    });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn('could not open a link', { error }));
}

/** Call once, before the first window is created. */
export function hardenApp(location: AppLocation, logger: Logger): void {
  const guard = (kind: NavigationKind) => (event: Event<{ url: string }>) => {
    const verdict = navigationVerdict(event.url, kind, location);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'open-in-browser') openInBrowser(event.url, logger);
    else logger.warn('blocked a navigation away from the app', { kind, url: event.url.slice(0, 200) });
  };

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', guard('navigate'));
    // Main-frame navigations also come as will-navigate (handled above, once); subframes only here.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) guard('frame')(event);
    });
    contents.on('will-redirect', guard('redirect'));
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
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(
      { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame },
      location,
    );
    if (!allowed)
      logger.warn('refused a permission', { permission, from: details.requestingUrl.slice(0, 200) });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl,
        requestingOrigin,
        isMainFrame: details.isMainFrame,
        embeddingOrigin: details.embeddingOrigin,
      },
      location,
    ),
  );

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
